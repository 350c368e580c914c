// RUN: mote-opt %s -convert-mote-to-emitc=model-name=net | FileCheck %s

// mote.normalize: element types of input and destination as template
// arguments; scale and bias (or nullptr); kind, stat, dims, reduced flags,
// scale and bias strides, epsilon. mote.softmax: float32 softmax keeps
// mote_softmax_f32, the rest is mote_softmax_any with its kind; mote.lrn.
// CHECK-LABEL: module attributes {mote.arena_alignment = {{[0-9]+}} : i64, mote.arena_bytes = 0 : i64, mote.arena_external = false, mote.kernel_files = ["normalize.h"]}
// CHECK: call_opaque "mote_normalize"(%arg0, %arg1, %arg1, %arg2) {args = [0 : index, 1 : index, 2 : index, 3 : index, 0 : i32, 0 : i32, #emitc.opaque<"mote_dims{2, {2, 12}}">, #emitc.opaque<"mote_dims{2, {0, 1}}">, #emitc.opaque<"mote_dims{2, {0, 1}}">, #emitc.opaque<"mote_dims{2, {0, 1}}">, 1.000000e-05], template_args = [#emitc.opaque<"float">, #emitc.opaque<"float">]}
// CHECK: call_opaque "mote_normalize"(%arg0, %arg3) {args = [0 : index, #emitc.opaque<"nullptr">, #emitc.opaque<"nullptr">, 1 : index, 0 : i32, 1 : i32, #emitc.opaque<"mote_dims{2, {2, 12}}">, #emitc.opaque<"mote_dims{2, {0, 1}}">, #emitc.opaque<"mote_dims{2, {0, 0}}">, #emitc.opaque<"mote_dims{2, {0, 0}}">, 1.000000e-05], template_args = [#emitc.opaque<"float">, #emitc.opaque<"float">]}
// CHECK: call_opaque "mote_softmax_any"(%arg4, %arg5) {args = [0 : index, 1 : index, 0 : i32, 2, 3, 4], template_args = [#emitc.opaque<"mote_f16">]}
// CHECK: call_opaque "mote_softmax_any"(%arg0, %arg2) {args = [0 : index, 1 : index, 1 : i32, 2, 12, 1], template_args = [#emitc.opaque<"float">]}
// CHECK: call_opaque "mote_lrn"(%arg6, %arg7) {args = [0 : index, 1 : index, 2, 3, 4, 3, 1.000000e-04, 7.500000e-01, 1.000000e+00], template_args = [#emitc.opaque<"double">]}

func.func @norm_kernels(%x: memref<2x12xf32>, %s: memref<1x12xf32>, %y: memref<2x12xf32>, %m: memref<2x1xf32>, %h: memref<2x3x4xf16>, %hy: memref<2x3x4xf16>, %d: memref<2x3x4xf64>, %dy: memref<2x3x4xf64>) {
  mote.normalize %x, %s, %s, %y {axes = array<i64: 1>, epsilon = 1.0e-05 : f64, kind = #mote<normalize standardize>} : (memref<2x12xf32>, memref<1x12xf32>, memref<1x12xf32>, memref<2x12xf32>) -> ()
  mote.normalize %x, %m {axes = array<i64: 1>, epsilon = 1.0e-05 : f64, kind = #mote<normalize standardize>, stat = #mote<normalize_stat mean>} : (memref<2x12xf32>, memref<2x1xf32>) -> ()
  mote.softmax %h, %hy {axis = 1 : i64} : (memref<2x3x4xf16>, memref<2x3x4xf16>) -> ()
  mote.softmax %x, %y {axis = 1 : i64, kind = #mote<softmax_kind log_softmax>} : (memref<2x12xf32>, memref<2x12xf32>) -> ()
  mote.lrn %d, %dy {alpha = 1.0e-04 : f64, beta = 7.5e-01 : f64, bias = 1.0 : f64, size = 3 : i64} : (memref<2x3x4xf64>, memref<2x3x4xf64>) -> ()
  return
}
