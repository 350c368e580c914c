// RUN: mote-opt %s -split-input-file -convert-mote-to-emitc=model-name=net -verify-diagnostics | FileCheck %s

// Weights become aligned static const flat arrays named <model>_w<N>; the
// arena is one byte array of mote.arena_bytes elements; a slice is a typed
// pointer at its byte offset; views are the pointer they alias; a copy is a
// memcpy of the byte count; an unread argument is voided.
// CHECK-LABEL: module attributes {mote.arena_alignment = {{[0-9]+}} : i64, mote.arena_bytes = 1028 : i64, mote.arena_external = false, mote.kernel_files = ["binary.h", "conv2d.h"]}
// CHECK-NEXT: emitc.verbatim "alignas(16)"
// CHECK-NEXT: emitc.global static @net_arena : !emitc.array<1028xui8>
// CHECK-NEXT: emitc.verbatim "alignas(16)"
// CHECK-NEXT: emitc.global static const @net_w0 : !emitc.array<108xf32> = dense<1.000000e+00>
// CHECK-NEXT: emitc.verbatim "alignas(16)"
// CHECK-NEXT: emitc.global static const @net_w1 : !emitc.array<4xf32> = dense<[1.000000e+00, 2.000000e+00, 3.000000e+00, 4.000000e+00]>
// CHECK-NEXT: emitc.verbatim "alignas(16)"
// CHECK-NEXT: emitc.global static const @net_w2 : !emitc.array<4xf32> = dense<[5.000000e-01, 5.000000e-01, 5.000000e-01, -5.000000e-01]>
// CHECK: emitc.func @net_graph(%[[IN:.*]]: !emitc.ptr<f32>, %[[UNUSED:.*]]: !emitc.ptr<f32>, %[[OUT:.*]]: !emitc.ptr<f32>)
// CHECK-SAME: specifiers = ["static"]
// CHECK-NEXT: verbatim "(void){};" args %[[UNUSED]] : !emitc.ptr<f32>
// CHECK-DAG: %[[W:.*]] = literal "net_w0" : !emitc.ptr<f32>
// CHECK-DAG: %[[B:.*]] = literal "net_w1" : !emitc.ptr<f32>
// CHECK-DAG: %[[S:.*]] = literal "net_w2" : !emitc.ptr<f32>
// CHECK: %[[A0:.*]] = literal "reinterpret_cast<float*>(net_arena + 0)" : !emitc.ptr<f32>
// conv2d: n c h w m kh kw oh ow sh sw pt pl dh dw group, act p0 p1.
// CHECK-NEXT: call_opaque "mote_conv2d_f32"(%[[IN]], %[[W]], %[[B]], %[[A0]]) {args = [0 : index, 1 : index, 2 : index, 3 : index, 1 : i32, 3 : i32, 8 : i32, 8 : i32, 4 : i32, 3 : i32, 3 : i32, 8 : i32, 8 : i32, 1 : i32, 1 : i32, 1 : i32, 2 : i32, 1 : i32, 2 : i32, 1 : i32, 2 : i32, 5.000000e-01 : f32, 0.000000e+00 : f32]}
// CHECK-NEXT: %[[A1:.*]] = literal "reinterpret_cast<float*>(net_arena + 256)" : !emitc.ptr<f32>
// binary: op, dims (6), lhs strides (6), rhs strides (6), act p0 p1.
// CHECK-NEXT: call_opaque "mote_binary_f32"(%[[A0]], %[[S]], %[[A1]]) {args = [0 : index, 1 : index, 2 : index, 1 : i32, 1 : i32, 1 : i32, 1 : i32, 4 : i32, 8 : i32, 8 : i32, 0 : i32, 0 : i32, 0 : i32, 64 : i32, 8 : i32, 1 : i32, 0 : i32, 0 : i32, 0 : i32, 1 : i32, 0 : i32, 0 : i32, 0 : i32, 0.000000e+00 : f32, 0.000000e+00 : f32]}
// CHECK-NEXT: call_opaque "memcpy"(%[[OUT]], %[[A1]]) {args = [0 : index, 1 : index, 1024 : i32]}
// CHECK-NEXT: return
// CHECK-NOT: memref.
module {
  memref.global "private" constant @w : memref<4x3x3x3xf32> = dense<1.0>
  memref.global "private" constant @bias : memref<4xf32> = dense<[1.0, 2.0, 3.0, 4.0]>
  memref.global "private" constant @shift : memref<4x1x1xf32> = dense<[[[0.5]], [[0.5]], [[0.5]], [[-0.5]]]>
  func.func @main(%in: memref<1x3x8x8xf32>, %unused: memref<2xf32>, %out: memref<1x4x8x8xf32>) attributes {mote.arena_bytes = 1028 : i64} {
    %w = memref.get_global @w : memref<4x3x3x3xf32>
    %b = memref.get_global @bias : memref<4xf32>
    %s = memref.get_global @shift : memref<4x1x1xf32>
    %0 = mote.arena_slice 0 : memref<1x4x8x8xf32>
    mote.conv2d %in, %w, %b, %0 {act = #mote<act leaky_relu>, act_alpha = 0.5 : f32, dilations = array<i64: 1, 2>, group = 1 : i64, pads = array<i64: 1, 2, 1, 2>, strides = array<i64: 1, 1>} : (memref<1x3x8x8xf32>, memref<4x3x3x3xf32>, memref<4xf32>, memref<1x4x8x8xf32>) -> ()
    %1 = mote.arena_slice 256 : memref<1x4x8x8xf32>
    mote.binary %0, %s, %1 {kind = #mote<binary sub>} : (memref<1x4x8x8xf32>, memref<4x1x1xf32>, memref<1x4x8x8xf32>) -> ()
    %v = memref.collapse_shape %1 [[0, 1, 2, 3]] : memref<1x4x8x8xf32> into memref<256xf32>
    %x = memref.expand_shape %v [[0, 1, 2, 3]] output_shape [1, 4, 8, 8] : memref<256xf32> into memref<1x4x8x8xf32>
    memref.copy %x, %out : memref<1x4x8x8xf32> to memref<1x4x8x8xf32>
    return
  }
}

// -----

// No arena when nothing is planned; a missing bias or C is nullptr.
// CHECK-LABEL: module attributes {mote.arena_alignment = {{[0-9]+}} : i64, mote.arena_bytes = 0 : i64, mote.arena_external = false, mote.kernel_files = ["gemm.h"]}
// CHECK-NOT: net_arena
// CHECK: emitc.func @net_graph
// gemm: m n k trans_a trans_b alpha beta c_rows c_cols, act p0 p1.
// CHECK: call_opaque "mote_gemm_f32"(%arg0, %arg1, %arg2, %arg3) {args = [0 : index, 1 : index, 2 : index, 3 : index, 2 : i32, 3 : i32, 8 : i32, 0 : i32, 1 : i32, 5.000000e-01 : f32, 2.000000e+00 : f32, 1 : i32, 3 : i32, 3 : i32, -1.000000e+00 : f32, 1.000000e+00 : f32]}
// CHECK: call_opaque "mote_gemm_f32"(%arg4, %arg5, %arg3) {args = [0 : index, 1 : index, #emitc.opaque<"nullptr">, 2 : index, 2 : i32, 3 : i32, 8 : i32, 1 : i32, 0 : i32, 1.000000e+00 : f32, 1.000000e+00 : f32, 0 : i32, 0 : i32, 0 : i32, 0.000000e+00 : f32, 0.000000e+00 : f32]}
func.func @gemm(%a: memref<2x8xf32>, %b: memref<3x8xf32>, %c: memref<1x3xf32>, %y: memref<2x3xf32>, %at: memref<8x2xf32>, %bn: memref<8x3xf32>) {
  mote.gemm %a, %b, %c, %y {act = #mote<act clip>, act_alpha = -1.0 : f32, act_beta = 1.0 : f32, alpha = 0.5 : f32, beta = 2.0 : f32, trans_a = false, trans_b = true} : (memref<2x8xf32>, memref<3x8xf32>, memref<1x3xf32>, memref<2x3xf32>) -> ()
  mote.gemm %at, %bn, %y {alpha = 1.0 : f32, beta = 1.0 : f32, trans_a = true, trans_b = false} : (memref<8x2xf32>, memref<8x3xf32>, memref<2x3xf32>) -> ()
  return
}

// -----

// CHECK-LABEL: module attributes {mote.arena_alignment = {{[0-9]+}} : i64, mote.arena_bytes = 0 : i64, mote.arena_external = false, mote.kernel_files = ["conv2d.h"]}
// CHECK: call_opaque "mote_conv2d_f32"(%arg0, %arg1, %arg2) {args = [0 : index, 1 : index, #emitc.opaque<"nullptr">, 2 : index, 1 : i32, 4 : i32, 5 : i32, 5 : i32, 8 : i32, 3 : i32, 3 : i32, 5 : i32, 5 : i32, 1 : i32, 1 : i32, 2 : i32, 2 : i32, 2 : i32, 2 : i32, 4 : i32, 0 : i32, 0.000000e+00 : f32, 0.000000e+00 : f32]}
func.func @conv_no_bias(%x: memref<1x4x5x5xf32>, %w: memref<8x1x3x3xf32>, %y: memref<1x8x5x5xf32>) {
  mote.conv2d %x, %w, %y {dilations = array<i64: 2, 2>, group = 4 : i64, pads = array<i64: 2, 2, 2, 2>, strides = array<i64: 1, 1>} : (memref<1x4x5x5xf32>, memref<8x1x3x3xf32>, memref<1x8x5x5xf32>) -> ()
  return
}

// -----

// matmul: m n k, batch dims (4), batch strides of a (4) and b (4) in
// elements, 0 where the operand broadcasts.
// CHECK-LABEL: module attributes {mote.arena_alignment = {{[0-9]+}} : i64, mote.arena_bytes = 0 : i64, mote.arena_external = false, mote.kernel_files = ["matmul.h"]}
// CHECK: call_opaque "mote_matmul_f32"(%arg0, %arg1, %arg2) {args = [0 : index, 1 : index, 2 : index, 3 : i32, 2 : i32, 4 : i32, 1 : i32, 1 : i32, 2 : i32, 5 : i32, 0 : i32, 0 : i32, 12 : i32, 0 : i32, 0 : i32, 0 : i32, 0 : i32, 8 : i32]}
func.func @matmul(%a: memref<2x1x3x4xf32>, %b: memref<5x4x2xf32>, %y: memref<2x5x3x2xf32>) {
  mote.matmul %a, %b, %y : (memref<2x1x3x4xf32>, memref<5x4x2xf32>, memref<2x5x3x2xf32>) -> ()
  return
}

// -----

// activation: n, act p0 p1.
// CHECK-LABEL: module attributes {mote.arena_alignment = {{[0-9]+}} : i64, mote.arena_bytes = 0 : i64, mote.arena_external = false, mote.kernel_files = ["activation.h"]}
// CHECK: call_opaque "mote_activation_f32"(%arg0, %arg1) {args = [0 : index, 1 : index, 6 : i32, 6 : i32, 2.000000e-01 : f32, 5.000000e-01 : f32]}
func.func @activation(%x: memref<2x3xf32>, %y: memref<2x3xf32>) {
  mote.activation %x, %y {act = #mote<act hard_sigmoid>, act_alpha = 0.2 : f32, act_beta = 0.5 : f32} : (memref<2x3xf32>, memref<2x3xf32>) -> ()
  return
}

// -----

// pool2d: kind nc h w oh ow kh kw sh sw pt pl pb pr dh dw count_include_pad;
// pool3d: kind nc d h w od oh ow kd kh kw sd sh sw pf pt pl pk pb pr dd dh dw cip.
// CHECK-LABEL: module attributes {mote.arena_alignment = {{[0-9]+}} : i64, mote.arena_bytes = 0 : i64, mote.arena_external = false, mote.kernel_files = ["pool2d.h", "pool3d.h"]}
// CHECK: call_opaque "mote_pool2d_f32"(%arg0, %arg1) {args = [0 : index, 1 : index, 1 : i32, 3 : i32, 7 : i32, 7 : i32, 4 : i32, 4 : i32, 3 : i32, 2 : i32, 2 : i32, 2 : i32, 1 : i32, 0 : i32, 1 : i32, 1 : i32, 1 : i32, 1 : i32, 1 : i32]}
// CHECK: call_opaque "mote_pool3d_f32"(%arg2, %arg3) {args = [0 : index, 1 : index, 0 : i32, 2 : i32, 4 : i32, 4 : i32, 4 : i32, 3 : i32, 3 : i32, 3 : i32, 2 : i32, 2 : i32, 2 : i32, 1 : i32, 1 : i32, 1 : i32, 0 : i32, 0 : i32, 0 : i32, 0 : i32, 0 : i32, 0 : i32, 1 : i32, 1 : i32, 1 : i32, 0 : i32]}
func.func @pool(%x: memref<1x3x7x7xf32>, %y: memref<1x3x4x4xf32>, %x3: memref<1x2x4x4x4xf32>, %y3: memref<1x2x3x3x3xf32>) {
  mote.pool %x, %y {count_include_pad = true, dilations = array<i64: 1, 1>, kernel = array<i64: 3, 2>, kind = #mote<pool avg>, pads = array<i64: 1, 0, 1, 1>, strides = array<i64: 2, 2>} : (memref<1x3x7x7xf32>, memref<1x3x4x4xf32>) -> ()
  mote.pool %x3, %y3 {count_include_pad = false, dilations = array<i64: 1, 1, 1>, kernel = array<i64: 2, 2, 2>, kind = #mote<pool max>, pads = array<i64: 0, 0, 0, 0, 0, 0>, strides = array<i64: 1, 1, 1>} : (memref<1x2x4x4x4xf32>, memref<1x2x3x3x3xf32>) -> ()
  return
}

// -----

// softmax: outer len inner; transpose: input dims and perm, both padded to 6.
// CHECK-LABEL: module attributes {mote.arena_alignment = {{[0-9]+}} : i64, mote.arena_bytes = 0 : i64, mote.arena_external = false, mote.kernel_files = ["softmax.h", "transpose.h"]}
// CHECK: call_opaque "mote_softmax_f32"(%arg0, %arg1) {args = [0 : index, 1 : index, 2 : i32, 3 : i32, 5 : i32]}
// CHECK: call_opaque "mote_transpose_f32"(%arg0, %arg2) {args = [0 : index, 1 : index, 1 : i32, 1 : i32, 1 : i32, 2 : i32, 3 : i32, 5 : i32, 0 : i32, 1 : i32, 2 : i32, 5 : i32, 3 : i32, 4 : i32]}
func.func @softmax_transpose(%x: memref<2x3x5xf32>, %y: memref<2x3x5xf32>, %t: memref<5x2x3xf32>) {
  mote.softmax %x, %y {axis = 1 : i64} : (memref<2x3x5xf32>, memref<2x3x5xf32>) -> ()
  mote.transpose %x, %t {perm = array<i64: 2, 0, 1>} : (memref<2x3x5xf32>, memref<5x2x3xf32>) -> ()
  return
}

// -----

// pad: value, input dims, output dims, begin pads; reduce: kind, dims, flags.
// CHECK-LABEL: module attributes {mote.arena_alignment = {{[0-9]+}} : i64, mote.arena_bytes = 0 : i64, mote.arena_external = false, mote.kernel_files = ["pad.h", "reduce.h"]}
// CHECK: call_opaque "mote_pad_f32"(%arg0, %arg1) {args = [0 : index, 1 : index, 1.500000e+00 : f32, 1 : i32, 1 : i32, 1 : i32, 1 : i32, 2 : i32, 3 : i32, 1 : i32, 1 : i32, 1 : i32, 1 : i32, 3 : i32, 5 : i32, 0 : i32, 0 : i32, 0 : i32, 0 : i32, 1 : i32, -1 : i32]}
// CHECK: call_opaque "mote_reduce_f32"(%arg0, %arg2) {args = [0 : index, 1 : index, 0 : i32, 1 : i32, 1 : i32, 1 : i32, 1 : i32, 2 : i32, 3 : i32, 0 : i32, 0 : i32, 0 : i32, 0 : i32, 1 : i32, 0 : i32]}
func.func @pad_reduce(%x: memref<2x3xf32>, %y: memref<3x5xf32>, %r: memref<3xf32>) {
  mote.pad %x, %y {pads = array<i64: 1, -1, 0, 3>, value = 1.5 : f32} : (memref<2x3xf32>, memref<3x5xf32>) -> ()
  mote.reduce %x, %r {axes = array<i64: 0>, kind = #mote<reduce mean>} : (memref<2x3xf32>, memref<3xf32>) -> ()
  return
}

// -----

// Concat is one block copy per input: outer len y_stride y_offset.
// CHECK-LABEL: module attributes {mote.arena_alignment = {{[0-9]+}} : i64, mote.arena_bytes = 0 : i64, mote.arena_external = false, mote.kernel_files = ["copy_blocks.h"]}
// CHECK: call_opaque "mote_copy_blocks_f32"(%arg0, %arg2) {args = [0 : index, 1 : index, 2 : i32, 3 : i32, 4 : i32, 0 : i32]}
// CHECK-NEXT: call_opaque "mote_copy_blocks_f32"(%arg1, %arg2) {args = [0 : index, 1 : index, 2 : i32, 1 : i32, 4 : i32, 3 : i32]}
// CHECK-NEXT: return
func.func @concat(%a: memref<2x3xf32>, %b: memref<2x1xf32>, %y: memref<2x4xf32>) {
  mote.concat %a, %b, %y {axis = 1 : i64} : (memref<2x3xf32>, memref<2x1xf32>, memref<2x4xf32>) -> ()
  return
}

// -----

// A plain copy is recorded under common.h, which is not listed.
// CHECK-LABEL: module attributes {mote.arena_alignment = {{[0-9]+}} : i64, mote.arena_bytes = 0 : i64, mote.arena_external = false, mote.kernel_files = []}
// CHECK: call_opaque "memcpy"(%arg1, %arg0) {args = [0 : index, 1 : index, 24 : i32]}
func.func @identity(%x: memref<2x3xf32>, %y: memref<2x3xf32>) {
  memref.copy %x, %y : memref<2x3xf32> to memref<2x3xf32>
  return
}

// -----

// Globals of any element type are emitted; 16-bit floats as their bits.
// CHECK-LABEL: module attributes {mote.arena_alignment = {{[0-9]+}} : i64, mote.arena_bytes = 0 : i64, mote.arena_external = false, mote.kernel_files = []}
// CHECK-NEXT: emitc.verbatim "alignas(16)"
// CHECK-NEXT: emitc.global static const @net_w0 : !emitc.array<2xi64> = dense<[1, 2]>
// CHECK-NEXT: emitc.verbatim "alignas(16)"
// CHECK-NEXT: emitc.global static const @net_w1 : !emitc.array<3xi1> = dense<[true, false, true]>
// CHECK-NEXT: emitc.verbatim "alignas(16)"
// CHECK-NEXT: emitc.global static const @net_w2 : !emitc.array<2xui16> = dense<[15360, 16384]>
// CHECK-NEXT: }
memref.global "private" constant @ints : memref<2xi64> = dense<[1, 2]>
memref.global "private" constant @bools : memref<3xi1> = dense<[true, false, true]>
memref.global "private" constant @halves : memref<2xf16> = dense<[1.0, 2.0]>

// -----

// expected-error @+1 {{'memref.global' op only constant globals can be emitted}}
memref.global "private" @mutable : memref<2xf32> = dense<[1.0, 2.0]>

// -----

func.func @rank7(%a: memref<1x1x1x1x1x1x2xf32>, %y: memref<1x1x1x1x1x1x2xf32>) {
  // One message: the framework's "failed to legalize" is not repeated.
  // expected-error @+1 {{rank above 6 is not supported}}
  mote.binary %a, %a, %y {kind = #mote<binary add>} : (memref<1x1x1x1x1x1x2xf32>, memref<1x1x1x1x1x1x2xf32>, memref<1x1x1x1x1x1x2xf32>) -> ()
  return
}

// -----

func.func @matmul_batch5(%a: memref<1x1x1x1x1x2x2xf32>, %y: memref<1x1x1x1x1x2x2xf32>) {
  // expected-error @+1 {{MatMul with more than 4 batch dims is not supported}}
  mote.matmul %a, %a, %y : (memref<1x1x1x1x1x2x2xf32>, memref<1x1x1x1x1x2x2xf32>, memref<1x1x1x1x1x2x2xf32>) -> ()
  return
}

// -----

// Kernels must be bufferized first.
func.func @tensor_form(%a: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{failed to legalize operation 'tensor.empty'}}
  %e = tensor.empty() : tensor<2xf32>
  %0 = mote.activation %a, %e {act = #mote<act relu>} : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// The arena is aligned as the plan assumed (mote.arena_alignment).
// CHECK-LABEL: module attributes {mote.arena_alignment = {{[0-9]+}} : i64, mote.arena_bytes = 64 : i64, mote.arena_external = false, mote.kernel_files = ["activation.h"]}
// CHECK-NEXT: emitc.verbatim "alignas(64)"
// CHECK-NEXT: emitc.global static @net_arena : !emitc.array<64xui8>
// CHECK: %[[A:.*]] = literal "reinterpret_cast<float*>(net_arena + 0)" : !emitc.ptr<f32>
// CHECK: call_opaque "mote_activation_f32"(%arg0, %[[A]])
// CHECK: call_opaque "mote_activation_f32"(%[[A]], %arg1)
func.func @aligned(%x: memref<4xf32>, %y: memref<4xf32>) attributes {mote.arena_alignment = 64 : i64, mote.arena_bytes = 64 : i64} {
  %0 = mote.arena_slice 0 : memref<4xf32>
  mote.activation %x, %0 {act = #mote<act relu>} : (memref<4xf32>, memref<4xf32>) -> ()
  mote.activation %0, %y {act = #mote<act relu>} : (memref<4xf32>, memref<4xf32>) -> ()
  return
}

// -----

func.func @int8(%x: memref<4xi8>, %y: memref<4xi8>) {
  // expected-error @+1 {{only float32 kernels are implemented for this op, not 'memref<4xi8>'}}
  mote.activation %x, %y {act = #mote<act relu>} : (memref<4xi8>, memref<4xi8>) -> ()
  return
}
