// RUN: mote-opt %s -mote-fold-constants -split-input-file | FileCheck %s

// CHECK-LABEL: func.func @binary_broadcast
// CHECK-NEXT: %[[C:.*]] = arith.constant dense<{{\[\[}}1.100000e+01, 2.200000e+01, 3.300000e+01], [1.400000e+01, 2.500000e+01, 3.600000e+01]]> : tensor<2x3xf32>
// CHECK-NEXT: return %[[C]]
func.func @binary_broadcast() -> tensor<2x3xf32> {
  %a = arith.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>
  %b = arith.constant dense<[10.0, 20.0, 30.0]> : tensor<3xf32>
  %e = tensor.empty() : tensor<2x3xf32>
  %0 = mote.binary %a, %b, %e {kind = #mote<binary add>} : (tensor<2x3xf32>, tensor<3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// A [2,1] column against a [3] row: both operands broadcast.
// CHECK-LABEL: func.func @binary_outer_broadcast
// CHECK-NEXT: arith.constant dense<{{\[\[}}1.000000e+00, 2.000000e+00, 3.000000e+00], [1.000000e+01, 2.000000e+01, 3.000000e+01]]> : tensor<2x3xf32>
func.func @binary_outer_broadcast() -> tensor<2x3xf32> {
  %a = arith.constant dense<[[1.0], [10.0]]> : tensor<2x1xf32>
  %b = arith.constant dense<[1.0, 2.0, 3.0]> : tensor<3xf32>
  %e = tensor.empty() : tensor<2x3xf32>
  %0 = mote.binary %a, %b, %e {kind = #mote<binary mul>} : (tensor<2x1xf32>, tensor<3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func.func @kinds
// CHECK-DAG: %[[SUB:.*]] = arith.constant dense<[-1.000000e+00, -4.000000e+00, 1.000000e+00, 6.000000e+00]>
// CHECK-DAG: %[[MUL:.*]] = arith.constant dense<[2.000000e+00, -4.000000e+00, 6.000000e+00, 1.600000e+01]>
// CHECK-DAG: %[[DIV:.*]] = arith.constant dense<[5.000000e-01, -1.000000e+00, 1.500000e+00, 4.000000e+00]>
// CHECK-DAG: %[[MAX:.*]] = arith.constant dense<[2.000000e+00, 2.000000e+00, 3.000000e+00, 8.000000e+00]>
// CHECK-DAG: %[[MIN:.*]] = arith.constant dense<[1.000000e+00, -2.000000e+00, 2.000000e+00, 2.000000e+00]>
// CHECK: return %[[SUB]], %[[MUL]], %[[DIV]], %[[MAX]], %[[MIN]]
func.func @kinds() -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) {
  %a = arith.constant dense<[1.0, -2.0, 3.0, 8.0]> : tensor<4xf32>
  %b = arith.constant dense<2.0> : tensor<f32>
  %e = tensor.empty() : tensor<4xf32>
  %0 = mote.binary %a, %b, %e {kind = #mote<binary sub>} : (tensor<4xf32>, tensor<f32>, tensor<4xf32>) -> tensor<4xf32>
  %1 = mote.binary %a, %b, %e {kind = #mote<binary mul>} : (tensor<4xf32>, tensor<f32>, tensor<4xf32>) -> tensor<4xf32>
  %2 = mote.binary %a, %b, %e {kind = #mote<binary div>} : (tensor<4xf32>, tensor<f32>, tensor<4xf32>) -> tensor<4xf32>
  %3 = mote.binary %a, %b, %e {kind = #mote<binary max>} : (tensor<4xf32>, tensor<f32>, tensor<4xf32>) -> tensor<4xf32>
  %4 = mote.binary %a, %b, %e {kind = #mote<binary min>} : (tensor<4xf32>, tensor<f32>, tensor<4xf32>) -> tensor<4xf32>
  return %0, %1, %2, %3, %4 : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
}

// -----

// The sqrt activation (BatchNormalization's sqrt(var + eps)) is folded too.
// CHECK-LABEL: func.func @sqrt
// CHECK-NEXT: %[[C:.*]] = arith.constant dense<[2.000000e+00, 4.000000e+00]> : tensor<2xf32>
// CHECK-NEXT: return %[[C]]
func.func @sqrt() -> tensor<2xf32> {
  %a = arith.constant dense<[3.0, 15.0]> : tensor<2xf32>
  %b = arith.constant dense<1.0> : tensor<f32>
  %e = tensor.empty() : tensor<2xf32>
  %0 = mote.binary %a, %b, %e {act = #mote<act sqrt>, kind = #mote<binary add>} : (tensor<2xf32>, tensor<f32>, tensor<2xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// Other activations are left to the kernel.
// CHECK-LABEL: func.func @relu_not_folded
// CHECK: mote.binary {{.*}} {act = #mote<act relu>, kind = #mote<binary add>}
func.func @relu_not_folded() -> tensor<2xf32> {
  %a = arith.constant dense<[3.0, -15.0]> : tensor<2xf32>
  %e = tensor.empty() : tensor<2xf32>
  %0 = mote.binary %a, %a, %e {act = #mote<act relu>, kind = #mote<binary add>} : (tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// CHECK-LABEL: func.func @not_constant
// CHECK: mote.binary %{{.*}}, %arg0, %{{.*}} {kind = #mote<binary add>}
func.func @not_constant(%x: tensor<2xf32>) -> tensor<2xf32> {
  %a = arith.constant dense<[3.0, -15.0]> : tensor<2xf32>
  %e = tensor.empty() : tensor<2xf32>
  %0 = mote.binary %a, %x, %e {kind = #mote<binary add>} : (tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// CHECK-LABEL: func.func @transpose
// CHECK-NEXT: %[[C:.*]] = arith.constant dense<{{\[\[}}1.000000e+00, 4.000000e+00], [2.000000e+00, 5.000000e+00], [3.000000e+00, 6.000000e+00]]> : tensor<3x2xf32>
// CHECK-NEXT: return %[[C]]
func.func @transpose() -> tensor<3x2xf32> {
  %a = arith.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>
  %e = tensor.empty() : tensor<3x2xf32>
  %0 = mote.transpose %a, %e {perm = array<i64: 1, 0>} : (tensor<2x3xf32>, tensor<3x2xf32>) -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

// out[i, j, k] = in[j, k, i] for perm [2, 0, 1] of a [2, 1, 3] input.
// CHECK-LABEL: func.func @transpose_3d
// CHECK-NEXT: arith.constant dense<{{\[\[\[}}1.000000e+00], [4.000000e+00]], {{\[\[}}2.000000e+00], [5.000000e+00]], {{\[\[}}3.000000e+00], [6.000000e+00]]]> : tensor<3x2x1xf32>
func.func @transpose_3d() -> tensor<3x2x1xf32> {
  %a = arith.constant dense<[[[1.0, 2.0, 3.0]], [[4.0, 5.0, 6.0]]]> : tensor<2x1x3xf32>
  %e = tensor.empty() : tensor<3x2x1xf32>
  %0 = mote.transpose %a, %e {perm = array<i64: 2, 0, 1>} : (tensor<2x1x3xf32>, tensor<3x2x1xf32>) -> tensor<3x2x1xf32>
  return %0 : tensor<3x2x1xf32>
}

// -----

// CHECK-LABEL: func.func @reshapes
// CHECK-DAG: %[[E:.*]] = arith.constant dense<{{\[\[}}1.000000e+00, 2.000000e+00], [3.000000e+00, 4.000000e+00]]> : tensor<2x2xf32>
// CHECK-DAG: %[[C:.*]] = arith.constant dense<[5.000000e+00, 6.000000e+00, 7.000000e+00, 8.000000e+00]> : tensor<4xf32>
// CHECK: return %[[E]], %[[C]]
// CHECK-NOT: tensor.
func.func @reshapes() -> (tensor<2x2xf32>, tensor<4xf32>) {
  %a = arith.constant dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32>
  %0 = tensor.expand_shape %a [[0, 1]] output_shape [2, 2] : tensor<4xf32> into tensor<2x2xf32>
  %b = arith.constant dense<[[5.0, 6.0], [7.0, 8.0]]> : tensor<2x2xf32>
  %1 = tensor.collapse_shape %b [[0, 1]] : tensor<2x2xf32> into tensor<4xf32>
  return %0, %1 : tensor<2x2xf32>, tensor<4xf32>
}

// -----

// A reshaped blob is the same blob under another type: nothing is copied.
// CHECK-LABEL: func.func @reshape_resource
// CHECK-NEXT: %[[C:.*]] = arith.constant dense_resource<blob> : tensor<2x1xf32>
// CHECK-NEXT: return %[[C]]
// CHECK: blob: "0x040000000000803F00000040"
func.func @reshape_resource() -> tensor<2x1xf32> {
  %a = arith.constant dense_resource<blob> : tensor<2xf32>
  %0 = tensor.expand_shape %a [[0, 1]] output_shape [2, 1] : tensor<2xf32> into tensor<2x1xf32>
  return %0 : tensor<2x1xf32>
}
{-#
  dialect_resources: {
    builtin: {
      blob: "0x040000000000803F00000040"
    }
  }
#-}

// -----

// Folding iterates: reshape, then transpose, then the product.
// CHECK-LABEL: func.func @chain
// CHECK-NEXT: %[[C:.*]] = arith.constant dense<{{\[\[}}1.000000e+00, 6.000000e+00], [6.000000e+00, 1.600000e+01]]> : tensor<2x2xf32>
// CHECK-NEXT: return %[[C]]
func.func @chain() -> tensor<2x2xf32> {
  %a = arith.constant dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32>
  %0 = tensor.expand_shape %a [[0, 1]] output_shape [2, 2] : tensor<4xf32> into tensor<2x2xf32>
  %e = tensor.empty() : tensor<2x2xf32>
  %1 = mote.transpose %0, %e {perm = array<i64: 1, 0>} : (tensor<2x2xf32>, tensor<2x2xf32>) -> tensor<2x2xf32>
  %2 = mote.binary %1, %0, %e {kind = #mote<binary mul>} : (tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>) -> tensor<2x2xf32>
  return %2 : tensor<2x2xf32>
}

// -----

// Above 64 elements a folded result is a blob, not an inline dense attr.
// CHECK-LABEL: func.func @large
// CHECK-NEXT: %[[C:.*]] = arith.constant dense_resource<folded> : tensor<8x9xf32>
// CHECK-NEXT: return %[[C]]
// CHECK: folded: "0x04000000{{(00000040){72}"}}
func.func @large() -> tensor<8x9xf32> {
  %a = arith.constant dense<1.0> : tensor<8x9xf32>
  %e = tensor.empty() : tensor<8x9xf32>
  %0 = mote.binary %a, %a, %e {kind = #mote<binary add>} : (tensor<8x9xf32>, tensor<8x9xf32>, tensor<8x9xf32>) -> tensor<8x9xf32>
  return %0 : tensor<8x9xf32>
}

// -----

// At 64 elements it is still inline.
// CHECK-LABEL: func.func @inline_limit
// CHECK-NEXT: arith.constant dense<2.000000e+00> : tensor<8x8xf32>
func.func @inline_limit() -> tensor<8x8xf32> {
  %a = arith.constant dense<1.0> : tensor<8x8xf32>
  %e = tensor.empty() : tensor<8x8xf32>
  %0 = mote.binary %a, %a, %e {kind = #mote<binary add>} : (tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>) -> tensor<8x8xf32>
  return %0 : tensor<8x8xf32>
}

// -----

// Kernels on buffers are never evaluated.
// CHECK-LABEL: func.func @buffer_form
// CHECK: mote.binary %{{.*}}, %{{.*}}, %arg0 {kind = #mote<binary add>} : (memref<2xf32>, memref<2xf32>, memref<2xf32>) -> ()
func.func @buffer_form(%y: memref<2xf32>) {
  %a = memref.get_global @g : memref<2xf32>
  mote.binary %a, %a, %y {kind = #mote<binary add>} : (memref<2xf32>, memref<2xf32>, memref<2xf32>) -> ()
  return
}
memref.global "private" constant @g : memref<2xf32> = dense<[1.0, 2.0]>
