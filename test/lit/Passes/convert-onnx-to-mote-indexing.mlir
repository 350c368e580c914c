// RUN: mote-opt %s -split-input-file -convert-onnx-to-mote -verify-diagnostics | FileCheck %s

// Split: one strided copy per part, each starting at its offset along the axis.
// CHECK-LABEL: func.func @split
// CHECK: mote.strided_copy %arg0, %{{.*}} {offset = 0 : i64, strides = array<i64: 4, 1>} : (tensor<2x4xf32>, tensor<2x1xf32>) -> tensor<2x1xf32>
// CHECK: mote.strided_copy %arg0, %{{.*}} {offset = 1 : i64, strides = array<i64: 4, 1>} : (tensor<2x4xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
func.func @split(%x: tensor<2x4xf32>) -> (tensor<2x1xf32>, tensor<2x3xf32>) {
  %s = onnx.Constant dense<[1, 3]> : tensor<2xi64>
  %0:2 = onnx.Split %x split %s : tensor<2xi64> {axis = 1 : si64} : tensor<2x4xf32> -> tensor<2x1xf32>, tensor<2x3xf32>
  return %0#0, %0#1 : tensor<2x1xf32>, tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func.func @gather_scatter
// CHECK: mote.gather_elements %arg0, %arg1, %{{.*}} {axis = 1 : i64} : (tensor<2x4xi32>, tensor<2x2xi64>, tensor<2x2xi32>) -> tensor<2x2xi32>
// CHECK: mote.scatter_elements %arg0, %arg1, %arg2, %{{.*}} {axis = 1 : i64, reduction = "max"}
// CHECK: mote.gather_nd %arg0, %arg5, %{{.*}} {batch_dims = 1 : i64} : (tensor<2x4xi32>, tensor<2x1xi64>, tensor<2xi32>) -> tensor<2xi32>
// CHECK: mote.scatter_nd %arg0, %arg3, %arg4, %{{.*}} {reduction = "add"} : (tensor<2x4xi32>, tensor<1x2xi64>, tensor<1xi32>, tensor<2x4xi32>) -> tensor<2x4xi32>
func.func @gather_scatter(%x: tensor<2x4xi32>, %i: tensor<2x2xi64>, %u: tensor<2x2xi32>,
                          %ni: tensor<1x2xi64>, %nu: tensor<1xi32>, %bi: tensor<2x1xi64>)
    -> (tensor<2x2xi32>, tensor<2x4xi32>, tensor<2xi32>, tensor<2x4xi32>) {
  %0 = onnx.GatherElements %x, %i {axis = -1 : si64} : (tensor<2x4xi32>, tensor<2x2xi64>) -> tensor<2x2xi32>
  %1 = onnx.ScatterElements %x, %i, %u {axis = 1 : si64, reduction = "max"} : (tensor<2x4xi32>, tensor<2x2xi64>, tensor<2x2xi32>) -> tensor<2x4xi32>
  %2 = onnx.GatherND %x, %bi {batch_dims = 1 : i64} : (tensor<2x4xi32>, tensor<2x1xi64>) -> tensor<2xi32>
  %3 = onnx.ScatterND %x, %ni, %nu {reduction = "add"} : (tensor<2x4xi32>, tensor<1x2xi64>, tensor<1xi32>) -> tensor<2x4xi32>
  return %0, %1, %2, %3 : tensor<2x2xi32>, tensor<2x4xi32>, tensor<2xi32>, tensor<2x4xi32>
}

// -----

// TopK: the kernel finds the indices, a gather_elements reads the values.
// CHECK-LABEL: func.func @top_k
// CHECK: %[[I:.*]] = mote.top_k %arg0, %{{.*}} {axis = 1 : i64, largest = false} : (tensor<3x4xf16>, tensor<3x2xi64>) -> tensor<3x2xi64>
// CHECK: %[[V:.*]] = mote.gather_elements %arg0, %[[I]], %{{.*}} {axis = 1 : i64} : (tensor<3x4xf16>, tensor<3x2xi64>, tensor<3x2xf16>) -> tensor<3x2xf16>
// CHECK: return %[[V]], %[[I]]
func.func @top_k(%x: tensor<3x4xf16>) -> (tensor<3x2xf16>, tensor<3x2xi64>) {
  %k = onnx.Constant dense<2> : tensor<1xi64>
  %v, %i = onnx.TopK %x, %k {axis = -1 : si64, largest = 0 : i64} : (tensor<3x4xf16>, tensor<1xi64>) -> tensor<3x2xf16>, tensor<3x2xi64>
  return %v, %i : tensor<3x2xf16>, tensor<3x2xi64>
}

// -----

// CumSum and CumProd with a constant axis; Trilu selects with a constant mask.
// CHECK-LABEL: func.func @scan_and_trilu
// CHECK: mote.cumulative %arg0, %{{.*}} {axis = 0 : i64, exclusive = true, product = false, reverse = false}
// CHECK: mote.cumulative %arg0, %{{.*}} {axis = 1 : i64, exclusive = false, product = true, reverse = true}
// CHECK: %[[M:.*]] = arith.constant dense<{{\[\[}}false, true, true], [false, false, true]]> : tensor<2x3xi1>
// CHECK: %[[Z:.*]] = arith.constant dense<0> : tensor<i64>
// CHECK: mote.where %[[M]], %arg0, %[[Z]], %{{.*}} : (tensor<2x3xi1>, tensor<2x3xi64>, tensor<i64>, tensor<2x3xi64>) -> tensor<2x3xi64>
func.func @scan_and_trilu(%x: tensor<2x3xi64>) -> (tensor<2x3xi64>, tensor<2x3xi64>, tensor<2x3xi64>) {
  %a0 = onnx.Constant dense<0> : tensor<i64>
  %a1 = onnx.Constant dense<-1> : tensor<i32>
  %0 = onnx.CumSum %x, %a0 {exclusive = 1 : i64} : (tensor<2x3xi64>, tensor<i64>) -> tensor<2x3xi64>
  %1 = onnx.CumProd %x, %a1 {reverse = 1 : i64} : (tensor<2x3xi64>, tensor<i32>) -> tensor<2x3xi64>
  %k = onnx.Constant dense<1> : tensor<i64>
  %2 = onnx.Trilu %x k %k : tensor<i64> : tensor<2x3xi64> -> tensor<2x3xi64>
  return %0, %1, %2 : tensor<2x3xi64>, tensor<2x3xi64>, tensor<2x3xi64>
}

// -----

// DepthToSpace (DCR) and SpaceToDepth are strided copies through 6-d views.
// CHECK-LABEL: func.func @depth_space
// CHECK: %[[D:.*]] = mote.strided_copy %arg0, %{{.*}} {offset = 0 : i64, strides = array<i64: 8, 1, 1, 4, 1, 2>} : (tensor<1x8x1x1xi8>, tensor<1x2x1x2x1x2xi8>) -> tensor<1x2x1x2x1x2xi8>
// CHECK: tensor.collapse_shape %[[D]]
// CHECK: %[[S:.*]] = mote.strided_copy %arg1, %{{.*}} {offset = 0 : i64, strides = array<i64: 8, 2, 1, 4, 4, 2>} : (tensor<1x2x2x2xi8>, tensor<1x2x2x2x1x1xi8>) -> tensor<1x2x2x2x1x1xi8>
func.func @depth_space(%x: tensor<1x8x1x1xi8>, %y: tensor<1x2x2x2xi8>) -> (tensor<1x2x2x2xi8>, tensor<1x8x1x1xi8>) {
  %0 = onnx.DepthToSpace %x {blocksize = 2 : i64} : tensor<1x8x1x1xi8> -> tensor<1x2x2x2xi8>
  %1 = onnx.SpaceToDepth %y {blocksize = 2 : i64} : tensor<1x2x2x2xi8> -> tensor<1x8x1x1xi8>
  return %0, %1 : tensor<1x2x2x2xi8>, tensor<1x8x1x1xi8>
}

// -----

// Compress gathers at the constant positions; OneHot and ReverseSequence
// have kernels; Pad of a non-float32 type or another mode is pad_any.
// CHECK-LABEL: func.func @others
// CHECK: %[[P:.*]] = arith.constant dense<[0, 2]> : tensor<2xi64>
// CHECK: mote.gather %arg0, %[[P]], %{{.*}} {axis = 1 : i64} : (tensor<2x3xi1>, tensor<2xi64>, tensor<2x2xi1>) -> tensor<2x2xi1>
// CHECK: mote.one_hot %arg1, %{{.*}}, %{{.*}} {axis = 0 : i64} : (tensor<3xi32>, tensor<2xf32>, tensor<4x3xf32>) -> tensor<4x3xf32>
// CHECK: mote.reverse_sequence %arg0, %arg2, %{{.*}} {batch_axis = 1 : i64, time_axis = 0 : i64}
// CHECK: mote.pad_any %arg0, %{{.*}} {mode = "wrap", pads = array<i64: 0, 1, 0, 2>, value = 0.000000e+00 : f64} : (tensor<2x3xi1>, tensor<2x6xi1>) -> tensor<2x6xi1>
// CHECK: mote.pad %arg3, %{{.*}} {pads = array<i64: 1, 0>, value = 2.500000e+00 : f32}
func.func @others(%x: tensor<2x3xi1>, %i: tensor<3xi32>, %lens: tensor<3xi64>, %f: tensor<2xf32>)
    -> (tensor<2x2xi1>, tensor<4x3xf32>, tensor<2x3xi1>, tensor<2x6xi1>, tensor<3xf32>) {
  %c = onnx.Constant dense<[true, false, true]> : tensor<3xi1>
  %0 = onnx.Compress %x, %c {axis = 1 : si64} : (tensor<2x3xi1>, tensor<3xi1>) -> tensor<2x2xi1>
  %d = onnx.Constant dense<4.0> : tensor<f32>
  %1 = onnx.OneHot %i, %d, %f {axis = 0 : si64} : (tensor<3xi32>, tensor<f32>, tensor<2xf32>) -> tensor<4x3xf32>
  %2 = onnx.ReverseSequence %x, %lens {batch_axis = 1 : i64, time_axis = 0 : i64} : (tensor<2x3xi1>, tensor<3xi64>) -> tensor<2x3xi1>
  %p = onnx.Constant dense<[0, 1, 0, 2]> : tensor<4xi64>
  %3 = onnx.Pad %x, %p {mode = "wrap"} : tensor<2x3xi1>, tensor<4xi64> -> tensor<2x6xi1>
  %q = onnx.Constant dense<[1, 0]> : tensor<2xi64>
  %v = onnx.Constant dense<2.5> : tensor<f32>
  %4 = onnx.Pad %f, %q, %v : tensor<f32> : tensor<2xf32>, tensor<2xi64> -> tensor<3xf32>
  return %0, %1, %2, %3, %4 : tensor<2x2xi1>, tensor<4x3xf32>, tensor<2x3xi1>, tensor<2x6xi1>, tensor<3xf32>
}
