// RUN: mote-opt %s -split-input-file -verify-diagnostics

func.func @result_type_mismatch(%x: tensor<1x4xf32>) {
  // expected-error @+2 {{'onnx.Relu' op inferred type(s) 'tensor<1x4xf32>' are incompatible with return type(s) of operation 'tensor<1x5xf32>'}}
  // expected-error @+1 {{'onnx.Relu' op failed to infer returned types}}
  %0 = onnx.Relu %x : tensor<1x4xf32> -> tensor<1x5xf32>
  return
}

// -----

func.func @broadcast_result_mismatch(%a: tensor<2x1xf32>, %b: tensor<3xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<2x3xf32>' are incompatible}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = onnx.Add %a, %b : (tensor<2x1xf32>, tensor<3xf32>) -> tensor<2x1xf32>
  return
}

// -----

func.func @not_broadcastable(%a: tensor<2x3xf32>, %b: tensor<4xf32>) {
  // expected-error @+2 {{operand shapes are not broadcast-compatible}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = onnx.Mul %a, %b : (tensor<2x3xf32>, tensor<4xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @dynamic_shape(%x: tensor<?x3xf32>) {
  // expected-error @+2 {{operands must have static shapes}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = onnx.Relu %x : tensor<?x3xf32> -> tensor<?x3xf32>
  return
}

// -----

func.func @clip_bound_not_scalar(%x: tensor<2x2xf32>, %lo: tensor<2xf32>) {
  // expected-error @+1 {{'onnx.Clip' op min and max must be scalars}}
  %0 = onnx.Clip %x min %lo : tensor<2xf32> : tensor<2x2xf32> -> tensor<2x2xf32>
  return
}

// -----

func.func @conv_channels(%x: tensor<1x3x8x8xf32>, %w: tensor<4x2x3x3xf32>) {
  // expected-error @+2 {{Conv channels (X: 3, W: 2 per group) do not match group 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = onnx.Conv %x, %w : tensor<1x3x8x8xf32>, tensor<4x2x3x3xf32> -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @conv_group_does_not_divide_filters(%x: tensor<1x4x8x8xf32>, %w: tensor<6x1x3x3xf32>) {
  // expected-error @+2 {{Conv channels (X: 4, W: 1 per group) do not match group 4}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = onnx.Conv %x, %w {group = 4 : i64} : tensor<1x4x8x8xf32>, tensor<6x1x3x3xf32> -> tensor<1x6x6x6xf32>
  return
}

// -----

func.func @conv_group_zero(%x: tensor<1x4x8x8xf32>, %w: tensor<4x4x3x3xf32>) {
  // expected-error @+2 {{do not match group 0}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = onnx.Conv %x, %w {group = 0 : i64} : tensor<1x4x8x8xf32>, tensor<4x4x3x3xf32> -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @conv_bias_shape(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<3xf32>) {
  // expected-error @+2 {{Conv bias must have shape [4]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = onnx.Conv %x, %w, %b : tensor<3xf32> : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @conv_kernel_shape(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+2 {{kernel_shape does not match the weights}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = onnx.Conv %x, %w {kernel_shape = array<i64: 2, 2>} : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @conv_rank(%x: tensor<3x8xf32>, %w: tensor<4x3xf32>) {
  // expected-error @+2 {{Conv needs X and W of the same rank, at least 3}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = onnx.Conv %x, %w : tensor<3x8xf32>, tensor<4x3xf32> -> tensor<3x4xf32>
  return
}

// -----

