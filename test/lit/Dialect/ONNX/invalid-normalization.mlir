// RUN: mote-opt %s -split-input-file -verify-diagnostics

// Shape and attribute checks of the softmax family and normalizations.

func.func @logsoftmax_axis(%x: tensor<2x3xf32>) {
  // expected-error @+2 {{axis 3 is out of range}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = onnx.LogSoftmax %x {axis = 3 : si64} : tensor<2x3xf32> -> tensor<2x3xf32>
  return
}

// -----

func.func @hardmax_not_float(%x: tensor<2x3xi32>) {
  // expected-error @+1 {{operand #0 must be ranked tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values}}
  %0 = onnx.Hardmax %x : tensor<2x3xi32> -> tensor<2x3xi32>
  return
}

// -----

func.func @layer_norm_scale(%x: tensor<2x3xf32>, %s: tensor<2xf32>) {
  // expected-error @+2 {{scale and bias must broadcast to the normalized dims}}
  // expected-error @+1 {{failed to infer returned types}}
  %0:3 = onnx.LayerNormalization %x, %s : tensor<2x3xf32>, tensor<2xf32> -> tensor<2x3xf32>, tensor<2x1xf32>, tensor<2x1xf32>
  return
}

// -----

func.func @layer_norm_stash_type(%x: tensor<2x3xf32>, %s: tensor<3xf32>) {
  // expected-error @+2 {{stash_type must be a float type}}
  // expected-error @+1 {{failed to infer returned types}}
  %0:3 = onnx.LayerNormalization %x, %s {stash_type = 7 : i64} : tensor<2x3xf32>, tensor<3xf32> -> tensor<2x3xf32>, tensor<2x1xf32>, tensor<2x1xf32>
  return
}

// -----

func.func @rms_norm_scale_type(%x: tensor<2x3xf32>, %s: tensor<3xf16>) {
  // expected-error @+2 {{scale and bias must have the input's element type}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = onnx.RMSNormalization %x, %s : tensor<2x3xf32>, tensor<3xf16> -> tensor<2x3xf32>
  return
}

// -----

func.func @group_norm_groups(%x: tensor<1x4x2xf32>, %s: tensor<4xf32>) {
  // expected-error @+2 {{num_groups (3) must divide the channels (4)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = onnx.GroupNormalization %x, %s, %s {num_groups = 3 : i64} : tensor<1x4x2xf32>, tensor<4xf32>, tensor<4xf32> -> tensor<1x4x2xf32>
  return
}

// -----

func.func @instance_norm_scale(%x: tensor<1x4x2xf32>, %s: tensor<2xf32>) {
  // expected-error @+2 {{scale and bias must have one value per channel}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = onnx.InstanceNormalization %x, %s, %s : tensor<1x4x2xf32>, tensor<2xf32>, tensor<2xf32> -> tensor<1x4x2xf32>
  return
}

// -----

func.func @lp_norm_p(%x: tensor<2x3xf32>) {
  // expected-error @+2 {{p must be 1 or 2, not 3}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = onnx.LpNormalization %x {p = 3 : i64} : tensor<2x3xf32> -> tensor<2x3xf32>
  return
}

// -----

func.func @mvn_axes(%x: tensor<2x3x4xf32>) {
  // expected-error @+2 {{axis 3 is out of range or repeated}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = onnx.MeanVarianceNormalization %x : tensor<2x3x4xf32> -> tensor<2x3x4xf32>
  return
}

// -----

func.func @lrn_size(%x: tensor<2x3xf32>) {
  // expected-error @+2 {{size must be positive}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = onnx.LRN %x {size = 0 : i64} : tensor<2x3xf32> -> tensor<2x3xf32>
  return
}
