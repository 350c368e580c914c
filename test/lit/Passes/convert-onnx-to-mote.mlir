// RUN: mote-opt %s -split-input-file -convert-onnx-to-mote -verify-diagnostics | FileCheck %s

// CHECK-LABEL: func.func @constant
// CHECK-NEXT: %[[C:.*]] = arith.constant dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>
// CHECK-NEXT: return %[[C]]
func.func @constant() -> tensor<2xf32> {
  %0 = onnx.Constant dense<[1.0, 2.0]> : tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// CHECK-LABEL: func.func @binary
// CHECK-SAME: (%[[A:.*]]: tensor<2x3xf32>, %[[B:.*]]: tensor<3xf32>)
// CHECK: %[[E0:.*]] = tensor.empty() : tensor<2x3xf32>
// CHECK: %[[R0:.*]] = mote.binary %[[A]], %[[B]], %[[E0]] {kind = #mote<binary add>} : (tensor<2x3xf32>, tensor<3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK: %[[R1:.*]] = mote.binary %[[R0]], %[[B]], %{{.*}} {kind = #mote<binary sub>}
// CHECK: %[[R2:.*]] = mote.binary %[[R1]], %[[B]], %{{.*}} {kind = #mote<binary mul>}
// CHECK: %[[R3:.*]] = mote.binary %[[R2]], %[[B]], %{{.*}} {kind = #mote<binary div>}
// CHECK: return %[[R3]]
// CHECK-NOT: onnx.
func.func @binary(%a: tensor<2x3xf32>, %b: tensor<3xf32>) -> tensor<2x3xf32> {
  %0 = onnx.Add %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %1 = onnx.Sub %0, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %2 = onnx.Mul %1, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %3 = onnx.Div %2, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return %3 : tensor<2x3xf32>
}

// -----

// Each activation becomes a standalone mote.activation with its parameters.
// CHECK-LABEL: func.func @unary
// CHECK: mote.activation %{{.*}}, %{{.*}} {act = #mote<act relu>} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
// CHECK: mote.activation %{{.*}}, %{{.*}} {act = #mote<act sigmoid>}
// CHECK: mote.activation %{{.*}}, %{{.*}} {act = #mote<act tanh>}
// CHECK: mote.activation %{{.*}}, %{{.*}} {act = #mote<act hard_swish>}
// CHECK: mote.activation %{{.*}}, %{{.*}} {act = #mote<act leaky_relu>, act_alpha = 2.500000e-01 : f32}
// CHECK: mote.activation %{{.*}}, %{{.*}} {act = #mote<act hard_sigmoid>, act_alpha = 5.000000e-01 : f32, act_beta = 2.500000e-01 : f32}
func.func @unary(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = onnx.Relu %x : tensor<4xf32> -> tensor<4xf32>
  %1 = onnx.Sigmoid %0 : tensor<4xf32> -> tensor<4xf32>
  %2 = onnx.Tanh %1 : tensor<4xf32> -> tensor<4xf32>
  %3 = onnx.HardSwish %2 : tensor<4xf32> -> tensor<4xf32>
  %4 = onnx.LeakyRelu %3 {alpha = 0.25 : f32} : tensor<4xf32> -> tensor<4xf32>
  %5 = onnx.HardSigmoid %4 {alpha = 0.5 : f32, beta = 0.25 : f32} : tensor<4xf32> -> tensor<4xf32>
  return %5 : tensor<4xf32>
}

// -----

// Constant bounds: a clip activation; a missing bound is -inf / +inf.
// CHECK-LABEL: func.func @clip_constant
// CHECK: mote.activation %{{.*}}, %{{.*}} {act = #mote<act clip>, act_beta = 6.000000e+00 : f32}
// CHECK: mote.activation %{{.*}}, %{{.*}} {act = #mote<act clip>, act_alpha = 0xFF800000 : f32, act_beta = 6.000000e+00 : f32}
// CHECK: mote.activation %{{.*}}, %{{.*}} {act = #mote<act clip>, act_alpha = 0xFF800000 : f32, act_beta = 0x7F800000 : f32}
// CHECK-NOT: mote.binary
func.func @clip_constant(%x: tensor<4xf32>) -> tensor<4xf32> {
  %lo = onnx.Constant dense<0.0> : tensor<f32>
  %hi = onnx.Constant dense<6.0> : tensor<f32>
  %0 = onnx.Clip %x min %lo : tensor<f32> max %hi : tensor<f32> : tensor<4xf32> -> tensor<4xf32>
  %1 = onnx.Clip %0 max %hi : tensor<f32> : tensor<4xf32> -> tensor<4xf32>
  %2 = onnx.Clip %1 : tensor<4xf32> -> tensor<4xf32>
  return %2 : tensor<4xf32>
}

// -----

// Bounds computed at run time: a max, then a min.
// CHECK-LABEL: func.func @clip_runtime
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>, %[[LO:.*]]: tensor<f32>, %[[HI:.*]]: tensor<f32>)
// CHECK: %[[MAX:.*]] = mote.binary %[[X]], %[[LO]], %{{.*}} {kind = #mote<binary max>} : (tensor<4xf32>, tensor<f32>, tensor<4xf32>) -> tensor<4xf32>
// CHECK: %[[MIN:.*]] = mote.binary %[[MAX]], %[[HI]], %{{.*}} {kind = #mote<binary min>}
// CHECK: return %[[MIN]]
// CHECK-NOT: mote.activation
func.func @clip_runtime(%x: tensor<4xf32>, %lo: tensor<f32>, %hi: tensor<f32>) -> tensor<4xf32> {
  %0 = onnx.Clip %x min %lo : tensor<f32> max %hi : tensor<f32> : tensor<4xf32> -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @clip_runtime_max_only
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>, %[[HI:.*]]: tensor<f32>)
// CHECK: %[[MIN:.*]] = mote.binary %[[X]], %[[HI]], %{{.*}} {kind = #mote<binary min>}
// CHECK-NEXT: return %[[MIN]]
func.func @clip_runtime_max_only(%x: tensor<4xf32>, %hi: tensor<f32>) -> tensor<4xf32> {
  %0 = onnx.Clip %x max %hi : tensor<f32> : tensor<4xf32> -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// SAME_UPPER becomes explicit pads [top, left, bottom, right].
// CHECK-LABEL: func.func @conv
// CHECK-SAME: (%[[X:.*]]: tensor<1x3x8x8xf32>, %[[W:.*]]: tensor<4x3x3x3xf32>, %[[B:.*]]: tensor<4xf32>)
// CHECK: %[[E:.*]] = tensor.empty() : tensor<1x4x4x4xf32>
// CHECK: mote.conv2d %[[X]], %[[W]], %[[B]], %[[E]] {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 0, 0, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>, tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32>
func.func @conv(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<4xf32>) -> tensor<1x4x4x4xf32> {
  %0 = onnx.Conv %x, %w, %b : tensor<4xf32> {auto_pad = "SAME_UPPER", strides = array<i64: 2, 2>} : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x4x4xf32>
  return %0 : tensor<1x4x4x4xf32>
}

// -----

// CHECK-LABEL: func.func @conv_group
// CHECK: mote.conv2d %{{.*}}, %{{.*}}, %{{.*}} {dilations = array<i64: 2, 2>, group = 4 : i64, pads = array<i64: 2, 2, 2, 2>, strides = array<i64: 1, 1>} : (tensor<1x4x5x5xf32>, tensor<8x1x3x3xf32>, tensor<1x8x5x5xf32>) -> tensor<1x8x5x5xf32>
func.func @conv_group(%x: tensor<1x4x5x5xf32>, %w: tensor<8x1x3x3xf32>) -> tensor<1x8x5x5xf32> {
  %0 = onnx.Conv %x, %w {group = 4 : i64, dilations = array<i64: 2, 2>, pads = array<i64: 2, 2, 2, 2>} : tensor<1x4x5x5xf32>, tensor<8x1x3x3xf32> -> tensor<1x8x5x5xf32>
  return %0 : tensor<1x8x5x5xf32>
}

// -----

// A 1-d convolution runs as a 2-d one over a height of 1, through views.
// CHECK-LABEL: func.func @conv1d
// CHECK-SAME: (%[[X:.*]]: tensor<1x2x10xf32>, %[[W:.*]]: tensor<3x2x3xf32>)
// CHECK: %[[XF:.*]] = tensor.collapse_shape %[[X]] {{\[\[}}0, 1, 2]] : tensor<1x2x10xf32> into tensor<20xf32>
// CHECK: %[[X4:.*]] = tensor.expand_shape %[[XF]] {{\[\[}}0, 1, 2, 3]] output_shape [1, 2, 1, 10] : tensor<20xf32> into tensor<1x2x1x10xf32>
// CHECK: %[[WF:.*]] = tensor.collapse_shape %[[W]] {{\[\[}}0, 1, 2]] : tensor<3x2x3xf32> into tensor<18xf32>
// CHECK: %[[W4:.*]] = tensor.expand_shape %[[WF]] {{\[\[}}0, 1, 2, 3]] output_shape [3, 2, 1, 3] : tensor<18xf32> into tensor<3x2x1x3xf32>
// CHECK: %[[E:.*]] = tensor.empty() : tensor<1x3x1x6xf32>
// CHECK: %[[Y4:.*]] = mote.conv2d %[[X4]], %[[W4]], %[[E]] {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 0, 1, 0, 2>, strides = array<i64: 1, 2>}
// CHECK: %[[YF:.*]] = tensor.collapse_shape %[[Y4]] {{\[\[}}0, 1, 2, 3]] : tensor<1x3x1x6xf32> into tensor<18xf32>
// CHECK: %[[Y:.*]] = tensor.expand_shape %[[YF]] {{\[\[}}0, 1, 2]] output_shape [1, 3, 6] : tensor<18xf32> into tensor<1x3x6xf32>
// CHECK: return %[[Y]]
func.func @conv1d(%x: tensor<1x2x10xf32>, %w: tensor<3x2x3xf32>) -> tensor<1x3x6xf32> {
  %0 = onnx.Conv %x, %w {pads = array<i64: 1, 2>, strides = array<i64: 2>} : tensor<1x2x10xf32>, tensor<3x2x3xf32> -> tensor<1x3x6xf32>
  return %0 : tensor<1x3x6xf32>
}

// -----

func.func @conv3d(%x: tensor<1x1x4x4x4xf32>, %w: tensor<1x1x2x2x2xf32>) -> tensor<1x1x3x3x3xf32> {
  // expected-error @+1 {{Conv with 3 spatial dims is not supported (1 or 2)}}
  %0 = onnx.Conv %x, %w : tensor<1x1x4x4x4xf32>, tensor<1x1x2x2x2xf32> -> tensor<1x1x3x3x3xf32>
  return %0 : tensor<1x1x3x3x3xf32>
}

// -----

// C of Gemm gets exactly two dims.
// CHECK-LABEL: func.func @gemm
// CHECK-SAME: (%[[A:.*]]: tensor<2x8xf32>, %[[B:.*]]: tensor<3x8xf32>, %[[C:.*]]: tensor<3xf32>)
// CHECK: %[[C2:.*]] = tensor.expand_shape %[[C]] {{\[\[}}0, 1]] output_shape [1, 3] : tensor<3xf32> into tensor<1x3xf32>
// CHECK: %[[E:.*]] = tensor.empty() : tensor<2x3xf32>
// CHECK: mote.gemm %[[A]], %[[B]], %[[C2]], %[[E]] {alpha = 5.000000e-01 : f32, beta = 1.000000e+00 : f32, trans_a = false, trans_b = true} : (tensor<2x8xf32>, tensor<3x8xf32>, tensor<1x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
func.func @gemm(%a: tensor<2x8xf32>, %b: tensor<3x8xf32>, %c: tensor<3xf32>) -> tensor<2x3xf32> {
  %0 = onnx.Gemm %a, %b, %c : tensor<3xf32> {alpha = 0.5 : f32, transB = 1 : i64} : tensor<2x8xf32>, tensor<3x8xf32> -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func.func @gemm_no_c
// CHECK: mote.gemm %{{[^,]*}}, %{{[^,]*}}, %{{[^,]*}} {alpha = 1.000000e+00 : f32, beta = 1.000000e+00 : f32, trans_a = true, trans_b = false} : (tensor<8x2xf32>, tensor<8x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
func.func @gemm_no_c(%a: tensor<8x2xf32>, %b: tensor<8x3xf32>) -> tensor<2x3xf32> {
  %0 = onnx.Gemm %a, %b {transA = 1 : i64} : tensor<8x2xf32>, tensor<8x3xf32> -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func.func @gemm_scalar_c
// CHECK: %[[C1:.*]] = tensor.expand_shape %{{.*}} [] output_shape [1] : tensor<f32> into tensor<1xf32>
// CHECK: %[[C2:.*]] = tensor.expand_shape %[[C1]] {{\[\[}}0, 1]] output_shape [1, 1] : tensor<1xf32> into tensor<1x1xf32>
// CHECK: mote.gemm %{{.*}}, %{{.*}}, %[[C2]], %{{.*}} : (tensor<2x8xf32>, tensor<8x3xf32>, tensor<1x1xf32>, tensor<2x3xf32>)
func.func @gemm_scalar_c(%a: tensor<2x8xf32>, %b: tensor<8x3xf32>, %c: tensor<f32>) -> tensor<2x3xf32> {
  %0 = onnx.Gemm %a, %b, %c : tensor<f32> : tensor<2x8xf32>, tensor<8x3xf32> -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func.func @matmul
// CHECK: %[[E:.*]] = tensor.empty() : tensor<2x3x5xf32>
// CHECK: mote.matmul %{{.*}}, %{{.*}}, %[[E]] : (tensor<2x3x4xf32>, tensor<4x5xf32>, tensor<2x3x5xf32>) -> tensor<2x3x5xf32>
func.func @matmul(%a: tensor<2x3x4xf32>, %b: tensor<4x5xf32>) -> tensor<2x3x5xf32> {
  %0 = onnx.MatMul %a, %b : (tensor<2x3x4xf32>, tensor<4x5xf32>) -> tensor<2x3x5xf32>
  return %0 : tensor<2x3x5xf32>
}

// -----

// A 1-d operand is promoted to a matrix and the added dim dropped again.
// CHECK-LABEL: func.func @matmul_vector
// CHECK: %[[A:.*]] = tensor.expand_shape %{{.*}} {{\[\[}}0, 1]] output_shape [1, 4] : tensor<4xf32> into tensor<1x4xf32>
// CHECK: %[[Y:.*]] = mote.matmul %[[A]], %{{.*}}, %{{.*}} : (tensor<1x4xf32>, tensor<4x5xf32>, tensor<1x5xf32>) -> tensor<1x5xf32>
// CHECK: %[[R:.*]] = tensor.collapse_shape %[[Y]] {{\[\[}}0, 1]] : tensor<1x5xf32> into tensor<5xf32>
// CHECK: return %[[R]]
func.func @matmul_vector(%v: tensor<4xf32>, %b: tensor<4x5xf32>) -> tensor<5xf32> {
  %0 = onnx.MatMul %v, %b : (tensor<4xf32>, tensor<4x5xf32>) -> tensor<5xf32>
  return %0 : tensor<5xf32>
}

// -----

// y = x * s + t, s = scale / sqrt(var + eps), t = B - mean * s, with s and t
// shaped [C, 1, 1] to broadcast over the channel dim.
// CHECK-LABEL: func.func @batchnorm
// CHECK-SAME: (%[[X:.*]]: tensor<1x2x4x4xf32>, %[[SCALE:.*]]: tensor<2xf32>, %[[BIAS:.*]]: tensor<2xf32>, %[[MEAN:.*]]: tensor<2xf32>, %[[VAR:.*]]: tensor<2xf32>)
// CHECK: %[[EPS:.*]] = arith.constant dense<1.000000e-03> : tensor<f32>
// CHECK: %[[STD:.*]] = mote.binary %[[VAR]], %[[EPS]], %{{.*}} {act = #mote<act sqrt>, kind = #mote<binary add>}
// CHECK: %[[S:.*]] = mote.binary %[[SCALE]], %[[STD]], %{{.*}} {kind = #mote<binary div>}
// CHECK: %[[MS:.*]] = mote.binary %[[MEAN]], %[[S]], %{{.*}} {kind = #mote<binary mul>}
// CHECK: %[[T:.*]] = mote.binary %[[BIAS]], %[[MS]], %{{.*}} {kind = #mote<binary sub>}
// CHECK: %[[S3:.*]] = tensor.expand_shape %[[S]] {{\[\[}}0, 1, 2]] output_shape [2, 1, 1] : tensor<2xf32> into tensor<2x1x1xf32>
// CHECK: %[[T3:.*]] = tensor.expand_shape %[[T]] {{\[\[}}0, 1, 2]] output_shape [2, 1, 1] : tensor<2xf32> into tensor<2x1x1xf32>
// CHECK: %[[MUL:.*]] = mote.binary %[[X]], %[[S3]], %{{.*}} {kind = #mote<binary mul>} : (tensor<1x2x4x4xf32>, tensor<2x1x1xf32>, tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32>
// CHECK: %[[ADD:.*]] = mote.binary %[[MUL]], %[[T3]], %{{.*}} {kind = #mote<binary add>} : (tensor<1x2x4x4xf32>, tensor<2x1x1xf32>, tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32>
// CHECK: return %[[ADD]]
func.func @batchnorm(%x: tensor<1x2x4x4xf32>, %s: tensor<2xf32>, %b: tensor<2xf32>, %m: tensor<2xf32>, %v: tensor<2xf32>) -> tensor<1x2x4x4xf32> {
  %0 = onnx.BatchNormalization %x, %s, %b, %m, %v {epsilon = 1.0e-3 : f32} : tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32> -> tensor<1x2x4x4xf32>
  return %0 : tensor<1x2x4x4xf32>
}

// -----

// Windows get explicit pads; ceil mode is folded into the result shape;
// GlobalAveragePool is a mean over the spatial dims.
// CHECK-LABEL: func.func @pools
// CHECK: mote.pool %{{.*}}, %{{.*}} {count_include_pad = false, dilations = array<i64: 1, 1>, kernel = array<i64: 2, 2>, kind = #mote<pool max>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>} : (tensor<1x3x7x7xf32>, tensor<1x3x4x4xf32>) -> tensor<1x3x4x4xf32>
// CHECK: mote.pool %{{.*}}, %{{.*}} {count_include_pad = true, dilations = array<i64: 1, 1>, kernel = array<i64: 2, 2>, kind = #mote<pool avg>, pads = array<i64: 1, 1, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x3x7x7xf32>, tensor<1x3x7x7xf32>) -> tensor<1x3x7x7xf32>
// CHECK: mote.reduce %{{.*}}, %{{.*}} {axes = array<i64: 2, 3>, kind = #mote<reduce mean>} : (tensor<1x3x7x7xf32>, tensor<1x3x1x1xf32>) -> tensor<1x3x1x1xf32>
func.func @pools(%x: tensor<1x3x7x7xf32>) -> (tensor<1x3x4x4xf32>, tensor<1x3x7x7xf32>, tensor<1x3x1x1xf32>) {
  %0 = onnx.MaxPool %x {ceil_mode = 1 : i64, kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<1x3x7x7xf32> -> tensor<1x3x4x4xf32>
  %1 = onnx.AveragePool %x {auto_pad = "SAME_LOWER", count_include_pad = 1 : i64, kernel_shape = array<i64: 2, 2>} : tensor<1x3x7x7xf32> -> tensor<1x3x7x7xf32>
  %2 = onnx.GlobalAveragePool %x : tensor<1x3x7x7xf32> -> tensor<1x3x1x1xf32>
  return %0, %1, %2 : tensor<1x3x4x4xf32>, tensor<1x3x7x7xf32>, tensor<1x3x1x1xf32>
}

// -----

// CHECK-LABEL: func.func @pool1d
// CHECK: %[[X4:.*]] = tensor.expand_shape %{{.*}} output_shape [1, 2, 1, 9]
// CHECK: mote.pool %[[X4]], %{{.*}} {count_include_pad = false, dilations = array<i64: 1, 1>, kernel = array<i64: 1, 3>, kind = #mote<pool max>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 2>} : (tensor<1x2x1x9xf32>, tensor<1x2x1x4xf32>) -> tensor<1x2x1x4xf32>
// CHECK: tensor.expand_shape %{{.*}} output_shape [1, 2, 4]
func.func @pool1d(%x: tensor<1x2x9xf32>) -> tensor<1x2x4xf32> {
  %0 = onnx.MaxPool %x {kernel_shape = array<i64: 3>, strides = array<i64: 2>} : tensor<1x2x9xf32> -> tensor<1x2x4xf32>
  return %0 : tensor<1x2x4xf32>
}

// -----

// CHECK-LABEL: func.func @pool3d
// CHECK: mote.pool %{{.*}}, %{{.*}} {count_include_pad = false, dilations = array<i64: 1, 1, 1>, kernel = array<i64: 2, 2, 2>, kind = #mote<pool avg>, pads = array<i64: 0, 0, 0, 0, 0, 0>, strides = array<i64: 1, 1, 1>} : (tensor<1x2x4x4x4xf32>, tensor<1x2x3x3x3xf32>) -> tensor<1x2x3x3x3xf32>
func.func @pool3d(%x: tensor<1x2x4x4x4xf32>) -> tensor<1x2x3x3x3xf32> {
  %0 = onnx.AveragePool %x {kernel_shape = array<i64: 2, 2, 2>} : tensor<1x2x4x4x4xf32> -> tensor<1x2x3x3x3xf32>
  return %0 : tensor<1x2x3x3x3xf32>
}

// -----

// Axes are normalized and sorted; no axes means all of them, unless
// noop_with_empty_axes makes the op an identity.
// CHECK-LABEL: func.func @reduce_mean
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x4xf32>)
// CHECK: %[[R0:.*]] = mote.reduce %[[X]], %{{.*}} {axes = array<i64: 1, 2>, kind = #mote<reduce mean>} : (tensor<2x3x4xf32>, tensor<2x1x1xf32>) -> tensor<2x1x1xf32>
// CHECK: %[[R1:.*]] = mote.reduce %[[X]], %{{.*}} {axes = array<i64: 1, 2>, kind = #mote<reduce mean>} : (tensor<2x3x4xf32>, tensor<2xf32>) -> tensor<2xf32>
// CHECK: %[[R2:.*]] = mote.reduce %[[X]], %{{.*}} {axes = array<i64: 0, 1, 2>, kind = #mote<reduce mean>} : (tensor<2x3x4xf32>, tensor<1x1x1xf32>) -> tensor<1x1x1xf32>
// CHECK: return %[[R0]], %[[R1]], %[[R2]], %[[X]]
func.func @reduce_mean(%x: tensor<2x3x4xf32>) -> (tensor<2x1x1xf32>, tensor<2xf32>, tensor<1x1x1xf32>, tensor<2x3x4xf32>) {
  %axes = onnx.Constant dense<[-1, 1]> : tensor<2xi64>
  %0 = onnx.ReduceMean %x axes %axes : tensor<2xi64> : tensor<2x3x4xf32> -> tensor<2x1x1xf32>
  %1 = onnx.ReduceMean %x axes %axes : tensor<2xi64> {keepdims = 0 : i64} : tensor<2x3x4xf32> -> tensor<2xf32>
  %2 = onnx.ReduceMean %x : tensor<2x3x4xf32> -> tensor<1x1x1xf32>
  %3 = onnx.ReduceMean %x {noop_with_empty_axes = 1 : i64} : tensor<2x3x4xf32> -> tensor<2x3x4xf32>
  return %0, %1, %2, %3 : tensor<2x1x1xf32>, tensor<2xf32>, tensor<1x1x1xf32>, tensor<2x3x4xf32>
}

// -----

// Negative axes become non-negative.
// CHECK-LABEL: func.func @softmax
// CHECK: mote.softmax %{{.*}}, %{{.*}} {axis = 2 : i64} : (tensor<2x3x5xf32>, tensor<2x3x5xf32>) -> tensor<2x3x5xf32>
// CHECK: mote.softmax %{{.*}}, %{{.*}} {axis = 1 : i64}
// CHECK: mote.softmax %{{.*}}, %{{.*}} {axis = 0 : i64}
func.func @softmax(%x: tensor<2x3x5xf32>) -> (tensor<2x3x5xf32>, tensor<2x3x5xf32>, tensor<2x3x5xf32>) {
  %0 = onnx.Softmax %x : tensor<2x3x5xf32> -> tensor<2x3x5xf32>
  %1 = onnx.Softmax %x {axis = -2 : si64} : tensor<2x3x5xf32> -> tensor<2x3x5xf32>
  %2 = onnx.Softmax %x {axis = 0 : si64} : tensor<2x3x5xf32> -> tensor<2x3x5xf32>
  return %0, %1, %2 : tensor<2x3x5xf32>, tensor<2x3x5xf32>, tensor<2x3x5xf32>
}

// -----

// Reshape and Flatten are views: collapse to 1-d, expand to the target.
// CHECK-LABEL: func.func @reshape_flatten
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x4xf32>)
// CHECK: %[[F0:.*]] = tensor.collapse_shape %[[X]] {{\[\[}}0, 1, 2]] : tensor<2x3x4xf32> into tensor<24xf32>
// CHECK: %[[R0:.*]] = tensor.expand_shape %[[F0]] {{\[\[}}0, 1]] output_shape [4, 6] : tensor<24xf32> into tensor<4x6xf32>
// CHECK: %[[F1:.*]] = tensor.collapse_shape %[[X]] {{\[\[}}0, 1, 2]] : tensor<2x3x4xf32> into tensor<24xf32>
// CHECK: %[[R1:.*]] = tensor.expand_shape %[[F1]] {{\[\[}}0, 1]] output_shape [2, 12] : tensor<24xf32> into tensor<2x12xf32>
// CHECK: %[[R2:.*]] = tensor.collapse_shape %[[X]] {{\[\[}}0, 1, 2]] : tensor<2x3x4xf32> into tensor<24xf32>
// CHECK: return %[[R0]], %[[R1]], %[[R2]]
// CHECK-NOT: mote.
func.func @reshape_flatten(%x: tensor<2x3x4xf32>) -> (tensor<4x6xf32>, tensor<2x12xf32>, tensor<24xf32>) {
  %s = onnx.Constant dense<[4, -1]> : tensor<2xi64>
  %0 = onnx.Reshape %x, %s : (tensor<2x3x4xf32>, tensor<2xi64>) -> tensor<4x6xf32>
  %1 = onnx.Flatten %x : tensor<2x3x4xf32> -> tensor<2x12xf32>
  %t = onnx.Constant dense<[24]> : tensor<1xi64>
  %2 = onnx.Reshape %x, %t : (tensor<2x3x4xf32>, tensor<1xi64>) -> tensor<24xf32>
  return %0, %1, %2 : tensor<4x6xf32>, tensor<2x12xf32>, tensor<24xf32>
}

// -----

// A reshape to the same type is no op at all.
// CHECK-LABEL: func.func @reshape_identity
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>)
// CHECK-NOT: tensor.collapse_shape
// CHECK-NOT: tensor.expand_shape
// CHECK: return %[[X]]
func.func @reshape_identity(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %s = onnx.Constant dense<[0, -1]> : tensor<2xi64>
  %0 = onnx.Reshape %x, %s : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func.func @squeeze_unsqueeze
// CHECK-SAME: (%[[X:.*]]: tensor<1x3x1x4xf32>, %[[S:.*]]: tensor<1xf32>)
// CHECK: %[[F0:.*]] = tensor.collapse_shape %[[X]] {{\[\[}}0, 1, 2, 3]] : tensor<1x3x1x4xf32> into tensor<12xf32>
// CHECK: %[[SQ:.*]] = tensor.expand_shape %[[F0]] {{\[\[}}0, 1]] output_shape [3, 4] : tensor<12xf32> into tensor<3x4xf32>
// CHECK: %[[F1:.*]] = tensor.collapse_shape %[[X]] {{\[\[}}0, 1, 2, 3]] : tensor<1x3x1x4xf32> into tensor<12xf32>
// CHECK: %[[UN:.*]] = tensor.expand_shape %[[F1]] {{\[\[}}0, 1, 2, 3, 4]] output_shape [1, 3, 1, 4, 1] : tensor<12xf32> into tensor<1x3x1x4x1xf32>
// CHECK: %[[SC:.*]] = tensor.collapse_shape %[[S]] [] : tensor<1xf32> into tensor<f32>
// CHECK: return %[[SQ]], %[[UN]], %[[SC]]
func.func @squeeze_unsqueeze(%x: tensor<1x3x1x4xf32>, %s: tensor<1xf32>) -> (tensor<3x4xf32>, tensor<1x3x1x4x1xf32>, tensor<f32>) {
  %0 = onnx.Squeeze %x : tensor<1x3x1x4xf32> -> tensor<3x4xf32>
  %a = onnx.Constant dense<[4]> : tensor<1xi64>
  %1 = onnx.Unsqueeze %x, %a : (tensor<1x3x1x4xf32>, tensor<1xi64>) -> tensor<1x3x1x4x1xf32>
  %2 = onnx.Squeeze %s : tensor<1xf32> -> tensor<f32>
  return %0, %1, %2 : tensor<3x4xf32>, tensor<1x3x1x4x1xf32>, tensor<f32>
}

// -----

// CHECK-LABEL: func.func @unsqueeze_scalar
// CHECK: %[[V:.*]] = tensor.expand_shape %{{.*}} [] output_shape [1] : tensor<f32> into tensor<1xf32>
// CHECK: tensor.expand_shape %[[V]] {{\[\[}}0, 1]] output_shape [1, 1] : tensor<1xf32> into tensor<1x1xf32>
func.func @unsqueeze_scalar(%x: tensor<f32>) -> tensor<1x1xf32> {
  %a = onnx.Constant dense<[0, 1]> : tensor<2xi64>
  %0 = onnx.Unsqueeze %x, %a : (tensor<f32>, tensor<2xi64>) -> tensor<1x1xf32>
  return %0 : tensor<1x1xf32>
}

// -----

// No perm reverses the dims.
// CHECK-LABEL: func.func @transpose
// CHECK: mote.transpose %{{.*}}, %{{.*}} {perm = array<i64: 2, 1, 0>} : (tensor<2x3x4xf32>, tensor<4x3x2xf32>) -> tensor<4x3x2xf32>
// CHECK: mote.transpose %{{.*}}, %{{.*}} {perm = array<i64: 1, 2, 0>} : (tensor<2x3x4xf32>, tensor<3x4x2xf32>) -> tensor<3x4x2xf32>
func.func @transpose(%x: tensor<2x3x4xf32>) -> (tensor<4x3x2xf32>, tensor<3x4x2xf32>) {
  %0 = onnx.Transpose %x : tensor<2x3x4xf32> -> tensor<4x3x2xf32>
  %1 = onnx.Transpose %x {perm = array<i64: 1, 2, 0>} : tensor<2x3x4xf32> -> tensor<3x4x2xf32>
  return %0, %1 : tensor<4x3x2xf32>, tensor<3x4x2xf32>
}

// -----

// CHECK-LABEL: func.func @concat
// CHECK-SAME: (%[[A:.*]]: tensor<2x3xf32>, %[[B:.*]]: tensor<2x1xf32>)
// CHECK: %[[E:.*]] = tensor.empty() : tensor<2x4xf32>
// CHECK: mote.concat %[[A]], %[[B]], %[[E]] {axis = 1 : i64} : (tensor<2x3xf32>, tensor<2x1xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
func.func @concat(%a: tensor<2x3xf32>, %b: tensor<2x1xf32>) -> tensor<2x4xf32> {
  %0 = onnx.Concat %a, %b {axis = -1 : si64} : (tensor<2x3xf32>, tensor<2x1xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

// CHECK-LABEL: func.func @pad
// CHECK: mote.pad %{{.*}}, %{{.*}} {pads = array<i64: 0, 0, 1, 2, 0, 0, 1, 1>, value = 0.000000e+00 : f32} : (tensor<1x3x4x4xf32>, tensor<1x3x6x7xf32>) -> tensor<1x3x6x7xf32>
// CHECK: mote.pad %{{.*}}, %{{.*}} {pads = array<i64: 0, 0, 1, 2, 0, 0, 1, 1>, value = 1.500000e+00 : f32}
func.func @pad(%x: tensor<1x3x4x4xf32>) -> (tensor<1x3x6x7xf32>, tensor<1x3x6x7xf32>) {
  %p = onnx.Constant dense<[0, 0, 1, 2, 0, 0, 1, 1]> : tensor<8xi64>
  %v = onnx.Constant dense<1.5> : tensor<f32>
  %0 = onnx.Pad %x, %p : tensor<1x3x4x4xf32>, tensor<8xi64> -> tensor<1x3x6x7xf32>
  %1 = onnx.Pad %x, %p, %v : tensor<f32> : tensor<1x3x4x4xf32>, tensor<8xi64> -> tensor<1x3x6x7xf32>
  return %0, %1 : tensor<1x3x6x7xf32>, tensor<1x3x6x7xf32>
}

// -----

// Reflect and edge padding are mote.pad_any (kernels/indexing.h).
// CHECK-LABEL: func.func @pad_reflect
// CHECK: mote.pad_any %{{.*}}, %{{.*}} {mode = "reflect", pads = array<i64: 0, 0, 1, 1, 0, 0, 1, 1>, value = 0.000000e+00 : f64} : (tensor<1x3x4x4xf32>, tensor<1x3x6x6xf32>) -> tensor<1x3x6x6xf32>
func.func @pad_reflect(%x: tensor<1x3x4x4xf32>) -> tensor<1x3x6x6xf32> {
  %p = onnx.Constant dense<[0, 0, 1, 1, 0, 0, 1, 1]> : tensor<8xi64>
  %0 = onnx.Pad %x, %p {mode = "reflect"} : tensor<1x3x4x4xf32>, tensor<8xi64> -> tensor<1x3x6x6xf32>
  return %0 : tensor<1x3x6x6xf32>
}

// -----

// CHECK-LABEL: func.func @pad_edge
// CHECK: mote.pad_any %{{.*}}, %{{.*}} {mode = "edge", pads = array<i64: 1, 1, 1, 1>, value = 0.000000e+00 : f64} : (tensor<2x2xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
func.func @pad_edge(%x: tensor<2x2xf32>) -> tensor<4x4xf32> {
  %p = onnx.Constant dense<[1, 1, 1, 1]> : tensor<4xi64>
  %0 = onnx.Pad %x, %p {mode = "edge"} : tensor<2x2xf32>, tensor<4xi64> -> tensor<4x4xf32>
  return %0 : tensor<4x4xf32>
}

// -----

func.func @pad_runtime_value(%x: tensor<2x2xf32>, %v: tensor<f32>) -> tensor<4x4xf32> {
  %p = onnx.Constant dense<[1, 1, 1, 1]> : tensor<4xi64>
  // expected-error @+1 {{Pad constant_value must be a constant scalar}}
  %0 = onnx.Pad %x, %p, %v : tensor<f32> : tensor<2x2xf32>, tensor<4xi64> -> tensor<4x4xf32>
  return %0 : tensor<4x4xf32>
}
