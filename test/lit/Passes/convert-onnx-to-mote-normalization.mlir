// RUN: mote-opt %s -split-input-file -convert-onnx-to-mote -verify-diagnostics | FileCheck %s

// Softmax, LogSoftmax and Hardmax: one mote.softmax each, any float type.
// CHECK-LABEL: func.func @softmax_family
// CHECK: mote.softmax %arg0, %{{.*}} {axis = 2 : i64} : (tensor<2x3x5xf16>, tensor<2x3x5xf16>) -> tensor<2x3x5xf16>
// CHECK: mote.softmax %arg0, %{{.*}} {axis = 1 : i64, kind = #mote<softmax_kind log_softmax>}
// CHECK: mote.softmax %arg0, %{{.*}} {axis = 0 : i64, kind = #mote<softmax_kind hardmax>}
func.func @softmax_family(%x: tensor<2x3x5xf16>) -> (tensor<2x3x5xf16>, tensor<2x3x5xf16>, tensor<2x3x5xf16>) {
  %0 = onnx.Softmax %x : tensor<2x3x5xf16> -> tensor<2x3x5xf16>
  %1 = onnx.LogSoftmax %x {axis = -2 : si64} : tensor<2x3x5xf16> -> tensor<2x3x5xf16>
  %2 = onnx.Hardmax %x {axis = 0 : si64} : tensor<2x3x5xf16> -> tensor<2x3x5xf16>
  return %0, %1, %2 : tensor<2x3x5xf16>, tensor<2x3x5xf16>, tensor<2x3x5xf16>
}

// -----

// LayerNormalization: [outer, inner] rows with a full scale and bias as
// [1, inner]; a used statistic is one more mote.normalize, an unused one none.
// CHECK-LABEL: func.func @layer_norm
// CHECK: mote.normalize %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} {axes = array<i64: 1>, epsilon = 9.9999997473787516E-6 : f64, kind = #mote<normalize standardize>} : (tensor<2x12xf32>, tensor<1x12xf32>, tensor<1x12xf32>, tensor<2x12xf32>) -> tensor<2x12xf32>
// CHECK-NOT: normalize_stat mean
// CHECK: mote.normalize %{{.*}}, %{{.*}} {{{.*}}stat = #mote<normalize_stat inv_std_dev>} : (tensor<2x12xf32>, tensor<2x1xf32>) -> tensor<2x1xf32>
func.func @layer_norm(%x: tensor<2x3x4xf32>, %w: tensor<3x4xf32>, %b: tensor<3x4xf32>) -> (tensor<2x3x4xf32>, tensor<2x1x1xf32>) {
  %y, %m, %i = onnx.LayerNormalization %x, %w, %b : tensor<3x4xf32> {axis = 1 : si64} : tensor<2x3x4xf32>, tensor<3x4xf32> -> tensor<2x3x4xf32>, tensor<2x1x1xf32>, tensor<2x1x1xf32>
  return %y, %i : tensor<2x3x4xf32>, tensor<2x1x1xf32>
}

// -----

// A scale that broadcasts within the normalized dims keeps the input's shape.
// CHECK-LABEL: func.func @rms_broadcast_scale
// CHECK: mote.normalize %arg0, %{{.*}}, %{{.*}} {axes = array<i64: 1, 2>, epsilon = 0.10000000149011612 : f64, kind = #mote<normalize rms>} : (tensor<2x3x4xf32>, tensor<1x3x1xf32>, tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
func.func @rms_broadcast_scale(%x: tensor<2x3x4xf32>, %w: tensor<3x1xf32>) -> tensor<2x3x4xf32> {
  %y = onnx.RMSNormalization %x, %w {axis = 1 : si64, epsilon = 1.0e-01 : f32} : tensor<2x3x4xf32>, tensor<3x1xf32> -> tensor<2x3x4xf32>
  return %y : tensor<2x3x4xf32>
}

// -----

// Instance and Group norm: [N, G, C/G, S] over the last two dims; scale and
// bias per channel, or per group (GroupNormalization before opset 21).
// CHECK-LABEL: func.func @channel_norms
// CHECK: mote.normalize {{.*}} : (tensor<2x4x1x9xf32>, tensor<1x4x1x1xf32>, tensor<1x4x1x1xf32>, tensor<2x4x1x9xf32>)
// CHECK: mote.normalize {{.*}} : (tensor<2x2x2x9xf32>, tensor<1x2x2x1xf32>, tensor<1x2x2x1xf32>, tensor<2x2x2x9xf32>)
// CHECK: mote.normalize {{.*}} : (tensor<2x2x2x9xf32>, tensor<1x2x1x1xf32>, tensor<1x2x1x1xf32>, tensor<2x2x2x9xf32>)
func.func @channel_norms(%x: tensor<2x4x3x3xf32>, %s: tensor<4xf32>, %g: tensor<2xf32>) -> (tensor<2x4x3x3xf32>, tensor<2x4x3x3xf32>, tensor<2x4x3x3xf32>) {
  %0 = onnx.InstanceNormalization %x, %s, %s : tensor<2x4x3x3xf32>, tensor<4xf32>, tensor<4xf32> -> tensor<2x4x3x3xf32>
  %1 = onnx.GroupNormalization %x, %s, %s {num_groups = 2 : i64} : tensor<2x4x3x3xf32>, tensor<4xf32>, tensor<4xf32> -> tensor<2x4x3x3xf32>
  %2 = onnx.GroupNormalization %x, %g, %g {num_groups = 2 : i64} : tensor<2x4x3x3xf32>, tensor<2xf32>, tensor<2xf32> -> tensor<2x4x3x3xf32>
  return %0, %1, %2 : tensor<2x4x3x3xf32>, tensor<2x4x3x3xf32>, tensor<2x4x3x3xf32>
}

// -----

// LpNormalization: the middle of [outer, len, inner]; MeanVarianceNormalization
// over its axes (default 0, 2, 3); LRN is its own kernel.
// CHECK-LABEL: func.func @lp_mvn_lrn
// CHECK: mote.normalize {{.*}} {axes = array<i64: 1>, epsilon = 0.000000e+00 : f64, kind = #mote<normalize l1>} : (tensor<2x4x9xf64>, tensor<2x4x9xf64>)
// CHECK: mote.normalize %arg0, {{.*}} {axes = array<i64: 0, 2, 3>, epsilon = 1.000000e-09 : f64, kind = #mote<normalize mvn>}
// CHECK: mote.lrn %arg0, %{{.*}} {alpha = 9.9999997473787516E-5 : f64, beta = 5.000000e-01 : f64, bias = 1.000000e+00 : f64, size = 3 : i64}
func.func @lp_mvn_lrn(%x: tensor<2x4x3x3xf64>) -> (tensor<2x4x3x3xf64>, tensor<2x4x3x3xf64>, tensor<2x4x3x3xf64>) {
  %0 = onnx.LpNormalization %x {axis = 1 : si64, p = 1 : i64} : tensor<2x4x3x3xf64> -> tensor<2x4x3x3xf64>
  %1 = onnx.MeanVarianceNormalization %x : tensor<2x4x3x3xf64> -> tensor<2x4x3x3xf64>
  %2 = onnx.LRN %x {size = 3 : i64, beta = 5.0e-01 : f32} : tensor<2x4x3x3xf64> -> tensor<2x4x3x3xf64>
  return %0, %1, %2 : tensor<2x4x3x3xf64>, tensor<2x4x3x3xf64>, tensor<2x4x3x3xf64>
}
