// RUN: mote-opt %s | mote-opt | FileCheck %s
// RUN: mote-opt %s -mlir-print-op-generic | mote-opt | FileCheck %s

// The normalization kernels in their two forms.
// CHECK-LABEL: func.func @tensors
// CHECK: mote.normalize %arg0, %arg1, %arg1, %arg2 {axes = array<i64: 1>, epsilon = 1.000000e-05 : f64, kind = #mote<normalize standardize>} : (tensor<2x3xf16>, tensor<1x3xf16>, tensor<1x3xf16>, tensor<2x3xf16>) -> tensor<2x3xf16>
// CHECK: mote.normalize %arg0, %arg3 {axes = array<i64: 1>, epsilon = 1.000000e-05 : f64, kind = #mote<normalize standardize>, stat = #mote<normalize_stat inv_std_dev>} : (tensor<2x3xf16>, tensor<2x1xf32>) -> tensor<2x1xf32>
// CHECK: mote.softmax %arg0, %arg2 {axis = 0 : i64, kind = #mote<softmax_kind hardmax>}
// CHECK: mote.lrn %arg0, %arg2 {alpha = 1.000000e+00 : f64, beta = 5.000000e-01 : f64, bias = 2.000000e+00 : f64, size = 2 : i64}
func.func @tensors(%x: tensor<2x3xf16>, %s: tensor<1x3xf16>, %y: tensor<2x3xf16>, %m: tensor<2x1xf32>) {
  %0 = mote.normalize %x, %s, %s, %y {axes = array<i64: 1>, epsilon = 1.0e-05 : f64, kind = #mote<normalize standardize>} : (tensor<2x3xf16>, tensor<1x3xf16>, tensor<1x3xf16>, tensor<2x3xf16>) -> tensor<2x3xf16>
  %1 = mote.normalize %x, %m {axes = array<i64: 1>, epsilon = 1.0e-05 : f64, kind = #mote<normalize standardize>, stat = #mote<normalize_stat inv_std_dev>} : (tensor<2x3xf16>, tensor<2x1xf32>) -> tensor<2x1xf32>
  %2 = mote.softmax %x, %y {axis = 0 : i64, kind = #mote<softmax_kind hardmax>} : (tensor<2x3xf16>, tensor<2x3xf16>) -> tensor<2x3xf16>
  %3 = mote.lrn %x, %y {alpha = 1.0 : f64, beta = 0.5 : f64, bias = 2.0 : f64, size = 2 : i64} : (tensor<2x3xf16>, tensor<2x3xf16>) -> tensor<2x3xf16>
  return
}

// CHECK-LABEL: func.func @buffers
// CHECK: mote.normalize %arg0, %arg1 {axes = array<i64: 0, 1>, epsilon = 0.000000e+00 : f64, kind = #mote<normalize l2>} : (memref<2x3xf64>, memref<2x3xf64>) -> ()
func.func @buffers(%x: memref<2x3xf64>, %y: memref<2x3xf64>) {
  mote.normalize %x, %y {axes = array<i64: 0, 1>, epsilon = 0.0 : f64, kind = #mote<normalize l2>} : (memref<2x3xf64>, memref<2x3xf64>) -> ()
  return
}
