// RUN: mote-opt %s -split-input-file --mote-concat-in-place | FileCheck %s

// Two activations feed a channel concat (batch 1): they write into the
// result at offsets 0 and 2*4*4 = 32 elements, and the concat is gone.
// CHECK-LABEL: func.func @channels
// CHECK: %[[OUT:.*]] = memref.alloc() : memref<1x5x4x4xf32>
// CHECK: %[[A:.*]] = memref.reinterpret_cast %[[OUT]] to offset: [0], sizes: [1, 2, 4, 4], strides: [32, 16, 4, 1] : memref<1x5x4x4xf32> to memref<1x2x4x4xf32, strided<[32, 16, 4, 1]>>
// CHECK: mote.activation %arg0, %[[A]]
// CHECK: %[[B:.*]] = memref.reinterpret_cast %[[OUT]] to offset: [32], sizes: [1, 3, 4, 4], strides: [48, 16, 4, 1] : memref<1x5x4x4xf32> to memref<1x3x4x4xf32, strided<[48, 16, 4, 1], offset: 32>>
// CHECK: mote.activation %arg1, %[[B]]
// CHECK-NOT: mote.concat
// CHECK: mote.activation %[[OUT]], %arg2
func.func @channels(%x: memref<1x2x4x4xf32>, %y: memref<1x3x4x4xf32>, %r: memref<1x5x4x4xf32>) {
  %a = memref.alloc() : memref<1x2x4x4xf32>
  mote.activation %x, %a {act = #mote<act relu>} : (memref<1x2x4x4xf32>, memref<1x2x4x4xf32>) -> ()
  %b = memref.alloc() : memref<1x3x4x4xf32>
  mote.activation %y, %b {act = #mote<act tanh>} : (memref<1x3x4x4xf32>, memref<1x3x4x4xf32>) -> ()
  %c = memref.alloc() : memref<1x5x4x4xf32>
  mote.concat %a, %b, %c {axis = 1 : i64} : (memref<1x2x4x4xf32>, memref<1x3x4x4xf32>, memref<1x5x4x4xf32>) -> ()
  mote.activation %c, %r {act = #mote<act relu>} : (memref<1x5x4x4xf32>, memref<1x5x4x4xf32>) -> ()
  return
}

// -----

// The result is the caller's output: the inputs are written straight into it.
// CHECK-LABEL: func.func @into_output
// CHECK: memref.reinterpret_cast %arg1 to offset: [0]
// CHECK: memref.reinterpret_cast %arg1 to offset: [4]
// CHECK-NOT: mote.concat
func.func @into_output(%x: memref<4xf32>, %r: memref<8xf32>) {
  %a = memref.alloc() : memref<4xf32>
  mote.activation %x, %a {act = #mote<act relu>} : (memref<4xf32>, memref<4xf32>) -> ()
  %b = memref.alloc() : memref<4xf32>
  mote.activation %x, %b {act = #mote<act tanh>} : (memref<4xf32>, memref<4xf32>) -> ()
  mote.concat %a, %b, %r {axis = 0 : i64} : (memref<4xf32>, memref<4xf32>, memref<8xf32>) -> ()
  return
}

// -----

// Kept: an input read after the concat, an input that is the caller's, a
// slice that is not contiguous (batch 2), and one input twice.
// CHECK-LABEL: func.func @kept
// CHECK-COUNT-4: mote.concat
// CHECK-NOT: reinterpret_cast
func.func @kept(%x: memref<1x2xf32>, %r0: memref<1x4xf32>, %r1: memref<1x2xf32>, %r2: memref<1x4xf32>,
                %x2: memref<2x2xf32>, %r3: memref<2x4xf32>, %r4: memref<1x4xf32>) {
  %a = memref.alloc() : memref<1x2xf32>
  mote.activation %x, %a {act = #mote<act relu>} : (memref<1x2xf32>, memref<1x2xf32>) -> ()
  %b = memref.alloc() : memref<1x2xf32>
  mote.activation %x, %b {act = #mote<act relu>} : (memref<1x2xf32>, memref<1x2xf32>) -> ()
  mote.concat %a, %b, %r0 {axis = 1 : i64} : (memref<1x2xf32>, memref<1x2xf32>, memref<1x4xf32>) -> ()
  mote.activation %a, %r1 {act = #mote<act tanh>} : (memref<1x2xf32>, memref<1x2xf32>) -> ()
  %c = memref.alloc() : memref<1x2xf32>
  mote.activation %x, %c {act = #mote<act relu>} : (memref<1x2xf32>, memref<1x2xf32>) -> ()
  mote.concat %x, %c, %r2 {axis = 1 : i64} : (memref<1x2xf32>, memref<1x2xf32>, memref<1x4xf32>) -> ()
  %d = memref.alloc() : memref<2x2xf32>
  mote.activation %x2, %d {act = #mote<act relu>} : (memref<2x2xf32>, memref<2x2xf32>) -> ()
  %e = memref.alloc() : memref<2x2xf32>
  mote.activation %x2, %e {act = #mote<act relu>} : (memref<2x2xf32>, memref<2x2xf32>) -> ()
  mote.concat %d, %e, %r3 {axis = 1 : i64} : (memref<2x2xf32>, memref<2x2xf32>, memref<2x4xf32>) -> ()
  %f = memref.alloc() : memref<1x2xf32>
  mote.activation %x, %f {act = #mote<act relu>} : (memref<1x2xf32>, memref<1x2xf32>) -> ()
  mote.concat %f, %f, %r4 {axis = 1 : i64} : (memref<1x2xf32>, memref<1x2xf32>, memref<1x4xf32>) -> ()
  return
}
