// RUN: mote-opt %s -split-input-file --mote-forward-outputs | FileCheck %s

// The softmax writes straight into the out-parameter; the copy is gone.
// CHECK-LABEL: func.func @forward
// CHECK-SAME: (%[[IN:.*]]: memref<1x10xf32>, %[[OUT:.*]]: memref<1x10xf32>)
// CHECK-NOT: memref.alloc
// CHECK: mote.softmax %[[IN]], %[[OUT]]
// CHECK-NOT: memref.copy
func.func @forward(%in: memref<1x10xf32>, %out: memref<1x10xf32>) {
  %buf = memref.alloc() : memref<1x10xf32>
  mote.softmax %in, %buf {axis = 1 : i64} : (memref<1x10xf32>, memref<1x10xf32>) -> ()
  memref.copy %buf, %out : memref<1x10xf32> to memref<1x10xf32>
  return
}

// -----

// The buffer is read after the copy: it must stay.
// CHECK-LABEL: func.func @read_after_copy
// CHECK: %[[BUF:.*]] = memref.alloc
// CHECK: memref.copy %[[BUF]]
// CHECK: mote.activation %[[BUF]]
func.func @read_after_copy(%in: memref<4xf32>, %out: memref<4xf32>, %out2: memref<4xf32>) {
  %buf = memref.alloc() : memref<4xf32>
  mote.activation %in, %buf {act = #mote<act relu>} : (memref<4xf32>, memref<4xf32>) -> ()
  memref.copy %buf, %out : memref<4xf32> to memref<4xf32>
  mote.activation %buf, %out2 {act = #mote<act tanh>} : (memref<4xf32>, memref<4xf32>) -> ()
  return
}

// -----

// One buffer returned twice: the last copy is forwarded, the first now copies
// from the forwarded output.
// CHECK-LABEL: func.func @returned_twice
// CHECK-SAME: (%[[IN:.*]]: memref<4xf32>, %[[O1:.*]]: memref<4xf32>, %[[O2:.*]]: memref<4xf32>)
// CHECK-NEXT: mote.activation %[[IN]], %[[O2]]
// CHECK-NEXT: memref.copy %[[O2]], %[[O1]]
// CHECK-NEXT: return
func.func @returned_twice(%in: memref<4xf32>, %o1: memref<4xf32>, %o2: memref<4xf32>) {
  %buf = memref.alloc() : memref<4xf32>
  mote.activation %in, %buf {act = #mote<act relu>} : (memref<4xf32>, memref<4xf32>) -> ()
  memref.copy %buf, %o1 : memref<4xf32> to memref<4xf32>
  memref.copy %buf, %o2 : memref<4xf32> to memref<4xf32>
  return
}

// -----

// A copy from a function input (an Identity model) is not an allocation.
// CHECK-LABEL: func.func @copy_from_input
// CHECK: memref.copy
func.func @copy_from_input(%in: memref<4xf32>, %out: memref<4xf32>) {
  memref.copy %in, %out : memref<4xf32> to memref<4xf32>
  return
}

// -----

// The output is a view of the buffer: the kernel writes the out-parameter
// reinterpreted with the buffer's shape, and the view and the copy go.
// CHECK-LABEL: func.func @through_view
// CHECK-SAME: (%[[IN:.*]]: memref<3x7xf32>, %[[OUT:.*]]: memref<21xf32>)
// CHECK-NEXT: %[[R:.*]] = memref.reinterpret_cast %[[OUT]] to offset: [0], sizes: [3, 7], strides: [7, 1]
// CHECK-NEXT: mote.activation %[[IN]], %[[R]]
// CHECK-NEXT: return
func.func @through_view(%in: memref<3x7xf32>, %out: memref<21xf32>) {
  %buf = memref.alloc() : memref<3x7xf32>
  mote.activation %in, %buf {act = #mote<act relu>} : (memref<3x7xf32>, memref<3x7xf32>) -> ()
  %flat = memref.collapse_shape %buf [[0, 1]] : memref<3x7xf32> into memref<21xf32>
  memref.copy %flat, %out : memref<21xf32> to memref<21xf32>
  return
}