func.func @conv_window_too_large(%x: tensor<1x3x2x2xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+2 {{the window (3) is larger than the padded input (2)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = onnx.Conv %x, %w : tensor<1x3x2x2xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x1x1xf32>
  return
}

// -----

func.func @conv_pads_count(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+2 {{pads must have 4 values}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = onnx.Conv %x, %w {pads = array<i64: 1, 1>} : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x8x8xf32>
  return
}

// -----

func.func @conv_zero_stride(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+2 {{kernel, strides and dilations must be positive}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = onnx.Conv %x, %w {strides = array<i64: 0, 1>} : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @conv_auto_pad(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+2 {{unknown auto_pad 'SAME'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = onnx.Conv %x, %w {auto_pad = "SAME"} : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x8x8xf32>
  return
}

// -----

func.func @gemm_inner_dims(%a: tensor<2x4xf32>, %b: tensor<5x4xf32>) {
  // expected-error @+2 {{Gemm inner dims differ: 4 vs 5}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = onnx.Gemm %a, %b : tensor<2x4xf32>, tensor<5x4xf32> -> tensor<2x4xf32>
  return
}

// -----

func.func @gemm_bias(%a: tensor<2x4xf32>, %b: tensor<4x5xf32>, %c: tensor<3xf32>) {
  // expected-error @+2 {{Gemm C does not broadcast to [M, N]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = onnx.Gemm %a, %b, %c : tensor<3xf32> : tensor<2x4xf32>, tensor<4x5xf32> -> tensor<2x5xf32>
  return
}

// -----

func.func @gemm_rank(%a: tensor<2x4x1xf32>, %b: tensor<4x5xf32>) {
  // expected-error @+2 {{Gemm inputs must be 2-d}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = onnx.Gemm %a, %b : tensor<2x4x1xf32>, tensor<4x5xf32> -> tensor<2x5xf32>
  return
}

// -----

func.func @matmul_inner_dims(%a: tensor<2x3xf32>, %b: tensor<4x5xf32>) {
  // expected-error @+2 {{MatMul inner dims differ}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = onnx.MatMul %a, %b : (tensor<2x3xf32>, tensor<4x5xf32>) -> tensor<2x5xf32>
  return
}

// -----

func.func @matmul_batch(%a: tensor<2x2x3xf32>, %b: tensor<3x3x5xf32>) {
  // expected-error @+2 {{MatMul batch dims do not broadcast}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = onnx.MatMul %a, %b : (tensor<2x2x3xf32>, tensor<3x3x5xf32>) -> tensor<2x2x5xf32>
  return
}

// -----

func.func @batchnorm_params(%x: tensor<1x3x4x4xf32>, %p: tensor<3xf32>, %q: tensor<4xf32>) {
  // expected-error @+2 {{BatchNormalization parameters must have shape [C]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = onnx.BatchNormalization %x, %p, %p, %q, %p : tensor<1x3x4x4xf32>, tensor<3xf32>, tensor<3xf32>, tensor<4xf32>, tensor<3xf32> -> tensor<1x3x4x4xf32>
  return
}

// -----

func.func @pool_kernel_rank(%x: tensor<1x3x8x8xf32>) {
  // expected-error @+2 {{kernel has 1 dims but the input has 2 spatial dims}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = onnx.MaxPool %x {kernel_shape = array<i64: 2>} : tensor<1x3x8x8xf32> -> tensor<1x3x7x7xf32>
  return
}

// -----

func.func @pool_rank(%x: tensor<3x8xf32>) {
  // expected-error @+2 {{pooling input must have rank >= 3}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = onnx.AveragePool %x {kernel_shape = array<i64: 2>} : tensor<3x8xf32> -> tensor<3x7xf32>
  return
}

// -----

func.func @pool_negative_pads(%x: tensor<1x3x8x8xf32>) {
  // expected-error @+2 {{negative pads are not supported}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = onnx.MaxPool %x {kernel_shape = array<i64: 2, 2>, pads = array<i64: -1, 0, 0, 0>} : tensor<1x3x8x8xf32> -> tensor<1x3x6x7xf32>
  return
}

// -----

func.func @pool_missing_kernel(%x: tensor<1x3x8x8xf32>) {
  // expected-error @+1 {{requires attribute 'kernel_shape'}}
  %0 = onnx.MaxPool %x : tensor<1x3x8x8xf32> -> tensor<1x3x8x8xf32>
  return
}

// -----

func.func @global_pool_rank(%x: tensor<3x8xf32>) {
  // expected-error @+2 {{GlobalAveragePool input must have rank >= 3}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = onnx.GlobalAveragePool %x : tensor<3x8xf32> -> tensor<3x1xf32>
  return
}

// -----

func.func @softmax_axis(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'onnx.Softmax' op axis 2 is out of range}}
  %0 = onnx.Softmax %x {axis = 2 : si64} : tensor<2x3xf32> -> tensor<2x3xf32>
  return
}

// -----

func.func @softmax_negative_axis(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'onnx.Softmax' op axis -3 is out of range}}
  %0 = onnx.Softmax %x {axis = -3 : si64} : tensor<2x3xf32> -> tensor<2x3xf32>
  return
}

// -----

func.func @reduce_axis(%x: tensor<2x3xf32>) {
  %axes = onnx.Constant dense<[2]> : tensor<1xi64>
  // expected-error @+2 {{axis 2 is out of range or repeated}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = onnx.ReduceMean %x axes %axes : tensor<1xi64> : tensor<2x3xf32> -> tensor<2x3xf32>
  return
}

// -----

func.func @reduce_axis_repeated(%x: tensor<2x3xf32>) {
  %axes = onnx.Constant dense<[1, -1]> : tensor<2xi64>
  // expected-error @+2 {{axis -1 is out of range or repeated}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = onnx.ReduceMean %x axes %axes : tensor<2xi64> : tensor<2x3xf32> -> tensor<2x1xf32>
  return
}

// -----

func.func @reduce_axes_not_constant(%x: tensor<2x3xf32>, %axes: tensor<1xi64>) {
  // expected-error @+2 {{axes must be a constant}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = onnx.ReduceMean %x axes %axes : tensor<1xi64> : tensor<2x3xf32> -> tensor<2x1xf32>
  return
}

// -----

func.func @reshape_count(%x: tensor<2x3xf32>) {
  %s = onnx.Constant dense<[4, 2]> : tensor<2xi64>
  // expected-error @+2 {{Reshape changes the element count from 6 to 8}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = onnx.Reshape %x, %s : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<4x2xf32>
  return
}

// -----

func.func @reshape_two_inferred(%x: tensor<2x3xf32>) {
  %s = onnx.Constant dense<[-1, -1]> : tensor<2xi64>
  // expected-error @+2 {{Reshape shape has more than one -1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = onnx.Reshape %x, %s : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<6x1xf32>
  return
}

// -----

func.func @reshape_cannot_infer(%x: tensor<2x3xf32>) {
  %s = onnx.Constant dense<[4, -1]> : tensor<2xi64>
  // expected-error @+2 {{Reshape cannot infer the -1 dim}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = onnx.Reshape %x, %s : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<4x1xf32>
  return
}

// -----

func.func @reshape_copies_missing_dim(%x: tensor<6xf32>) {
  %s = onnx.Constant dense<[3, 0]> : tensor<2xi64>
  // expected-error @+2 {{Reshape copies dim 1 that the input lacks}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = onnx.Reshape %x, %s : (tensor<6xf32>, tensor<2xi64>) -> tensor<3x2xf32>
  return
}

// -----

func.func @reshape_not_constant(%x: tensor<2x3xf32>, %s: tensor<2xi64>) {
  // expected-error @+2 {{Reshape needs a constant shape}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = onnx.Reshape %x, %s : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<3x2xf32>
  return
}

// -----

func.func @flatten_axis(%x: tensor<2x3xf32>) {
  // expected-error @+2 {{Flatten axis is out of range}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = onnx.Flatten %x {axis = 3 : si64} : tensor<2x3xf32> -> tensor<6x1xf32>
  return
}

// -----

func.func @squeeze_non_unit(%x: tensor<1x3xf32>) {
  %a = onnx.Constant dense<[1]> : tensor<1xi64>
  // expected-error @+2 {{Squeeze axis 1 has size 3}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = onnx.Squeeze %x axes %a : tensor<1xi64> : tensor<1x3xf32> -> tensor<1xf32>
  return
}

// -----

func.func @unsqueeze_axis(%x: tensor<3xf32>) {
  %a = onnx.Constant dense<[2]> : tensor<1xi64>
  // expected-error @+2 {{axis 2 is out of range or repeated}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = onnx.Unsqueeze %x, %a : (tensor<3xf32>, tensor<1xi64>) -> tensor<3x1xf32>
  return
}

// -----

func.func @transpose_not_permutation(%x: tensor<2x3xf32>) {
  // expected-error @+2 {{Transpose perm is not a permutation}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = onnx.Transpose %x {perm = array<i64: 0, 0>} : tensor<2x3xf32> -> tensor<2x2xf32>
  return
}

// -----

func.func @transpose_perm_length(%x: tensor<2x3xf32>) {
  // expected-error @+2 {{Transpose perm has the wrong length}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = onnx.Transpose %x {perm = array<i64: 0>} : tensor<2x3xf32> -> tensor<2xf32>
  return
}

// -----

func.func @concat_axis(%a: tensor<2x3xf32>) {
  // expected-error @+2 {{Concat axis is out of range}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = onnx.Concat %a, %a {axis = 2 : si64} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x6xf32>
  return
}

// -----

func.func @concat_dims_differ(%a: tensor<2x3xf32>, %b: tensor<3x3xf32>) {
  // expected-error @+2 {{Concat inputs differ in dim 0}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = onnx.Concat %a, %b {axis = 1 : si64} : (tensor<2x3xf32>, tensor<3x3xf32>) -> tensor<2x6xf32>
  return
}

// -----

func.func @pad_count(%x: tensor<2x3xf32>) {
  %p = onnx.Constant dense<[1, 1]> : tensor<2xi64>
  // expected-error @+2 {{Pad needs 4 pads}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = onnx.Pad %x, %p : tensor<2x3xf32>, tensor<2xi64> -> tensor<3x4xf32>
  return
}

// -----

func.func @pad_negative_dim(%x: tensor<2x3xf32>) {
  %p = onnx.Constant dense<[-2, 0, -1, 0]> : tensor<4xi64>
  // expected-error @+2 {{Pad makes dim 0 negative}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = onnx.Pad %x, %p : tensor<2x3xf32>, tensor<4xi64> -> tensor<0x3xf32>
  return
}

// -----

func.func @constant_dynamic() {
  // expected-error @+1 {{'onnx.Constant' op result #0 must be statically shaped tensor of any type values}}
  %0 = "onnx.Constant"() <{value = dense<1.0> : tensor<2xf32>}> : () -> tensor<?xf32>
  return
}

// -----

// Most ops take any element type; Where's condition must be bool.
func.func @float_condition(%c: tensor<2xf32>, %x: tensor<2xf32>) {
  // expected-error @+1 {{'onnx.Where' op operand #0 must be ranked tensor of 1-bit signless integer values, but got 'tensor<2xf32>'}}
  %0 = onnx.Where %c, %x, %x : (tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return
}

// -----

func.func @float_shift(%x: tensor<2xf32>) {
  // expected-error @+1 {{'onnx.BitShift' op operand #0 must be ranked tensor of integer values, but got 'tensor<2xf32>'}}
  %0 = onnx.BitShift %x, %x {direction = "LEFT"} : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return
}

// -----

func.func @clip_unranked_bound(%x: tensor<2x2xf32>, %lo: tensor<*xf32>) {
  // expected-error @+1 {{'onnx.Clip' op operand #1 must be ranked tensor of any type values, but got 'tensor<*xf32>'}}
  %0 = onnx.Clip %x min %lo : tensor<*xf32> : tensor<2x2xf32> -> tensor<2x2xf32>
  return
}

// -----

func.func @gemm_unranked_c(%a: tensor<2x4xf32>, %b: tensor<4x5xf32>, %c: tensor<*xf32>) {
  // expected-error @+1 {{'onnx.Gemm' op operand #2 must be ranked tensor of any type values, but got 'tensor<*xf32>'}}
  %0 = onnx.Gemm %a, %b, %c : tensor<*xf32> : tensor<2x4xf32>, tensor<4x5xf32> -> tensor<2x5xf32>
  return
}

// -----

func.func @conv_unranked_bias(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<*xf32>) {
  // expected-error @+1 {{'onnx.Conv' op operand #2 must be ranked tensor of any type values, but got 'tensor<*xf32>'}}
  %0 = onnx.Conv %x, %w, %b : tensor<*xf32> : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x6x6xf32>
  return
}
