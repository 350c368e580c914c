// RUN: mote-opt %s -split-input-file --mote-in-place-conv | FileCheck %s
// RUN: mote-opt %s -split-input-file --mote-in-place-conv --mote-plan-memory | FileCheck %s --check-prefix=PLAN

// conv -> depthwise -> pointwise expansion (4 -> 16 channels) -> reduction.
// The peak is the expansion: 1 KiB in + 4 KiB out. In place it is 4 KiB plus
// a scratch of 4 channels x 32 pixels. The depthwise step (2 KiB) is below
// the peak either way, so it stays an ordinary convolution.
// CHECK-LABEL: func.func @expansion
// CHECK: mote.conv2d %arg3, %arg0
// CHECK: mote.conv2d %[[A:.*]], %{{.*}}, %[[B:.*]] {{{.*}}group = 4 : i64
// CHECK: %[[S:.*]] = memref.alloc() : memref<128xf32>
// CHECK: mote.conv2d_in_place %[[B]], %{{.*}}, %[[S]], %[[C:.*]] {{{.*}}group = 1 : i64
// CHECK: mote.reduce %[[C]]
// The two buffers of the in-place kernel share an offset; the arena is the
// 4 KiB buffer and the scratch next to it, not 5 KiB.
// PLAN-LABEL: func.func @expansion
// PLAN-SAME: mote.arena_bytes = 4608 : i64
// PLAN: %[[B:.*]] = mote.arena_slice [[OFF:[0-9]+]] {live_range = array<i64: 3, 6>} : memref<1x4x8x8xf32>
// PLAN: %[[C:.*]] = mote.arena_slice [[OFF]] {{.*}} : memref<1x16x8x8xf32>
// PLAN: mote.conv2d_in_place %[[B]], %{{.*}}, %{{.*}}, %[[C]]
func.func @expansion(%w0: memref<4x2x3x3xf32>, %wd: memref<4x1x3x3xf32>, %wp: memref<16x4x1x1xf32>, %x: memref<1x2x8x8xf32>, %out: memref<1x16x1x1xf32>) {
  %a = memref.alloc() : memref<1x4x8x8xf32>
  mote.conv2d %x, %w0, %a {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : (memref<1x2x8x8xf32>, memref<4x2x3x3xf32>, memref<1x4x8x8xf32>) -> ()
  %b = memref.alloc() : memref<1x4x8x8xf32>
  mote.conv2d %a, %wd, %b {dilations = array<i64: 1, 1>, group = 4 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : (memref<1x4x8x8xf32>, memref<4x1x3x3xf32>, memref<1x4x8x8xf32>) -> ()
  %c = memref.alloc() : memref<1x16x8x8xf32>
  mote.conv2d %b, %wp, %c {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (memref<1x4x8x8xf32>, memref<16x4x1x1xf32>, memref<1x16x8x8xf32>) -> ()
  mote.reduce %c, %out {axes = array<i64: 2, 3>, kind = #mote<reduce mean>} : (memref<1x16x8x8xf32>, memref<1x16x1x1xf32>) -> ()
  return
}

// -----

// The expansion's input is read again afterwards: overwriting it would be
// wrong, whatever it saves.
// CHECK-LABEL: func.func @input_read_later
// CHECK-NOT: conv2d_in_place
// CHECK: return
func.func @input_read_later(%wp: memref<16x4x1x1xf32>, %x: memref<1x4x8x8xf32>, %out: memref<1x16x8x8xf32>, %out2: memref<1x4x1x1xf32>) {
  %b = memref.alloc() : memref<1x4x8x8xf32>
  mote.activation %x, %b {act = #mote<act relu>} : (memref<1x4x8x8xf32>, memref<1x4x8x8xf32>) -> ()
  %c = memref.alloc() : memref<1x16x8x8xf32>
  mote.conv2d %b, %wp, %c {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (memref<1x4x8x8xf32>, memref<16x4x1x1xf32>, memref<1x16x8x8xf32>) -> ()
  mote.reduce %b, %out2 {axes = array<i64: 2, 3>, kind = #mote<reduce mean>} : (memref<1x4x8x8xf32>, memref<1x4x1x1xf32>) -> ()
  mote.activation %c, %out {act = #mote<act relu>} : (memref<1x16x8x8xf32>, memref<1x16x8x8xf32>) -> ()
  return
}

// -----

// A strided depthwise convolution at the peak: its 16x16 planes shrink to
// 8x8 over themselves, with one output plane of scratch.
// CHECK-LABEL: func.func @strided_depthwise
// CHECK: %[[S:.*]] = memref.alloc() : memref<64xf32>
// CHECK: mote.conv2d_in_place %[[A:.*]], %{{.*}}, %[[S]], %[[B:.*]] {{{.*}}group = 8 : i64
func.func @strided_depthwise(%wd: memref<8x1x3x3xf32>, %x: memref<1x8x16x16xf32>, %out: memref<1x8x8x8xf32>) {
  %a = memref.alloc() : memref<1x8x16x16xf32>
  mote.activation %x, %a {act = #mote<act relu>} : (memref<1x8x16x16xf32>, memref<1x8x16x16xf32>) -> ()
  %b = memref.alloc() : memref<1x8x8x8xf32>
  mote.conv2d %a, %wd, %b {dilations = array<i64: 1, 1>, group = 8 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (memref<1x8x16x16xf32>, memref<8x1x3x3xf32>, memref<1x8x8x8xf32>) -> ()
  mote.activation %b, %out {act = #mote<act relu>} : (memref<1x8x8x8xf32>, memref<1x8x8x8xf32>) -> ()
  return
}

// -----

// A 3x3 convolution mixing channels cannot overwrite its input.
// CHECK-LABEL: func.func @full_conv
// CHECK-NOT: conv2d_in_place
// CHECK: return
func.func @full_conv(%w: memref<16x4x3x3xf32>, %x: memref<1x4x8x8xf32>, %out: memref<1x16x8x8xf32>) {
  %a = memref.alloc() : memref<1x4x8x8xf32>
  mote.activation %x, %a {act = #mote<act relu>} : (memref<1x4x8x8xf32>, memref<1x4x8x8xf32>) -> ()
  %c = memref.alloc() : memref<1x16x8x8xf32>
  mote.conv2d %a, %w, %c {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : (memref<1x4x8x8xf32>, memref<16x4x3x3xf32>, memref<1x16x8x8xf32>) -> ()
  mote.activation %c, %out {act = #mote<act relu>} : (memref<1x16x8x8xf32>, memref<1x16x8x8xf32>) -> ()
  return
}
