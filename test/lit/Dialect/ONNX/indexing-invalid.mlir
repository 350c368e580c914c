// RUN: mote-opt %s -split-input-file -verify-diagnostics

// Shapes the indexing ops cannot have are errors of type inference, also for
// sizes a hostile file may hold.

func.func @split_too_many_parts(%x: tensor<3xf32>) {
  // expected-error @+2 {{num_outputs 4 exceeds the dim 3 (empty parts are not supported)}}
  // expected-error @+1 {{'onnx.Split' op failed to infer returned types}}
  %0:4 = onnx.Split %x {num_outputs = 4 : i64} : tensor<3xf32> -> tensor<1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>
  return
}

// -----

func.func @split_sizes_sum(%x: tensor<6xf32>) {
  %s = onnx.Constant dense<[2, 3]> : tensor<2xi64>
  // expected-error @+2 {{split sizes add up to 5, not the dim 6}}
  // expected-error @+1 {{'onnx.Split' op failed to infer returned types}}
  %0:2 = onnx.Split %x split %s : tensor<2xi64> : tensor<6xf32> -> tensor<2xf32>, tensor<3xf32>
  return
}

// -----

func.func @depth_to_space_blocksize(%x: tensor<1x4x2x2xf32>) {
  // expected-error @+2 {{channels 4 are not a multiple of blocksize^2}}
  // expected-error @+1 {{'onnx.DepthToSpace' op failed to infer returned types}}
  %0 = onnx.DepthToSpace %x {blocksize = 4294967296 : i64} : tensor<1x4x2x2xf32> -> tensor<1x1x4x4xf32>
  return
}

// -----

func.func @one_hot_depth(%i: tensor<3xi64>, %v: tensor<2xf32>) {
  %d = onnx.Constant dense<1.0e30> : tensor<f32>
  // expected-error @+2 {{depth must be positive and at most 268435456}}
  // expected-error @+1 {{'onnx.OneHot' op failed to infer returned types}}
  %0 = onnx.OneHot %i, %d, %v : (tensor<3xi64>, tensor<f32>, tensor<2xf32>) -> tensor<3x4xf32>
  return
}

// -----

func.func @top_k_k(%x: tensor<2x4xf32>) {
  %k = onnx.Constant dense<5> : tensor<1xi64>
  // expected-error @+2 {{K = 5 is outside [0, 4]}}
  // expected-error @+1 {{'onnx.TopK' op failed to infer returned types}}
  %v, %i = onnx.TopK %x, %k : (tensor<2x4xf32>, tensor<1xi64>) -> tensor<2x5xf32>, tensor<2x5xi64>
  return
}

// -----

func.func @gather_nd_batch(%x: tensor<2x4xf32>, %i: tensor<3x1xi64>) {
  // expected-error @+2 {{data and indices differ in the batch dims}}
  // expected-error @+1 {{'onnx.GatherND' op failed to infer returned types}}
  %0 = onnx.GatherND %x, %i {batch_dims = 1 : i64} : (tensor<2x4xf32>, tensor<3x1xi64>) -> tensor<3xf32>
  return
}

// -----

func.func @compress_long_condition(%x: tensor<2xf32>) {
  %c = onnx.Constant dense<[true, false, true]> : tensor<3xi1>
  // expected-error @+2 {{the condition selects entry 2 of a dim of 2}}
  // expected-error @+1 {{'onnx.Compress' op failed to infer returned types}}
  %0 = onnx.Compress %x, %c {axis = 0 : si64} : (tensor<2xf32>, tensor<3xi1>) -> tensor<2xf32>
  return
}

// -----

func.func @reverse_sequence_axes(%x: tensor<2x3xf32>, %l: tensor<3xi64>) {
  // expected-error @+2 {{batch_axis and time_axis must be 0 and 1 (either order) of an input of rank >= 2}}
  // expected-error @+1 {{'onnx.ReverseSequence' op failed to infer returned types}}
  %0 = onnx.ReverseSequence %x, %l {batch_axis = 1 : i64, time_axis = 1 : i64} : (tensor<2x3xf32>, tensor<3xi64>) -> tensor<2x3xf32>
  return
}
