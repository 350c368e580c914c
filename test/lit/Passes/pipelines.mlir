// RUN: mote-opt %s --mote-import-to-kernels | FileCheck %s --check-prefix=KERNELS
// RUN: mote-opt %s --mote-import-to-kernels --mote-kernels-to-buffers | FileCheck %s --check-prefix=BUFFERS
// RUN: mote-opt %s --mote-compile | FileCheck %s --check-prefix=EMITC
// RUN: mote-opt %s --mote-import-to-kernels --mote-kernels-to-buffers --mote-buffers-to-emitc | FileCheck %s --check-prefix=EMITC

// The named pipelines are the phases motec runs. BatchNormalization with
// s = scale / sqrt(var + eps) = [1, 1] and t = B - mean * s = [1, -2]
// folds into the 1x1 convolution's bias, Relu and Sigmoid fuse into their
// producers, GlobalAveragePool is a mean, Flatten a view.

// KERNELS-LABEL: func.func @main
// KERNELS-DAG: %[[B:.*]] = arith.constant dense<[1.000000e+00, -2.000000e+00]> : tensor<2xf32>
// KERNELS-DAG: %[[W:.*]] = arith.constant dense<{{\[\[\[\[}}1.000000e+00]], {{\[\[}}0.000000e+00]]], {{\[\[\[}}0.000000e+00]], {{\[\[}}1.000000e+00]]]]> : tensor<2x2x1x1xf32>
// KERNELS: %[[C:.*]] = mote.conv2d %arg0, %[[W]], %[[B]], %{{.*}} {act = #mote<act relu>,
// KERNELS-NOT: mote.binary
// KERNELS-NOT: mote.activation
// KERNELS: %[[R:.*]] = mote.reduce %[[C]], %{{.*}} {axes = array<i64: 2, 3>, kind = #mote<reduce mean>}
// KERNELS: %[[F:.*]] = tensor.collapse_shape %[[R]] {{\[\[}}0], [1, 2, 3]] : tensor<1x2x1x1xf32> into tensor<1x2xf32>
// KERNELS: %[[G:.*]] = mote.gemm %[[F]], %{{.*}}, %{{.*}} {act = #mote<act sigmoid>,
// KERNELS: return %[[G]]
// KERNELS-NOT: onnx.

// The output is written by the Gemm directly; conv output (128 bytes) and
// the reduction (16) are in the arena.
// BUFFERS-LABEL: func.func @main
// BUFFERS-SAME: (%[[IN:.*]]: memref<1x2x4x4xf32>, %[[OUT:.*]]: memref<1x3xf32>)
// BUFFERS-SAME: mote.arena_bytes = 144 : i64
// BUFFERS: %[[A:.*]] = mote.arena_slice 0 {{.*}}: memref<1x2x4x4xf32>
// BUFFERS: mote.conv2d %[[IN]], %{{.*}}, %{{.*}}, %[[A]]
// BUFFERS: %[[R:.*]] = mote.arena_slice 128 {{.*}}: memref<1x2x1x1xf32>
// BUFFERS: mote.reduce %[[A]], %[[R]]
// BUFFERS: %[[V:.*]] = memref.collapse_shape %[[R]]
// BUFFERS: mote.gemm %[[V]], %{{.*}}, %[[OUT]]
// BUFFERS-NOT: memref.alloc
// BUFFERS-NOT: memref.copy

// EMITC: module attributes {mote.arena_alignment = {{[0-9]+}} : i64, mote.arena_bytes = 144 : i64, mote.arena_external = false, mote.kernel_files = ["conv2d.h", "gemm.h", "reduce.h"]}
// EMITC: emitc.global static @model_arena : !emitc.array<144xui8>
// EMITC: emitc.func @model_graph
// EMITC: %[[A:.*]] = literal "reinterpret_cast<float*>(model_arena + 0)" : !emitc.ptr<f32>
// EMITC: call_opaque "mote_conv2d_f32"
// EMITC: %[[R:.*]] = literal "reinterpret_cast<float*>(model_arena + 128)" : !emitc.ptr<f32>
// EMITC: call_opaque "mote_reduce_f32"(%[[A]], %[[R]])
// EMITC: call_opaque "mote_gemm_f32"
// EMITC-NOT: mote.
// EMITC-NOT: memref.

func.func @main(%x: tensor<1x2x4x4xf32> {bufferization.writable = false}) -> tensor<1x3xf32> {
  %w = onnx.Constant dense<[[[[1.0]], [[0.0]]], [[[0.0]], [[1.0]]]]> : tensor<2x2x1x1xf32>
  %c = onnx.Conv %x, %w : tensor<1x2x4x4xf32>, tensor<2x2x1x1xf32> -> tensor<1x2x4x4xf32>
  %s = onnx.Constant dense<[2.0, 4.0]> : tensor<2xf32>
  %b = onnx.Constant dense<[1.0, -1.0]> : tensor<2xf32>
  %m = onnx.Constant dense<[0.0, 1.0]> : tensor<2xf32>
  %v = onnx.Constant dense<[3.0, 15.0]> : tensor<2xf32>
  %n = onnx.BatchNormalization %c, %s, %b, %m, %v {epsilon = 1.0 : f32} : tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32> -> tensor<1x2x4x4xf32>
  %r = onnx.Relu %n : tensor<1x2x4x4xf32> -> tensor<1x2x4x4xf32>
  %p = onnx.GlobalAveragePool %r : tensor<1x2x4x4xf32> -> tensor<1x2x1x1xf32>
  %f = onnx.Flatten %p : tensor<1x2x1x1xf32> -> tensor<1x2xf32>
  %g = onnx.Constant dense<1.0> : tensor<3x2xf32>
  %y = onnx.Gemm %f, %g {transB = 1 : i64} : tensor<1x2xf32>, tensor<3x2xf32> -> tensor<1x3xf32>
  %z = onnx.Sigmoid %y : tensor<1x3xf32> -> tensor<1x3xf32>
  return %z : tensor<1x3xf32>
}
