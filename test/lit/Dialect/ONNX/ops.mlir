// RUN: mote-opt %s | mote-opt | FileCheck %s
// RUN: mote-opt %s -mlir-print-op-generic | mote-opt | FileCheck %s

// Every onnx op parses, verifies (the written result type is the inferred
// one) and prints back in its custom form.

// CHECK-LABEL: func.func @constant
// CHECK: onnx.Constant dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>
// CHECK: onnx.Constant dense<[1, -1]> : tensor<2xi64>
// CHECK: onnx.Constant dense_resource<blob> : tensor<2xf32>
func.func @constant() -> (tensor<2xf32>, tensor<2xi64>, tensor<2xf32>) {
  %0 = onnx.Constant dense<[1.0, 2.0]> : tensor<2xf32>
  %1 = onnx.Constant dense<[1, -1]> : tensor<2xi64>
  %2 = onnx.Constant dense_resource<blob> : tensor<2xf32>
  return %0, %1, %2 : tensor<2xf32>, tensor<2xi64>, tensor<2xf32>
}

// CHECK-LABEL: func.func @binary
// CHECK: onnx.Add %{{.*}}, %{{.*}} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
// CHECK: onnx.Sub %{{.*}}, %{{.*}} : (tensor<2x1xf32>, tensor<3xf32>) -> tensor<2x3xf32>
// CHECK: onnx.Mul %{{.*}}, %{{.*}} : (tensor<f32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK: onnx.Div %{{.*}}, %{{.*}} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
func.func @binary(%a: tensor<2x3xf32>, %b: tensor<3xf32>, %c: tensor<2x1xf32>, %s: tensor<f32>) -> tensor<2x3xf32> {
  %0 = onnx.Add %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %1 = onnx.Sub %c, %b : (tensor<2x1xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %2 = onnx.Mul %s, %1 : (tensor<f32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %3 = onnx.Div %0, %2 : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return %3 : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @unary
// CHECK: onnx.Relu %{{.*}} : tensor<1x4xf32> -> tensor<1x4xf32>
// CHECK: onnx.Sigmoid %{{.*}} : tensor<1x4xf32> -> tensor<1x4xf32>
// CHECK: onnx.Tanh %{{.*}} : tensor<1x4xf32> -> tensor<1x4xf32>
// CHECK: onnx.HardSwish %{{.*}} : tensor<1x4xf32> -> tensor<1x4xf32>
// CHECK: onnx.LeakyRelu %{{.*}} : tensor<1x4xf32> -> tensor<1x4xf32>
// CHECK: onnx.LeakyRelu %{{.*}} {alpha = 2.000000e-01 : f32} : tensor<1x4xf32> -> tensor<1x4xf32>
// CHECK: onnx.HardSigmoid %{{.*}} {alpha = 1.000000e+00 : f32, beta = 0.000000e+00 : f32} : tensor<1x4xf32> -> tensor<1x4xf32>
func.func @unary(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
  %0 = onnx.Relu %x : tensor<1x4xf32> -> tensor<1x4xf32>
  %1 = onnx.Sigmoid %0 : tensor<1x4xf32> -> tensor<1x4xf32>
  %2 = onnx.Tanh %1 : tensor<1x4xf32> -> tensor<1x4xf32>
  %3 = onnx.HardSwish %2 : tensor<1x4xf32> -> tensor<1x4xf32>
  %4 = onnx.LeakyRelu %3 : tensor<1x4xf32> -> tensor<1x4xf32>
  %5 = onnx.LeakyRelu %4 {alpha = 0.2 : f32} : tensor<1x4xf32> -> tensor<1x4xf32>
  %6 = onnx.HardSigmoid %5 {alpha = 1.0 : f32, beta = 0.0 : f32} : tensor<1x4xf32> -> tensor<1x4xf32>
  return %6 : tensor<1x4xf32>
}

// CHECK-LABEL: func.func @clip
// CHECK: onnx.Clip %[[X:.*]] min %{{.*}} : tensor<f32> max %{{.*}} : tensor<1xf32> : tensor<2x2xf32> -> tensor<2x2xf32>
// CHECK: onnx.Clip %{{.*}} max %{{.*}} : tensor<1xf32> : tensor<2x2xf32> -> tensor<2x2xf32>
// CHECK: onnx.Clip %{{.*}} : tensor<2x2xf32> -> tensor<2x2xf32>
func.func @clip(%x: tensor<2x2xf32>, %lo: tensor<f32>, %hi: tensor<1xf32>) -> tensor<2x2xf32> {
  %0 = onnx.Clip %x min %lo : tensor<f32> max %hi : tensor<1xf32> : tensor<2x2xf32> -> tensor<2x2xf32>
  %1 = onnx.Clip %0 max %hi : tensor<1xf32> : tensor<2x2xf32> -> tensor<2x2xf32>
  %2 = onnx.Clip %1 : tensor<2x2xf32> -> tensor<2x2xf32>
  return %2 : tensor<2x2xf32>
}

// CHECK-LABEL: func.func @conv
// CHECK: onnx.Conv %{{.*}}, %{{.*}}, %{{.*}} : tensor<4xf32> {pads = array<i64: 1, 1, 1, 1>} : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x8x8xf32>
// CHECK: onnx.Conv %{{.*}}, %{{.*}} {strides = array<i64: 2, 2>} : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x3x3xf32>
// CHECK: onnx.Conv %{{.*}}, %{{.*}} {auto_pad = "SAME_UPPER", strides = array<i64: 2, 2>} : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x4x4xf32>
// CHECK: onnx.Conv %{{.*}}, %{{.*}} {dilations = array<i64: 2, 2>, kernel_shape = array<i64: 3, 3>} : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x4x4xf32>
// CHECK: onnx.Conv %{{.*}}, %{{.*}} {group = 4 : i64} : tensor<1x4x5x5xf32>, tensor<8x1x3x3xf32> -> tensor<1x8x3x3xf32>
// CHECK: onnx.Conv %{{.*}}, %{{.*}} : tensor<1x2x10xf32>, tensor<3x2x3xf32> -> tensor<1x3x8xf32>
func.func @conv(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<4xf32>,
                %dx: tensor<1x4x5x5xf32>, %dw: tensor<8x1x3x3xf32>,
                %x1: tensor<1x2x10xf32>, %w1: tensor<3x2x3xf32>) {
  %0 = onnx.Conv %x, %w, %b : tensor<4xf32> {pads = array<i64: 1, 1, 1, 1>} : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x8x8xf32>
  %1 = onnx.Conv %x, %w {strides = array<i64: 2, 2>} : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x3x3xf32>
  %2 = onnx.Conv %x, %w {auto_pad = "SAME_UPPER", strides = array<i64: 2, 2>} : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x4x4xf32>
  %3 = onnx.Conv %x, %w {dilations = array<i64: 2, 2>, kernel_shape = array<i64: 3, 3>} : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x4x4xf32>
  %4 = onnx.Conv %dx, %dw {group = 4 : i64} : tensor<1x4x5x5xf32>, tensor<8x1x3x3xf32> -> tensor<1x8x3x3xf32>
  %5 = onnx.Conv %x1, %w1 : tensor<1x2x10xf32>, tensor<3x2x3xf32> -> tensor<1x3x8xf32>
  return
}

// CHECK-LABEL: func.func @gemm
// CHECK: onnx.Gemm %{{.*}}, %{{.*}}, %{{.*}} : tensor<5xf32> {transB = 1 : i64} : tensor<2x4xf32>, tensor<5x4xf32> -> tensor<2x5xf32>
// CHECK: onnx.Gemm %{{.*}}, %{{.*}} {alpha = 5.000000e-01 : f32, beta = 2.000000e+00 : f32, transA = 1 : i64} : tensor<4x2xf32>, tensor<4x5xf32> -> tensor<2x5xf32>
func.func @gemm(%a: tensor<2x4xf32>, %b: tensor<5x4xf32>, %c: tensor<5xf32>, %at: tensor<4x2xf32>, %bn: tensor<4x5xf32>) {
  %0 = onnx.Gemm %a, %b, %c : tensor<5xf32> {transB = 1 : i64} : tensor<2x4xf32>, tensor<5x4xf32> -> tensor<2x5xf32>
  %1 = onnx.Gemm %at, %bn {alpha = 0.5 : f32, beta = 2.0 : f32, transA = 1 : i64} : tensor<4x2xf32>, tensor<4x5xf32> -> tensor<2x5xf32>
  return
}

// CHECK-LABEL: func.func @matmul
// CHECK: onnx.MatMul %{{.*}}, %{{.*}} : (tensor<2x3x4xf32>, tensor<4x5xf32>) -> tensor<2x3x5xf32>
// CHECK: onnx.MatMul %{{.*}}, %{{.*}} : (tensor<4xf32>, tensor<4x5xf32>) -> tensor<5xf32>
// CHECK: onnx.MatMul %{{.*}}, %{{.*}} : (tensor<2x3x4xf32>, tensor<4xf32>) -> tensor<2x3xf32>
// CHECK: onnx.MatMul %{{.*}}, %{{.*}} : (tensor<2x1x3x4xf32>, tensor<5x4x2xf32>) -> tensor<2x5x3x2xf32>
func.func @matmul(%a: tensor<2x3x4xf32>, %b: tensor<4x5xf32>, %v: tensor<4xf32>, %a4: tensor<2x1x3x4xf32>, %b3: tensor<5x4x2xf32>) {
  %0 = onnx.MatMul %a, %b : (tensor<2x3x4xf32>, tensor<4x5xf32>) -> tensor<2x3x5xf32>
  %1 = onnx.MatMul %v, %b : (tensor<4xf32>, tensor<4x5xf32>) -> tensor<5xf32>
  %2 = onnx.MatMul %a, %v : (tensor<2x3x4xf32>, tensor<4xf32>) -> tensor<2x3xf32>
  %3 = onnx.MatMul %a4, %b3 : (tensor<2x1x3x4xf32>, tensor<5x4x2xf32>) -> tensor<2x5x3x2xf32>
  return
}

// CHECK-LABEL: func.func @batchnorm
// CHECK: onnx.BatchNormalization %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} {epsilon = 1.000000e-03 : f32} : tensor<1x3x4x4xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32> -> tensor<1x3x4x4xf32>
func.func @batchnorm(%x: tensor<1x3x4x4xf32>, %p: tensor<3xf32>) -> tensor<1x3x4x4xf32> {
  %0 = onnx.BatchNormalization %x, %p, %p, %p, %p {epsilon = 1.0e-3 : f32} : tensor<1x3x4x4xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32> -> tensor<1x3x4x4xf32>
  return %0 : tensor<1x3x4x4xf32>
}

// CHECK-LABEL: func.func @pool
// CHECK: onnx.MaxPool %{{.*}} {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<1x3x7x7xf32> -> tensor<1x3x3x3xf32>
// CHECK: onnx.MaxPool %{{.*}} {ceil_mode = 1 : i64, kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<1x3x7x7xf32> -> tensor<1x3x4x4xf32>
// CHECK: onnx.AveragePool %{{.*}} {count_include_pad = 1 : i64, kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>} : tensor<1x3x7x7xf32> -> tensor<1x3x7x7xf32>
// CHECK: onnx.AveragePool %{{.*}} {kernel_shape = array<i64: 2, 2, 2>} : tensor<1x2x4x4x4xf32> -> tensor<1x2x3x3x3xf32>
// CHECK: onnx.MaxPool %{{.*}} {kernel_shape = array<i64: 3>} : tensor<1x2x9xf32> -> tensor<1x2x7xf32>
// CHECK: onnx.GlobalAveragePool %{{.*}} : tensor<1x3x7x7xf32> -> tensor<1x3x1x1xf32>
func.func @pool(%x: tensor<1x3x7x7xf32>, %x3: tensor<1x2x4x4x4xf32>, %x1: tensor<1x2x9xf32>) {
  %0 = onnx.MaxPool %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<1x3x7x7xf32> -> tensor<1x3x3x3xf32>
  %1 = onnx.MaxPool %x {ceil_mode = 1 : i64, kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<1x3x7x7xf32> -> tensor<1x3x4x4xf32>
  %2 = onnx.AveragePool %x {count_include_pad = 1 : i64, kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>} : tensor<1x3x7x7xf32> -> tensor<1x3x7x7xf32>
  %3 = onnx.AveragePool %x3 {kernel_shape = array<i64: 2, 2, 2>} : tensor<1x2x4x4x4xf32> -> tensor<1x2x3x3x3xf32>
  %4 = onnx.MaxPool %x1 {kernel_shape = array<i64: 3>} : tensor<1x2x9xf32> -> tensor<1x2x7xf32>
  %5 = onnx.GlobalAveragePool %x : tensor<1x3x7x7xf32> -> tensor<1x3x1x1xf32>
  return
}

// CHECK-LABEL: func.func @softmax
// CHECK: onnx.Softmax %{{.*}} : tensor<2x5xf32> -> tensor<2x5xf32>
// CHECK: onnx.Softmax %{{.*}} {axis = 0 : si64} : tensor<2x5xf32> -> tensor<2x5xf32>
// CHECK: onnx.Softmax %{{.*}} {axis = -2 : si64} : tensor<2x5xf32> -> tensor<2x5xf32>
func.func @softmax(%x: tensor<2x5xf32>) {
  %0 = onnx.Softmax %x : tensor<2x5xf32> -> tensor<2x5xf32>
  %1 = onnx.Softmax %x {axis = 0 : si64} : tensor<2x5xf32> -> tensor<2x5xf32>
  %2 = onnx.Softmax %x {axis = -2 : si64} : tensor<2x5xf32> -> tensor<2x5xf32>
  return
}

// CHECK-LABEL: func.func @reduce_mean
// CHECK: onnx.ReduceMean %{{.*}} axes %{{.*}} : tensor<2xi64> : tensor<2x3x4xf32> -> tensor<2x1x1xf32>
// CHECK: onnx.ReduceMean %{{.*}} axes %{{.*}} : tensor<2xi64> {keepdims = 0 : i64} : tensor<2x3x4xf32> -> tensor<2xf32>
// CHECK: onnx.ReduceMean %{{.*}} : tensor<2x3x4xf32> -> tensor<1x1x1xf32>
// CHECK: onnx.ReduceMean %{{.*}} {noop_with_empty_axes = 1 : i64} : tensor<2x3x4xf32> -> tensor<2x3x4xf32>
func.func @reduce_mean(%x: tensor<2x3x4xf32>) {
  %axes = onnx.Constant dense<[-1, 1]> : tensor<2xi64>
  %0 = onnx.ReduceMean %x axes %axes : tensor<2xi64> : tensor<2x3x4xf32> -> tensor<2x1x1xf32>
  %1 = onnx.ReduceMean %x axes %axes : tensor<2xi64> {keepdims = 0 : i64} : tensor<2x3x4xf32> -> tensor<2xf32>
  %2 = onnx.ReduceMean %x : tensor<2x3x4xf32> -> tensor<1x1x1xf32>
  %3 = onnx.ReduceMean %x {noop_with_empty_axes = 1 : i64} : tensor<2x3x4xf32> -> tensor<2x3x4xf32>
  return
}

// CHECK-LABEL: func.func @reshape
// CHECK: onnx.Reshape %{{.*}}, %{{.*}} : (tensor<2x3x4xf32>, tensor<3xi64>) -> tensor<2x4x3xf32>
// CHECK: onnx.Reshape %{{.*}}, %{{.*}} {allowzero = 1 : i64} : (tensor<2x3x4xf32>, tensor<2xi64>) -> tensor<6x4xf32>
func.func @reshape(%x: tensor<2x3x4xf32>) {
  %s = onnx.Constant dense<[0, -1, 3]> : tensor<3xi64>
  %0 = onnx.Reshape %x, %s : (tensor<2x3x4xf32>, tensor<3xi64>) -> tensor<2x4x3xf32>
  %t = onnx.Constant dense<[6, 4]> : tensor<2xi64>
  %1 = onnx.Reshape %x, %t {allowzero = 1 : i64} : (tensor<2x3x4xf32>, tensor<2xi64>) -> tensor<6x4xf32>
  return
}

// CHECK-LABEL: func.func @flatten
// CHECK: onnx.Flatten %{{.*}} : tensor<2x3x4xf32> -> tensor<2x12xf32>
// CHECK: onnx.Flatten %{{.*}} {axis = 0 : si64} : tensor<2x3x4xf32> -> tensor<1x24xf32>
// CHECK: onnx.Flatten %{{.*}} {axis = -1 : si64} : tensor<2x3x4xf32> -> tensor<6x4xf32>
// CHECK: onnx.Flatten %{{.*}} {axis = 3 : si64} : tensor<2x3x4xf32> -> tensor<24x1xf32>
func.func @flatten(%x: tensor<2x3x4xf32>) {
  %0 = onnx.Flatten %x : tensor<2x3x4xf32> -> tensor<2x12xf32>
  %1 = onnx.Flatten %x {axis = 0 : si64} : tensor<2x3x4xf32> -> tensor<1x24xf32>
  %2 = onnx.Flatten %x {axis = -1 : si64} : tensor<2x3x4xf32> -> tensor<6x4xf32>
  %3 = onnx.Flatten %x {axis = 3 : si64} : tensor<2x3x4xf32> -> tensor<24x1xf32>
  return
}

// CHECK-LABEL: func.func @squeeze_unsqueeze
// CHECK: onnx.Squeeze %{{.*}} : tensor<1x3x1x4xf32> -> tensor<3x4xf32>
// CHECK: onnx.Squeeze %{{.*}} axes %{{.*}} : tensor<1xi64> : tensor<1x3x1x4xf32> -> tensor<1x3x4xf32>
// CHECK: onnx.Unsqueeze %{{.*}}, %{{.*}} : (tensor<3x4xf32>, tensor<2xi64>) -> tensor<1x3x4x1xf32>
func.func @squeeze_unsqueeze(%x: tensor<1x3x1x4xf32>) {
  %0 = onnx.Squeeze %x : tensor<1x3x1x4xf32> -> tensor<3x4xf32>
  %a = onnx.Constant dense<[-2]> : tensor<1xi64>
  %1 = onnx.Squeeze %x axes %a : tensor<1xi64> : tensor<1x3x1x4xf32> -> tensor<1x3x4xf32>
  %b = onnx.Constant dense<[0, -1]> : tensor<2xi64>
  %2 = onnx.Unsqueeze %0, %b : (tensor<3x4xf32>, tensor<2xi64>) -> tensor<1x3x4x1xf32>
  return
}

// CHECK-LABEL: func.func @transpose
// CHECK: onnx.Transpose %{{.*}} : tensor<2x3x4xf32> -> tensor<4x3x2xf32>
// CHECK: onnx.Transpose %{{.*}} {perm = array<i64: 1, 2, 0>} : tensor<2x3x4xf32> -> tensor<3x4x2xf32>
func.func @transpose(%x: tensor<2x3x4xf32>) {
  %0 = onnx.Transpose %x : tensor<2x3x4xf32> -> tensor<4x3x2xf32>
  %1 = onnx.Transpose %x {perm = array<i64: 1, 2, 0>} : tensor<2x3x4xf32> -> tensor<3x4x2xf32>
  return
}

// CHECK-LABEL: func.func @concat
// CHECK: onnx.Concat %{{.*}}, %{{.*}}, %{{.*}} {axis = 1 : si64} : (tensor<2x3xf32>, tensor<2x1xf32>, tensor<2x3xf32>) -> tensor<2x7xf32>
// CHECK: onnx.Concat %{{.*}} {axis = -2 : si64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
func.func @concat(%a: tensor<2x3xf32>, %b: tensor<2x1xf32>) {
  %0 = onnx.Concat %a, %b, %a {axis = 1 : si64} : (tensor<2x3xf32>, tensor<2x1xf32>, tensor<2x3xf32>) -> tensor<2x7xf32>
  %1 = onnx.Concat %a {axis = -2 : si64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// CHECK-LABEL: func.func @pad
// CHECK: onnx.Pad %{{.*}}, %{{.*}} : tensor<1x3x4x4xf32>, tensor<8xi64> -> tensor<1x3x6x7xf32>
// CHECK: onnx.Pad %{{.*}}, %{{.*}}, %{{.*}} : tensor<f32> : tensor<1x3x4x4xf32>, tensor<8xi64> -> tensor<1x3x6x7xf32>
// CHECK: onnx.Pad %{{.*}}, %{{.*}} {mode = "reflect"} : tensor<1x3x4x4xf32>, tensor<8xi64> -> tensor<1x3x6x7xf32>
// CHECK: onnx.Pad %{{.*}}, %{{.*}} : tensor<1x3x4x4xf32>, tensor<8xi64> -> tensor<1x3x3x4xf32>
func.func @pad(%x: tensor<1x3x4x4xf32>, %v: tensor<f32>) {
  %p = onnx.Constant dense<[0, 0, 1, 2, 0, 0, 1, 1]> : tensor<8xi64>
  %0 = onnx.Pad %x, %p : tensor<1x3x4x4xf32>, tensor<8xi64> -> tensor<1x3x6x7xf32>
  %1 = onnx.Pad %x, %p, %v : tensor<f32> : tensor<1x3x4x4xf32>, tensor<8xi64> -> tensor<1x3x6x7xf32>
  %2 = onnx.Pad %x, %p {mode = "reflect"} : tensor<1x3x4x4xf32>, tensor<8xi64> -> tensor<1x3x6x7xf32>
  %crop = onnx.Constant dense<[0, 0, -1, 0, 0, 0, 0, 0]> : tensor<8xi64>
  %3 = onnx.Pad %x, %crop : tensor<1x3x4x4xf32>, tensor<8xi64> -> tensor<1x3x3x4xf32>
  return
}

{-#
  dialect_resources: {
    builtin: {
      blob: "0x040000000000803F00000040"
    }
  }
#-}
