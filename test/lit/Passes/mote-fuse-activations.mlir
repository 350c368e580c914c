// RUN: mote-opt %s -mote-fuse-activations -split-input-file | FileCheck %s

// CHECK-LABEL: func.func @into_conv
// CHECK: %[[Y:.*]] = mote.conv2d %{{.*}}, %{{.*}}, %{{.*}} {act = #mote<act relu>, dilations
// CHECK-NOT: mote.activation
// CHECK: return %[[Y]]
func.func @into_conv(%x: tensor<1x1x3x3xf32>, %w: tensor<2x1x1x1xf32>) -> tensor<1x2x3x3xf32> {
  %e = tensor.empty() : tensor<1x2x3x3xf32>
  %0 = mote.conv2d %x, %w, %e {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x3x3xf32>, tensor<2x1x1x1xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  %e2 = tensor.empty() : tensor<1x2x3x3xf32>
  %1 = mote.activation %0, %e2 {act = #mote<act relu>} : (tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  return %1 : tensor<1x2x3x3xf32>
}

// -----

// The parameters come along.
// CHECK-LABEL: func.func @into_gemm
// CHECK: %[[Y:.*]] = mote.gemm %{{.*}}, %{{.*}}, %{{.*}} {act = #mote<act leaky_relu>, act_alpha = 1.250000e-01 : f32, alpha
// CHECK-NOT: mote.activation
// CHECK: return %[[Y]]
func.func @into_gemm(%a: tensor<2x4xf32>, %b: tensor<4x3xf32>) -> tensor<2x3xf32> {
  %e = tensor.empty() : tensor<2x3xf32>
  %0 = mote.gemm %a, %b, %e {alpha = 1.0 : f32, beta = 1.0 : f32, trans_a = false, trans_b = false} : (tensor<2x4xf32>, tensor<4x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %1 = mote.activation %0, %e {act = #mote<act leaky_relu>, act_alpha = 0.125 : f32} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return %1 : tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func.func @into_binary
// CHECK: %[[Y:.*]] = mote.binary %{{.*}}, %{{.*}}, %{{.*}} {act = #mote<act clip>, act_alpha = -1.000000e+00 : f32, act_beta = 1.000000e+00 : f32, kind = #mote<binary add>}
// CHECK-NOT: mote.activation
// CHECK: return %[[Y]]
func.func @into_binary(%a: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<4xf32> {
  %e = tensor.empty() : tensor<4xf32>
  %0 = mote.binary %a, %b, %e {kind = #mote<binary add>} : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %1 = mote.activation %0, %e {act = #mote<act clip>, act_alpha = -1.0 : f32, act_beta = 1.0 : f32} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %1 : tensor<4xf32>
}

// -----

// The producer's plain result is used elsewhere: it must stay plain.
// CHECK-LABEL: func.func @producer_has_other_use
// CHECK: %[[B:.*]] = mote.binary %{{.*}}, %{{.*}}, %{{.*}} {kind = #mote<binary add>}
// CHECK: %[[A:.*]] = mote.activation %[[B]], %{{.*}} {act = #mote<act relu>}
// CHECK: return %[[A]], %[[B]]
func.func @producer_has_other_use(%a: tensor<4xf32>, %b: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %e = tensor.empty() : tensor<4xf32>
  %0 = mote.binary %a, %b, %e {kind = #mote<binary add>} : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %e2 = tensor.empty() : tensor<4xf32>
  %1 = mote.activation %0, %e2 {act = #mote<act relu>} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %1, %0 : tensor<4xf32>, tensor<4xf32>
}

// -----

// Two activations on the same producer: neither may fuse.
// CHECK-LABEL: func.func @two_activations
// CHECK: mote.conv2d
// CHECK-NOT: act =
// CHECK-SAME: -> tensor<1x2x3x3xf32>
// CHECK: mote.activation {{.*}} {act = #mote<act relu>}
// CHECK: mote.activation {{.*}} {act = #mote<act sigmoid>}
func.func @two_activations(%x: tensor<1x1x3x3xf32>, %w: tensor<2x1x1x1xf32>) -> (tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>) {
  %e = tensor.empty() : tensor<1x2x3x3xf32>
  %0 = mote.conv2d %x, %w, %e {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x3x3xf32>, tensor<2x1x1x1xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  %1 = mote.activation %0, %e {act = #mote<act relu>} : (tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  %2 = mote.activation %0, %e {act = #mote<act sigmoid>} : (tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  return %1, %2 : tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>
}

// -----

// The producer already applies an activation: the second one stays, and a
// chain fuses only its first link.
// CHECK-LABEL: func.func @producer_has_activation
// CHECK: %[[C:.*]] = mote.conv2d {{.*}}act = #mote<act relu>
// CHECK: %[[T:.*]] = mote.activation %[[C]], %{{.*}} {act = #mote<act tanh>}
// CHECK: return %[[T]]
func.func @producer_has_activation(%x: tensor<1x1x3x3xf32>, %w: tensor<2x1x1x1xf32>) -> tensor<1x2x3x3xf32> {
  %e = tensor.empty() : tensor<1x2x3x3xf32>
  %0 = mote.conv2d %x, %w, %e {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x3x3xf32>, tensor<2x1x1x1xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  %1 = mote.activation %0, %e {act = #mote<act relu>} : (tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  %2 = mote.activation %1, %e {act = #mote<act tanh>} : (tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  return %2 : tensor<1x2x3x3xf32>
}

// -----

// A binary that takes a square root (from BatchNormalization) already has
// an activation.
// CHECK-LABEL: func.func @binary_with_sqrt
// CHECK: %[[B:.*]] = mote.binary {{.*}} {act = #mote<act sqrt>, kind = #mote<binary add>}
// CHECK: mote.activation %[[B]], %{{.*}} {act = #mote<act relu>}
func.func @binary_with_sqrt(%a: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<4xf32> {
  %e = tensor.empty() : tensor<4xf32>
  %0 = mote.binary %a, %b, %e {act = #mote<act sqrt>, kind = #mote<binary add>} : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %1 = mote.activation %0, %e {act = #mote<act relu>} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %1 : tensor<4xf32>
}

// -----

// Kernels that take no activation: matmul, pool, and views in between.
// CHECK-LABEL: func.func @not_fusable_producers
// CHECK: %[[M:.*]] = mote.matmul
// CHECK: mote.activation %[[M]], %{{.*}} {act = #mote<act relu>}
// CHECK: %[[P:.*]] = mote.pool
// CHECK: mote.activation %[[P]], %{{.*}} {act = #mote<act relu>}
// CHECK: %[[V:.*]] = tensor.collapse_shape
// CHECK: mote.activation %[[V]], %{{.*}} {act = #mote<act relu>}
func.func @not_fusable_producers(%a: tensor<2x4xf32>, %b: tensor<4x3xf32>, %x: tensor<1x1x4x4xf32>) -> (tensor<2x3xf32>, tensor<1x1x2x2xf32>, tensor<6xf32>) {
  %e = tensor.empty() : tensor<2x3xf32>
  %0 = mote.matmul %a, %b, %e : (tensor<2x4xf32>, tensor<4x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %1 = mote.activation %0, %e {act = #mote<act relu>} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %ep = tensor.empty() : tensor<1x1x2x2xf32>
  %2 = mote.pool %x, %ep {count_include_pad = false, dilations = array<i64: 1, 1>, kernel = array<i64: 2, 2>, kind = #mote<pool max>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>} : (tensor<1x1x4x4xf32>, tensor<1x1x2x2xf32>) -> tensor<1x1x2x2xf32>
  %3 = mote.activation %2, %ep {act = #mote<act relu>} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>) -> tensor<1x1x2x2xf32>
  %g = tensor.empty() : tensor<2x3xf32>
  %4 = mote.gemm %a, %b, %g {alpha = 1.0 : f32, beta = 1.0 : f32, trans_a = false, trans_b = false} : (tensor<2x4xf32>, tensor<4x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %5 = tensor.collapse_shape %4 [[0, 1]] : tensor<2x3xf32> into tensor<6xf32>
  %e6 = tensor.empty() : tensor<6xf32>
  %6 = mote.activation %5, %e6 {act = #mote<act relu>} : (tensor<6xf32>, tensor<6xf32>) -> tensor<6xf32>
  return %1, %3, %6 : tensor<2x3xf32>, tensor<1x1x2x2xf32>, tensor<6xf32>
}

// -----

// CHECK-LABEL: func.func @block_argument
// CHECK: mote.activation %arg0, %{{.*}} {act = #mote<act sigmoid>}
func.func @block_argument(%x: tensor<4xf32>) -> tensor<4xf32> {
  %e = tensor.empty() : tensor<4xf32>
  %0 = mote.activation %x, %e {act = #mote<act sigmoid>} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// Buffers are past the point of fusion.
// CHECK-LABEL: func.func @buffer_form
// CHECK: mote.binary %arg0, %arg0, %arg1 {kind = #mote<binary add>}
// CHECK: mote.activation %arg1, %arg1 {act = #mote<act relu>}
func.func @buffer_form(%a: memref<4xf32>, %y: memref<4xf32>) {
  mote.binary %a, %a, %y {kind = #mote<binary add>} : (memref<4xf32>, memref<4xf32>, memref<4xf32>) -> ()
  mote.activation %y, %y {act = #mote<act relu>} : (memref<4xf32>, memref<4xf32>) -> ()
  return
}
