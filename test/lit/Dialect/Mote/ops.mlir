// RUN: mote-opt %s | mote-opt | FileCheck %s
// RUN: mote-opt %s -mlir-print-op-generic | mote-opt | FileCheck %s

// Every mote kernel op in its two forms: on tensors (one result of the
// destination's type) and on buffers (no result).

// CHECK-LABEL: func.func @conv2d_tensor
// CHECK: %[[R:.*]] = mote.conv2d %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} {act = #mote<act relu>, dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>, tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
// CHECK: mote.conv2d %{{.*}}, %{{.*}}, %{{.*}} {act = #mote<act leaky_relu>, act_alpha = 1.000000e-01 : f32, dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>, weight_sparsity = #mote.sparsity<n_of_m, 2, 4>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<1x4x3x3xf32>) -> tensor<1x4x3x3xf32>
func.func @conv2d_tensor(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<4xf32>) -> (tensor<1x4x8x8xf32>, tensor<1x4x3x3xf32>) {
  %e = tensor.empty() : tensor<1x4x8x8xf32>
  %0 = mote.conv2d %x, %w, %b, %e {act = #mote<act relu>, dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>, tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  %e2 = tensor.empty() : tensor<1x4x3x3xf32>
  %1 = mote.conv2d %x, %w, %e2 {act = #mote<act leaky_relu>, act_alpha = 0.1 : f32, dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>, weight_sparsity = #mote.sparsity<n_of_m, 2, 4>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<1x4x3x3xf32>) -> tensor<1x4x3x3xf32>
  return %0, %1 : tensor<1x4x8x8xf32>, tensor<1x4x3x3xf32>
}

// CHECK-LABEL: func.func @conv2d_buffer
// CHECK: mote.conv2d %{{.*}}, %{{.*}}, %{{.*}} {dilations = array<i64: 2, 2>, group = 4 : i64, pads = array<i64: 2, 2, 2, 2>, strides = array<i64: 1, 1>} : (memref<1x4x5x5xf32>, memref<8x1x3x3xf32>, memref<1x8x5x5xf32>) -> ()
func.func @conv2d_buffer(%x: memref<1x4x5x5xf32>, %w: memref<8x1x3x3xf32>, %y: memref<1x8x5x5xf32>) {
  mote.conv2d %x, %w, %y {dilations = array<i64: 2, 2>, group = 4 : i64, pads = array<i64: 2, 2, 2, 2>, strides = array<i64: 1, 1>} : (memref<1x4x5x5xf32>, memref<8x1x3x3xf32>, memref<1x8x5x5xf32>) -> ()
  return
}

// CHECK-LABEL: func.func @gemm
// CHECK: mote.gemm %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} {act = #mote<act clip>, act_beta = 6.000000e+00 : f32, alpha = 1.000000e+00 : f32, beta = 1.000000e+00 : f32, trans_a = false, trans_b = true, weight_sparsity = #mote.sparsity<block, 4, 1>} : (tensor<2x8xf32>, tensor<3x8xf32>, tensor<1x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK: mote.gemm %{{.*}}, %{{.*}}, %{{.*}} {alpha = 5.000000e-01 : f32, beta = 0.000000e+00 : f32, trans_a = true, trans_b = false} : (memref<8x2xf32>, memref<8x3xf32>, memref<2x3xf32>) -> ()
func.func @gemm(%a: tensor<2x8xf32>, %b: tensor<3x8xf32>, %c: tensor<1x3xf32>, %at: memref<8x2xf32>, %bm: memref<8x3xf32>, %y: memref<2x3xf32>) -> tensor<2x3xf32> {
  %e = tensor.empty() : tensor<2x3xf32>
  %0 = mote.gemm %a, %b, %c, %e {act = #mote<act clip>, act_alpha = 0.0 : f32, act_beta = 6.0 : f32, alpha = 1.0 : f32, beta = 1.0 : f32, trans_a = false, trans_b = true, weight_sparsity = #mote.sparsity<block, 4, 1>} : (tensor<2x8xf32>, tensor<3x8xf32>, tensor<1x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  mote.gemm %at, %bm, %y {alpha = 0.5 : f32, beta = 0.0 : f32, trans_a = true, trans_b = false} : (memref<8x2xf32>, memref<8x3xf32>, memref<2x3xf32>) -> ()
  return %0 : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @matmul
// CHECK: mote.matmul %{{.*}}, %{{.*}}, %{{.*}} : (tensor<2x3x4xf32>, tensor<4x5xf32>, tensor<2x3x5xf32>) -> tensor<2x3x5xf32>
// CHECK: mote.matmul %{{.*}}, %{{.*}}, %{{.*}} : (memref<3x4xf32>, memref<4x5xf32>, memref<3x5xf32>) -> ()
func.func @matmul(%a: tensor<2x3x4xf32>, %b: tensor<4x5xf32>, %am: memref<3x4xf32>, %bm: memref<4x5xf32>, %y: memref<3x5xf32>) -> tensor<2x3x5xf32> {
  %e = tensor.empty() : tensor<2x3x5xf32>
  %0 = mote.matmul %a, %b, %e : (tensor<2x3x4xf32>, tensor<4x5xf32>, tensor<2x3x5xf32>) -> tensor<2x3x5xf32>
  mote.matmul %am, %bm, %y : (memref<3x4xf32>, memref<4x5xf32>, memref<3x5xf32>) -> ()
  return %0 : tensor<2x3x5xf32>
}

// CHECK-LABEL: func.func @binary
// CHECK: mote.binary %{{.*}}, %{{.*}}, %{{.*}} {kind = #mote<binary add>} : (tensor<2x3xf32>, tensor<3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK: mote.binary %{{.*}}, %{{.*}}, %{{.*}} {act = #mote<act sqrt>, kind = #mote<binary sub>} : (tensor<2x3xf32>, tensor<3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK: mote.binary %{{.*}}, %{{.*}}, %{{.*}} {kind = #mote<binary mul>} : (memref<2x3xf32>, memref<f32>, memref<2x3xf32>) -> ()
// CHECK: mote.binary {{.*}} {kind = #mote<binary div>}
// CHECK: mote.binary {{.*}} {kind = #mote<binary max>}
// CHECK: mote.binary {{.*}} {act = #mote<act tanh>, kind = #mote<binary min>}
func.func @binary(%a: tensor<2x3xf32>, %b: tensor<3xf32>, %am: memref<2x3xf32>, %s: memref<f32>, %y: memref<2x3xf32>) -> tensor<2x3xf32> {
  %e = tensor.empty() : tensor<2x3xf32>
  %0 = mote.binary %a, %b, %e {kind = #mote<binary add>} : (tensor<2x3xf32>, tensor<3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %1 = mote.binary %0, %b, %e {act = #mote<act sqrt>, kind = #mote<binary sub>} : (tensor<2x3xf32>, tensor<3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  mote.binary %am, %s, %y {kind = #mote<binary mul>} : (memref<2x3xf32>, memref<f32>, memref<2x3xf32>) -> ()
  mote.binary %am, %s, %y {kind = #mote<binary div>} : (memref<2x3xf32>, memref<f32>, memref<2x3xf32>) -> ()
  mote.binary %am, %s, %y {kind = #mote<binary max>} : (memref<2x3xf32>, memref<f32>, memref<2x3xf32>) -> ()
  mote.binary %am, %s, %y {act = #mote<act tanh>, kind = #mote<binary min>} : (memref<2x3xf32>, memref<f32>, memref<2x3xf32>) -> ()
  return %1 : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @activation
// CHECK: mote.activation %{{.*}}, %{{.*}} {act = #mote<act hard_sigmoid>, act_alpha = 2.000000e-01 : f32, act_beta = 5.000000e-01 : f32} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
// CHECK: mote.activation %{{.*}}, %{{.*}} {act = #mote<act hard_swish>} : (memref<4xf32>, memref<4xf32>) -> ()
// CHECK: mote.activation %{{.*}}, %{{.*}} {act = #mote<act sigmoid>} : (memref<4xf32>, memref<4xf32>) -> ()
// CHECK: mote.activation %{{.*}}, %{{.*}} : (memref<4xf32>, memref<4xf32>) -> ()
func.func @activation(%x: tensor<4xf32>, %a: memref<4xf32>, %b: memref<4xf32>) -> tensor<4xf32> {
  %e = tensor.empty() : tensor<4xf32>
  %0 = mote.activation %x, %e {act = #mote<act hard_sigmoid>, act_alpha = 0.2 : f32, act_beta = 0.5 : f32} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  mote.activation %a, %b {act = #mote<act hard_swish>} : (memref<4xf32>, memref<4xf32>) -> ()
  mote.activation %a, %b {act = #mote<act sigmoid>} : (memref<4xf32>, memref<4xf32>) -> ()
  mote.activation %a, %b {act = #mote<act none>} : (memref<4xf32>, memref<4xf32>) -> ()
  return %0 : tensor<4xf32>
}

// CHECK-LABEL: func.func @pool
// CHECK: mote.pool %{{.*}}, %{{.*}} {count_include_pad = false, dilations = array<i64: 1, 1>, kernel = array<i64: 2, 2>, kind = #mote<pool max>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>} : (tensor<1x3x8x8xf32>, tensor<1x3x4x4xf32>) -> tensor<1x3x4x4xf32>
// CHECK: mote.pool %{{.*}}, %{{.*}} {count_include_pad = true, dilations = array<i64: 1, 1, 1>, kernel = array<i64: 2, 2, 2>, kind = #mote<pool avg>, pads = array<i64: 0, 0, 0, 1, 1, 1>, strides = array<i64: 1, 1, 1>} : (memref<1x2x4x4x4xf32>, memref<1x2x4x4x4xf32>) -> ()
func.func @pool(%x: tensor<1x3x8x8xf32>, %x3: memref<1x2x4x4x4xf32>, %y3: memref<1x2x4x4x4xf32>) -> tensor<1x3x4x4xf32> {
  %e = tensor.empty() : tensor<1x3x4x4xf32>
  %0 = mote.pool %x, %e {count_include_pad = false, dilations = array<i64: 1, 1>, kernel = array<i64: 2, 2>, kind = #mote<pool max>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>} : (tensor<1x3x8x8xf32>, tensor<1x3x4x4xf32>) -> tensor<1x3x4x4xf32>
  mote.pool %x3, %y3 {count_include_pad = true, dilations = array<i64: 1, 1, 1>, kernel = array<i64: 2, 2, 2>, kind = #mote<pool avg>, pads = array<i64: 0, 0, 0, 1, 1, 1>, strides = array<i64: 1, 1, 1>} : (memref<1x2x4x4x4xf32>, memref<1x2x4x4x4xf32>) -> ()
  return %0 : tensor<1x3x4x4xf32>
}

// CHECK-LABEL: func.func @softmax
// CHECK: mote.softmax %{{.*}}, %{{.*}} {axis = 1 : i64} : (tensor<2x5xf32>, tensor<2x5xf32>) -> tensor<2x5xf32>
// CHECK: mote.softmax %{{.*}}, %{{.*}} {axis = 0 : i64} : (memref<2x5xf32>, memref<2x5xf32>) -> ()
func.func @softmax(%x: tensor<2x5xf32>, %a: memref<2x5xf32>, %b: memref<2x5xf32>) -> tensor<2x5xf32> {
  %e = tensor.empty() : tensor<2x5xf32>
  %0 = mote.softmax %x, %e {axis = 1 : i64} : (tensor<2x5xf32>, tensor<2x5xf32>) -> tensor<2x5xf32>
  mote.softmax %a, %b {axis = 0 : i64} : (memref<2x5xf32>, memref<2x5xf32>) -> ()
  return %0 : tensor<2x5xf32>
}

// CHECK-LABEL: func.func @transpose
// CHECK: mote.transpose %{{.*}}, %{{.*}} {perm = array<i64: 2, 0, 1>} : (tensor<2x3x4xf32>, tensor<4x2x3xf32>) -> tensor<4x2x3xf32>
// CHECK: mote.transpose %{{.*}}, %{{.*}} {perm = array<i64: 1, 0>} : (memref<2x3xf32>, memref<3x2xf32>) -> ()
func.func @transpose(%x: tensor<2x3x4xf32>, %a: memref<2x3xf32>, %b: memref<3x2xf32>) -> tensor<4x2x3xf32> {
  %e = tensor.empty() : tensor<4x2x3xf32>
  %0 = mote.transpose %x, %e {perm = array<i64: 2, 0, 1>} : (tensor<2x3x4xf32>, tensor<4x2x3xf32>) -> tensor<4x2x3xf32>
  mote.transpose %a, %b {perm = array<i64: 1, 0>} : (memref<2x3xf32>, memref<3x2xf32>) -> ()
  return %0 : tensor<4x2x3xf32>
}

// CHECK-LABEL: func.func @concat
// CHECK: mote.concat %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} {axis = 1 : i64} : (tensor<2x3xf32>, tensor<2x1xf32>, tensor<2x3xf32>, tensor<2x7xf32>) -> tensor<2x7xf32>
// CHECK: mote.concat %{{.*}}, %{{.*}} {axis = 0 : i64} : (memref<2x3xf32>, memref<2x3xf32>) -> ()
func.func @concat(%a: tensor<2x3xf32>, %b: tensor<2x1xf32>, %m: memref<2x3xf32>, %n: memref<2x3xf32>) -> tensor<2x7xf32> {
  %e = tensor.empty() : tensor<2x7xf32>
  %0 = mote.concat %a, %b, %a, %e {axis = 1 : i64} : (tensor<2x3xf32>, tensor<2x1xf32>, tensor<2x3xf32>, tensor<2x7xf32>) -> tensor<2x7xf32>
  mote.concat %m, %n {axis = 0 : i64} : (memref<2x3xf32>, memref<2x3xf32>) -> ()
  return %0 : tensor<2x7xf32>
}

// CHECK-LABEL: func.func @pad
// CHECK: mote.pad %{{.*}}, %{{.*}} {pads = array<i64: 0, 1, 1, -1>, value = 5.000000e-01 : f32} : (tensor<2x3xf32>, tensor<3x3xf32>) -> tensor<3x3xf32>
// CHECK: mote.pad %{{.*}}, %{{.*}} {pads = array<i64: 0, 0, 1, 1>, value = 0.000000e+00 : f32} : (memref<2x3xf32>, memref<3x4xf32>) -> ()
func.func @pad(%x: tensor<2x3xf32>, %a: memref<2x3xf32>, %b: memref<3x4xf32>) -> tensor<3x3xf32> {
  %e = tensor.empty() : tensor<3x3xf32>
  %0 = mote.pad %x, %e {pads = array<i64: 0, 1, 1, -1>, value = 0.5 : f32} : (tensor<2x3xf32>, tensor<3x3xf32>) -> tensor<3x3xf32>
  mote.pad %a, %b {pads = array<i64: 0, 0, 1, 1>, value = 0.0 : f32} : (memref<2x3xf32>, memref<3x4xf32>) -> ()
  return %0 : tensor<3x3xf32>
}

// CHECK-LABEL: func.func @reduce
// CHECK: mote.reduce %{{.*}}, %{{.*}} {axes = array<i64: 2, 3>, kind = #mote<reduce mean>} : (tensor<1x3x4x4xf32>, tensor<1x3x1x1xf32>) -> tensor<1x3x1x1xf32>
// CHECK: mote.reduce %{{.*}}, %{{.*}} {axes = array<i64: 0>, kind = #mote<reduce mean>} : (memref<2x3xf32>, memref<3xf32>) -> ()
func.func @reduce(%x: tensor<1x3x4x4xf32>, %a: memref<2x3xf32>, %b: memref<3xf32>) -> tensor<1x3x1x1xf32> {
  %e = tensor.empty() : tensor<1x3x1x1xf32>
  %0 = mote.reduce %x, %e {axes = array<i64: 2, 3>, kind = #mote<reduce mean>} : (tensor<1x3x4x4xf32>, tensor<1x3x1x1xf32>) -> tensor<1x3x1x1xf32>
  mote.reduce %a, %b {axes = array<i64: 0>, kind = #mote<reduce mean>} : (memref<2x3xf32>, memref<3xf32>) -> ()
  return %0 : tensor<1x3x1x1xf32>
}

// CHECK-LABEL: func.func @arena_slice
// CHECK: mote.arena_slice 0 : memref<1x4x8x8xf32>
// CHECK: mote.arena_slice 1024 {live_range = array<i64: 2, 5>} : memref<16xf32>
func.func @arena_slice() attributes {mote.arena_bytes = 1088 : i64} {
  %0 = mote.arena_slice 0 : memref<1x4x8x8xf32>
  %1 = mote.arena_slice 1024 {live_range = array<i64: 2, 5>} : memref<16xf32>
  return
}

// The sparsity attribute on its own, every kind.
// CHECK-LABEL: func.func @sparsity_attr
// CHECK-SAME: mote.block = #mote.sparsity<block, 8, 8>
// CHECK-SAME: mote.dense = #mote.sparsity<dense, 0, 0>
// CHECK-SAME: mote.nm = #mote.sparsity<n_of_m, 1, 2>
func.func @sparsity_attr() attributes {mote.dense = #mote.sparsity<dense, 0, 0>, mote.nm = #mote.sparsity<n_of_m, 1, 2>, mote.block = #mote.sparsity<block, 8, 8>} {
  return
}

// A pointwise expansion over its input (two allocations that planning ties
// to one offset) and a depthwise convolution over a view of one buffer.
// CHECK-LABEL: func.func @in_place
// CHECK: mote.conv2d_in_place
// CHECK: mote.conv2d_in_place
func.func @in_place(%wp: memref<8x4x1x1xf32>, %wd: memref<8x1x3x3xf32>, %b: memref<8xf32>) {
  %x = memref.alloc() : memref<1x4x8x8xf32>
  %y = memref.alloc() : memref<1x8x8x8xf32>
  %s = memref.alloc() : memref<64xf32>
  mote.conv2d_in_place %x, %wp, %b, %s, %y {act = #mote<act relu>, dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (memref<1x4x8x8xf32>, memref<8x4x1x1xf32>, memref<8xf32>, memref<64xf32>, memref<1x8x8x8xf32>) -> ()
  %v = memref.reinterpret_cast %y to offset: [0], sizes: [1, 8, 4, 4], strides: [128, 16, 4, 1] : memref<1x8x8x8xf32> to memref<1x8x4x4xf32>
  %s2 = memref.alloc() : memref<16xf32>
  mote.conv2d_in_place %y, %wd, %s2, %v {dilations = array<i64: 1, 1>, group = 8 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (memref<1x8x8x8xf32>, memref<8x1x3x3xf32>, memref<16xf32>, memref<1x8x4x4xf32>) -> ()
  return
}
