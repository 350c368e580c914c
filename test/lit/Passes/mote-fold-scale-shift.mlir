// RUN: mote-opt %s -mote-fold-scale-shift -split-input-file | FileCheck %s

// BatchNormalization after a convolution: a per-channel multiply, then a
// per-channel add. Both end up in the weights and the bias:
//   w' = w * s, b' = b * s + t.
// CHECK-LABEL: func.func @mul_add
// CHECK-SAME: (%[[X:.*]]: tensor<1x2x3x3xf32>)
// CHECK-DAG: %[[B:.*]] = arith.constant dense<[2.000000e+00, -6.000000e+00]> : tensor<2xf32>
// CHECK-DAG: %[[W:.*]] = arith.constant dense<{{\[\[\[\[}}2.000000e+00]], {{\[\[}}4.000000e+00]]], {{\[\[\[}}3.000000e+01]], {{\[\[}}4.000000e+01]]]]> : tensor<2x2x1x1xf32>
// CHECK: %[[Y:.*]] = mote.conv2d %[[X]], %[[W]], %[[B]], %{{.*}} {dilations
// CHECK-NOT: mote.binary
// CHECK: return %[[Y]]
func.func @mul_add(%x: tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32> {
  %w = arith.constant dense<[[[[1.0]], [[2.0]]], [[[3.0]], [[4.0]]]]> : tensor<2x2x1x1xf32>
  %b = arith.constant dense<[0.5, -0.5]> : tensor<2xf32>
  %s = arith.constant dense<[[[2.0]], [[10.0]]]> : tensor<2x1x1xf32>
  %t = arith.constant dense<[[[1.0]], [[-1.0]]]> : tensor<2x1x1xf32>
  %e = tensor.empty() : tensor<1x2x3x3xf32>
  %0 = mote.conv2d %x, %w, %b, %e {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x2x3x3xf32>, tensor<2x2x1x1xf32>, tensor<2xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  %1 = mote.binary %0, %s, %e {kind = #mote<binary mul>} : (tensor<1x2x3x3xf32>, tensor<2x1x1xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  %2 = mote.binary %1, %t, %e {kind = #mote<binary add>} : (tensor<1x2x3x3xf32>, tensor<2x1x1xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  return %2 : tensor<1x2x3x3xf32>
}

// -----

// Without a bias the conv gets one. Division scales by 1/c, subtraction
// shifts by -c; a [1, M, 1, 1] constant is per-channel too.
// CHECK-LABEL: func.func @div_sub_no_bias
// CHECK-DAG: %[[B:.*]] = arith.constant dense<[-1.000000e+00, -2.000000e+00]> : tensor<2xf32>
// CHECK-DAG: %[[W:.*]] = arith.constant dense<{{\[\[\[\[}}5.000000e-01]]], {{\[\[\[}}2.500000e-01]]]]> : tensor<2x1x1x1xf32>
// CHECK: %[[Y:.*]] = mote.conv2d %{{.*}}, %[[W]], %[[B]], %{{.*}}
// CHECK-NOT: mote.binary
// CHECK: return %[[Y]]
func.func @div_sub_no_bias(%x: tensor<1x1x3x3xf32>) -> tensor<1x2x3x3xf32> {
  %w = arith.constant dense<1.0> : tensor<2x1x1x1xf32>
  %d = arith.constant dense<[[[[2.0]], [[4.0]]]]> : tensor<1x2x1x1xf32>
  %t = arith.constant dense<[[[1.0]], [[2.0]]]> : tensor<2x1x1xf32>
  %e = tensor.empty() : tensor<1x2x3x3xf32>
  %0 = mote.conv2d %x, %w, %e {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x3x3xf32>, tensor<2x1x1x1xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  %1 = mote.binary %0, %d, %e {kind = #mote<binary div>} : (tensor<1x2x3x3xf32>, tensor<1x2x1x1xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  %2 = mote.binary %1, %t, %e {kind = #mote<binary sub>} : (tensor<1x2x3x3xf32>, tensor<2x1x1xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  return %2 : tensor<1x2x3x3xf32>
}

// -----

// A scalar applies to every channel.
// CHECK-LABEL: func.func @scalar
// CHECK-DAG: %[[B:.*]] = arith.constant dense<3.000000e+00> : tensor<2xf32>
// CHECK-DAG: %[[W:.*]] = arith.constant dense<3.000000e+00> : tensor<2x1x1x1xf32>
// CHECK: mote.conv2d %{{.*}}, %[[W]], %[[B]], %{{.*}}
// CHECK-NOT: mote.binary
func.func @scalar(%x: tensor<1x1x3x3xf32>) -> tensor<1x2x3x3xf32> {
  %w = arith.constant dense<1.0> : tensor<2x1x1x1xf32>
  %b = arith.constant dense<1.0> : tensor<2xf32>
  %c = arith.constant dense<3.0> : tensor<f32>
  %e = tensor.empty() : tensor<1x2x3x3xf32>
  %0 = mote.conv2d %x, %w, %b, %e {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x3x3xf32>, tensor<2x1x1x1xf32>, tensor<2xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  %1 = mote.binary %0, %c, %e {kind = #mote<binary mul>} : (tensor<1x2x3x3xf32>, tensor<f32>, tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  return %1 : tensor<1x2x3x3xf32>
}

// -----

// The conv result has another user: folding would change what it sees.
// CHECK-LABEL: func.func @conv_has_other_use
// CHECK: %[[C:.*]] = mote.conv2d
// CHECK: %[[M:.*]] = mote.binary %[[C]], %{{.*}}, %{{.*}} {kind = #mote<binary mul>}
// CHECK: return %[[M]], %[[C]]
func.func @conv_has_other_use(%x: tensor<1x1x3x3xf32>) -> (tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>) {
  %w = arith.constant dense<1.0> : tensor<2x1x1x1xf32>
  %s = arith.constant dense<[[[2.0]], [[3.0]]]> : tensor<2x1x1xf32>
  %e = tensor.empty() : tensor<1x2x3x3xf32>
  %0 = mote.conv2d %x, %w, %e {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x3x3xf32>, tensor<2x1x1x1xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  %1 = mote.binary %0, %s, %e {kind = #mote<binary mul>} : (tensor<1x2x3x3xf32>, tensor<2x1x1xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  return %1, %0 : tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>
}

// -----

// A constant that varies along W is not per-channel.
// CHECK-LABEL: func.func @not_per_channel
// CHECK: %[[C:.*]] = mote.conv2d
// CHECK: mote.binary %[[C]], %{{.*}}, %{{.*}} {kind = #mote<binary mul>} : (tensor<1x2x3x3xf32>, tensor<3xf32>, tensor<1x2x3x3xf32>)
func.func @not_per_channel(%x: tensor<1x1x3x3xf32>) -> tensor<1x2x3x3xf32> {
  %w = arith.constant dense<1.0> : tensor<2x1x1x1xf32>
  %s = arith.constant dense<[1.0, 2.0, 3.0]> : tensor<3xf32>
  %e = tensor.empty() : tensor<1x2x3x3xf32>
  %0 = mote.conv2d %x, %w, %e {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x3x3xf32>, tensor<2x1x1x1xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  %1 = mote.binary %0, %s, %e {kind = #mote<binary mul>} : (tensor<1x2x3x3xf32>, tensor<3xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  return %1 : tensor<1x2x3x3xf32>
}

// -----

// [M] right-aligns against W, not against the channels: not per-channel
// even though it has M values.
// CHECK-LABEL: func.func @rank1_is_not_channel
// CHECK: mote.binary %{{.*}}, %{{.*}}, %{{.*}} {kind = #mote<binary add>} : (tensor<1x2x2x2xf32>, tensor<2xf32>, tensor<1x2x2x2xf32>)
func.func @rank1_is_not_channel(%x: tensor<1x1x2x2xf32>) -> tensor<1x2x2x2xf32> {
  %w = arith.constant dense<1.0> : tensor<2x1x1x1xf32>
  %s = arith.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %e = tensor.empty() : tensor<1x2x2x2xf32>
  %0 = mote.conv2d %x, %w, %e {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<2x1x1x1xf32>, tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  %1 = mote.binary %0, %s, %e {kind = #mote<binary add>} : (tensor<1x2x2x2xf32>, tensor<2xf32>, tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  return %1 : tensor<1x2x2x2xf32>
}

// -----

// The scale is not a constant.
// CHECK-LABEL: func.func @runtime_scale
// CHECK: mote.binary %{{.*}}, %arg1, %{{.*}} {kind = #mote<binary mul>}
func.func @runtime_scale(%x: tensor<1x1x3x3xf32>, %s: tensor<2x1x1xf32>) -> tensor<1x2x3x3xf32> {
  %w = arith.constant dense<1.0> : tensor<2x1x1x1xf32>
  %e = tensor.empty() : tensor<1x2x3x3xf32>
  %0 = mote.conv2d %x, %w, %e {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x3x3xf32>, tensor<2x1x1x1xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  %1 = mote.binary %0, %s, %e {kind = #mote<binary mul>} : (tensor<1x2x3x3xf32>, tensor<2x1x1xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  return %1 : tensor<1x2x3x3xf32>
}

// -----

// The weights are not constants.
// CHECK-LABEL: func.func @runtime_weights
// CHECK: mote.binary %{{.*}}, %{{.*}}, %{{.*}} {kind = #mote<binary mul>}
func.func @runtime_weights(%x: tensor<1x1x3x3xf32>, %w: tensor<2x1x1x1xf32>) -> tensor<1x2x3x3xf32> {
  %s = arith.constant dense<[[[2.0]], [[3.0]]]> : tensor<2x1x1xf32>
  %e = tensor.empty() : tensor<1x2x3x3xf32>
  %0 = mote.conv2d %x, %w, %e {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x3x3xf32>, tensor<2x1x1x1xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  %1 = mote.binary %0, %s, %e {kind = #mote<binary mul>} : (tensor<1x2x3x3xf32>, tensor<2x1x1xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  return %1 : tensor<1x2x3x3xf32>
}

// -----

// An activation on the conv must run before the multiply.
// CHECK-LABEL: func.func @conv_has_activation
// CHECK: mote.conv2d {{.*}}act = #mote<act relu>
// CHECK: mote.binary %{{.*}}, %{{.*}}, %{{.*}} {kind = #mote<binary mul>}
func.func @conv_has_activation(%x: tensor<1x1x3x3xf32>) -> tensor<1x2x3x3xf32> {
  %w = arith.constant dense<1.0> : tensor<2x1x1x1xf32>
  %s = arith.constant dense<[[[2.0]], [[3.0]]]> : tensor<2x1x1xf32>
  %e = tensor.empty() : tensor<1x2x3x3xf32>
  %0 = mote.conv2d %x, %w, %e {act = #mote<act relu>, dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x3x3xf32>, tensor<2x1x1x1xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  %1 = mote.binary %0, %s, %e {kind = #mote<binary mul>} : (tensor<1x2x3x3xf32>, tensor<2x1x1xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  return %1 : tensor<1x2x3x3xf32>
}

// -----

// max and min are not affine.
// CHECK-LABEL: func.func @max_not_folded
// CHECK: mote.binary %{{.*}}, %{{.*}}, %{{.*}} {kind = #mote<binary max>}
func.func @max_not_folded(%x: tensor<1x1x3x3xf32>) -> tensor<1x2x3x3xf32> {
  %w = arith.constant dense<1.0> : tensor<2x1x1x1xf32>
  %s = arith.constant dense<[[[2.0]], [[3.0]]]> : tensor<2x1x1xf32>
  %e = tensor.empty() : tensor<1x2x3x3xf32>
  %0 = mote.conv2d %x, %w, %e {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x3x3xf32>, tensor<2x1x1x1xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  %1 = mote.binary %0, %s, %e {kind = #mote<binary max>} : (tensor<1x2x3x3xf32>, tensor<2x1x1xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  return %1 : tensor<1x2x3x3xf32>
}

// -----

// A binary with an activation of its own keeps it after the affine part:
// nothing to fold into.
// CHECK-LABEL: func.func @binary_has_activation
// CHECK: mote.binary %{{.*}}, %{{.*}}, %{{.*}} {act = #mote<act relu>, kind = #mote<binary add>}
func.func @binary_has_activation(%x: tensor<1x1x3x3xf32>) -> tensor<1x2x3x3xf32> {
  %w = arith.constant dense<1.0> : tensor<2x1x1x1xf32>
  %s = arith.constant dense<[[[2.0]], [[3.0]]]> : tensor<2x1x1xf32>
  %e = tensor.empty() : tensor<1x2x3x3xf32>
  %0 = mote.conv2d %x, %w, %e {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x3x3xf32>, tensor<2x1x1x1xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  %1 = mote.binary %0, %s, %e {act = #mote<act relu>, kind = #mote<binary add>} : (tensor<1x2x3x3xf32>, tensor<2x1x1xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  return %1 : tensor<1x2x3x3xf32>
}

// -----

// A constant that grows the result (broadcast over a new batch dim) is not
// a scale of the conv's output.
// CHECK-LABEL: func.func @result_grows
// CHECK: mote.binary %{{.*}}, %{{.*}}, %{{.*}} {kind = #mote<binary add>} : (tensor<1x2x3x3xf32>, tensor<2x2x1x1xf32>, tensor<2x2x3x3xf32>)
func.func @result_grows(%x: tensor<1x1x3x3xf32>) -> tensor<2x2x3x3xf32> {
  %w = arith.constant dense<1.0> : tensor<2x1x1x1xf32>
  %s = arith.constant dense<1.0> : tensor<2x2x1x1xf32>
  %e = tensor.empty() : tensor<1x2x3x3xf32>
  %e2 = tensor.empty() : tensor<2x2x3x3xf32>
  %0 = mote.conv2d %x, %w, %e {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x3x3xf32>, tensor<2x1x1x1xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  %1 = mote.binary %0, %s, %e2 {kind = #mote<binary add>} : (tensor<1x2x3x3xf32>, tensor<2x2x1x1xf32>, tensor<2x2x3x3xf32>) -> tensor<2x2x3x3xf32>
  return %1 : tensor<2x2x3x3xf32>
}
