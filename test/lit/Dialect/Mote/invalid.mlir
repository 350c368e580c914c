// RUN: mote-opt %s -split-input-file -verify-diagnostics

func.func @mixed_tensor_memref(%x: tensor<4xf32>, %y: memref<4xf32>) {
  // expected-error @+1 {{'mote.activation' op operands must be all ranked tensors or all memrefs}}
  mote.activation %x, %y {act = #mote<act relu>} : (tensor<4xf32>, memref<4xf32>) -> ()
  return
}

// -----

func.func @mixed_memref_tensor(%x: memref<4xf32>, %y: tensor<4xf32>) {
  // expected-error @+1 {{'mote.activation' op operands must be all ranked tensors or all memrefs}}
  %0 = mote.activation %x, %y {act = #mote<act relu>} : (memref<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @unranked_operand(%x: tensor<*xf32>, %y: tensor<4xf32>) {
  // expected-error @+1 {{'mote.activation' op operands must be all ranked tensors or all memrefs}}
  %0 = mote.activation %x, %y : (tensor<*xf32>, tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @dynamic_shape(%x: tensor<?xf32>, %y: tensor<?xf32>) {
  // expected-error @+1 {{'mote.activation' op operands must have static shapes}}
  %0 = mote.activation %x, %y : (tensor<?xf32>, tensor<?xf32>) -> tensor<?xf32>
  return
}

// -----

func.func @wrong_result_type(%x: tensor<4xf32>, %y: tensor<4xf32>) {
  // expected-error @+1 {{'mote.activation' op tensor form has one result of the destination's type}}
  %0 = mote.activation %x, %y : (tensor<4xf32>, tensor<4xf32>) -> tensor<2x2xf32>
  return
}

// -----

func.func @tensor_form_without_result(%x: tensor<4xf32>, %y: tensor<4xf32>) {
  // expected-error @+1 {{'mote.binary' op tensor form has one result of the destination's type}}
  mote.binary %x, %x, %y {kind = #mote<binary add>} : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> ()
  return
}

// -----

func.func @buffer_form_with_result(%x: memref<4xf32>, %y: memref<4xf32>) {
  // expected-error @+1 {{'mote.softmax' op buffer form has no results}}
  %0 = mote.softmax %x, %y {axis = 0 : i64} : (memref<4xf32>, memref<4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @conv_not_4d(%x: tensor<1x3x8xf32>, %w: tensor<4x3x3xf32>, %y: tensor<1x4x6xf32>) {
  // expected-error @+1 {{'mote.conv2d' op input, filter and destination must be 4-d (NCHW)}}
  %0 = mote.conv2d %x, %w, %y {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x3x8xf32>, tensor<4x3x3xf32>, tensor<1x4x6xf32>) -> tensor<1x4x6xf32>
  return
}

// -----

func.func @conv_pads_count(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %y: tensor<1x4x6x6xf32>) {
  // expected-error @+1 {{'mote.conv2d' op needs 2 positive strides, 2 positive dilations and 4 non-negative pads}}
  %0 = mote.conv2d %x, %w, %y {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<1x4x6x6xf32>) -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @conv_strides_count(%x: memref<1x3x8x8xf32>, %w: memref<4x3x3x3xf32>, %y: memref<1x4x6x6xf32>) {
  // expected-error @+1 {{'mote.conv2d' op needs 2 positive strides, 2 positive dilations and 4 non-negative pads}}
  mote.conv2d %x, %w, %y {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1>} : (memref<1x3x8x8xf32>, memref<4x3x3x3xf32>, memref<1x4x6x6xf32>) -> ()
  return
}

// -----

func.func @conv_group(%x: tensor<1x4x8x8xf32>, %w: tensor<4x2x3x3xf32>, %y: tensor<1x4x6x6xf32>) {
  // expected-error @+1 {{'mote.conv2d' op batch and channel counts do not match the group}}
  %0 = mote.conv2d %x, %w, %y {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x4x8x8xf32>, tensor<4x2x3x3xf32>, tensor<1x4x6x6xf32>) -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @conv_output_channels(%x: tensor<1x4x8x8xf32>, %w: tensor<4x2x3x3xf32>, %y: tensor<1x8x6x6xf32>) {
  // expected-error @+1 {{'mote.conv2d' op batch and channel counts do not match the group}}
  %0 = mote.conv2d %x, %w, %y {dilations = array<i64: 1, 1>, group = 2 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x4x8x8xf32>, tensor<4x2x3x3xf32>, tensor<1x8x6x6xf32>) -> tensor<1x8x6x6xf32>
  return
}

// -----

func.func @conv_bias(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<3xf32>, %y: tensor<1x4x6x6xf32>) {
  // expected-error @+1 {{'mote.conv2d' op bias must have one value per output channel}}
  %0 = mote.conv2d %x, %w, %b, %y {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<3xf32>, tensor<1x4x6x6xf32>) -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @conv_missing_group(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %y: tensor<1x4x6x6xf32>) {
  // expected-error @+1 {{requires attribute 'group'}}
  %0 = mote.conv2d %x, %w, %y {dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<1x4x6x6xf32>) -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @gemm_not_2d(%a: tensor<2x3x4xf32>, %b: tensor<4x5xf32>, %y: tensor<2x5xf32>) {
  // expected-error @+1 {{'mote.gemm' op operands must be 2-d}}
  %0 = mote.gemm %a, %b, %y {alpha = 1.0 : f32, beta = 1.0 : f32, trans_a = false, trans_b = false} : (tensor<2x3x4xf32>, tensor<4x5xf32>, tensor<2x5xf32>) -> tensor<2x5xf32>
  return
}

// -----

func.func @matmul_rank(%a: memref<4xf32>, %b: memref<4x5xf32>, %y: memref<1x5xf32>) {
  // expected-error @+1 {{'mote.matmul' op operands must have rank >= 2}}
  mote.matmul %a, %b, %y : (memref<4xf32>, memref<4x5xf32>, memref<1x5xf32>) -> ()
  return
}

// -----

func.func @binary_bad_kind(%a: memref<4xf32>, %y: memref<4xf32>) {
  // expected-error @+2 {{expected ::mote::BinaryKind to be one of: add, sub, mul, div, max, min, pow, mod, fmod, logical_and, logical_or, logical_xor, bitwise_and, bitwise_or, bitwise_xor, shift_left, shift_right, equal, less, less_equal, greater, greater_equal, prelu}}
  // expected-error @+1 {{failed to parse Mote_BinaryKindAttr parameter 'value' which is to be a `::mote::BinaryKind`}}
  mote.binary %a, %a, %y {kind = #mote<binary hypot>} : (memref<4xf32>, memref<4xf32>, memref<4xf32>) -> ()
  return
}

// -----

func.func @pool_rank(%x: memref<1x3x8xf32>, %y: memref<1x3x4xf32>) {
  // expected-error @+1 {{'mote.pool' op needs a 4-d or 5-d input and kernel, strides, dilations and begin/end pads for each spatial dim}}
  mote.pool %x, %y {count_include_pad = false, dilations = array<i64: 1>, kernel = array<i64: 2>, kind = #mote<pool max>, pads = array<i64: 0, 0>, strides = array<i64: 2>} : (memref<1x3x8xf32>, memref<1x3x4xf32>) -> ()
  return
}

// -----

func.func @pool_kernel_count(%x: tensor<1x3x8x8xf32>, %y: tensor<1x3x4x4xf32>) {
  // expected-error @+1 {{'mote.pool' op needs a 4-d or 5-d input and kernel, strides, dilations and begin/end pads for each spatial dim}}
  %0 = mote.pool %x, %y {count_include_pad = false, dilations = array<i64: 1, 1>, kernel = array<i64: 2, 2, 2>, kind = #mote<pool max>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>} : (tensor<1x3x8x8xf32>, tensor<1x3x4x4xf32>) -> tensor<1x3x4x4xf32>
  return
}

// -----

func.func @pool_pads_count(%x: tensor<1x3x8x8xf32>, %y: tensor<1x3x4x4xf32>) {
  // expected-error @+1 {{'mote.pool' op needs a 4-d or 5-d input}}
  %0 = mote.pool %x, %y {count_include_pad = false, dilations = array<i64: 1, 1>, kernel = array<i64: 2, 2>, kind = #mote<pool avg>, pads = array<i64: 0, 0>, strides = array<i64: 2, 2>} : (tensor<1x3x8x8xf32>, tensor<1x3x4x4xf32>) -> tensor<1x3x4x4xf32>
  return
}

// -----

func.func @pool_bad_kind(%x: tensor<1x3x8x8xf32>, %y: tensor<1x3x4x4xf32>) {
  // expected-error @+2 {{expected ::mote::PoolKind to be one of: max, avg}}
  // expected-error @+1 {{failed to parse Mote_PoolKindAttr parameter 'value'}}
  %0 = mote.pool %x, %y {count_include_pad = false, dilations = array<i64: 1, 1>, kernel = array<i64: 2, 2>, kind = #mote<pool min>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>} : (tensor<1x3x8x8xf32>, tensor<1x3x4x4xf32>) -> tensor<1x3x4x4xf32>
  return
}

// -----

func.func @softmax_axis(%x: tensor<2x5xf32>, %y: tensor<2x5xf32>) {
  // expected-error @+1 {{'mote.softmax' op axis is out of range}}
  %0 = mote.softmax %x, %y {axis = 2 : i64} : (tensor<2x5xf32>, tensor<2x5xf32>) -> tensor<2x5xf32>
  return
}

// -----

func.func @softmax_negative_axis(%x: memref<2x5xf32>, %y: memref<2x5xf32>) {
  // expected-error @+1 {{'mote.softmax' op axis is out of range}}
  mote.softmax %x, %y {axis = -1 : i64} : (memref<2x5xf32>, memref<2x5xf32>) -> ()
  return
}

// -----

func.func @pad_count(%x: tensor<2x3xf32>, %y: tensor<3x3xf32>) {
  // expected-error @+1 {{'mote.pad' op needs a begin and an end pad per dim}}
  %0 = mote.pad %x, %y {pads = array<i64: 1, 0>, value = 0.0 : f32} : (tensor<2x3xf32>, tensor<3x3xf32>) -> tensor<3x3xf32>
  return
}

// -----

func.func @arena_slice_dynamic() {
  // expected-error @+1 {{'mote.arena_slice' op result #0 must be statically shaped memref of any type values}}
  %0 = mote.arena_slice 0 : memref<?xf32>
  return
}

// -----

// expected-error @+2 {{expected ::mote::SparsityKind to be one of: dense, n_of_m, block}}
// expected-error @+1 {{failed to parse Mote_SparsityAttr parameter 'kind'}}
func.func @bad_sparsity() attributes {s = #mote.sparsity<random, 1, 2>} {
  return
}

// -----

func.func @bad_activation(%x: memref<4xf32>) {
  // expected-error @+2 {{expected ::mote::ActivationKind to be one of: none, relu, leaky_relu, clip, sigmoid, tanh, hard_sigmoid, hard_swish, sqrt}}
  // expected-error @+1 {{failed to parse Mote_ActivationKindAttr parameter 'value'}}
  mote.activation %x, %x {act = #mote<act gelu>} : (memref<4xf32>, memref<4xf32>) -> ()
  return
}

// -----

// Shapes must agree with the attributes: codegen turns them into the bounds
// of kernel loops.

func.func @conv_batch(%x: memref<2x3x8x8xf32>, %w: memref<4x3x3x3xf32>, %y: memref<1x4x6x6xf32>) {
  // expected-error @+1 {{'mote.conv2d' op batch and channel counts do not match the group}}
  mote.conv2d %x, %w, %y {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (memref<2x3x8x8xf32>, memref<4x3x3x3xf32>, memref<1x4x6x6xf32>) -> ()
  return
}

// -----

func.func @conv_geometry(%x: memref<1x3x8x8xf32>, %w: memref<4x3x3x3xf32>, %y: memref<1x4x8x8xf32>) {
  // expected-error @+1 {{'mote.conv2d' op destination size does not match the window geometry}}
  mote.conv2d %x, %w, %y {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (memref<1x3x8x8xf32>, memref<4x3x3x3xf32>, memref<1x4x8x8xf32>) -> ()
  return
}

// -----

func.func @conv_negative_pad(%x: memref<1x3x8x8xf32>, %w: memref<4x3x3x3xf32>, %y: memref<1x4x5x6xf32>) {
  // expected-error @+1 {{'mote.conv2d' op needs 2 positive strides, 2 positive dilations and 4 non-negative pads}}
  mote.conv2d %x, %w, %y {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: -1, 0, 0, 0>, strides = array<i64: 1, 1>} : (memref<1x3x8x8xf32>, memref<4x3x3x3xf32>, memref<1x4x5x6xf32>) -> ()
  return
}

// -----

func.func @gemm_inner_dims(%a: memref<2x4xf32>, %b: memref<3x5xf32>, %y: memref<2x5xf32>) {
  // expected-error @+1 {{'mote.gemm' op operand shapes do not form [M, K] x [K, N] -> [M, N]}}
  mote.gemm %a, %b, %y {alpha = 1.0 : f32, beta = 1.0 : f32, trans_a = false, trans_b = false} : (memref<2x4xf32>, memref<3x5xf32>, memref<2x5xf32>) -> ()
  return
}

// -----

func.func @gemm_c(%a: memref<2x4xf32>, %b: memref<4x5xf32>, %c: memref<5xf32>, %y: memref<2x5xf32>) {
  // expected-error @+1 {{'mote.gemm' op C must be 2-d and broadcast to [M, N]}}
  mote.gemm %a, %b, %c, %y {alpha = 1.0 : f32, beta = 1.0 : f32, trans_a = false, trans_b = false} : (memref<2x4xf32>, memref<4x5xf32>, memref<5xf32>, memref<2x5xf32>) -> ()
  return
}

// -----

func.func @matmul_shapes(%a: memref<2x3x4xf32>, %b: memref<4x5xf32>, %y: memref<3x5xf32>) {
  // expected-error @+1 {{'mote.matmul' op operand shapes do not form [..., M, K] x [..., K, N]}}
  mote.matmul %a, %b, %y : (memref<2x3x4xf32>, memref<4x5xf32>, memref<3x5xf32>) -> ()
  return
}

// -----

func.func @binary_not_broadcastable(%a: memref<4xf32>, %b: memref<3xf32>, %y: memref<4xf32>) {
  // expected-error @+1 {{'mote.binary' op operands do not broadcast to the destination's shape}}
  mote.binary %a, %b, %y {kind = #mote<binary add>} : (memref<4xf32>, memref<3xf32>, memref<4xf32>) -> ()
  return
}

// -----

func.func @activation_shape(%a: memref<4xf32>, %y: memref<8xf32>) {
  // expected-error @+1 {{'mote.activation' op input and destination shapes differ}}
  mote.activation %a, %y {act = #mote<act relu>} : (memref<4xf32>, memref<8xf32>) -> ()
  return
}

// -----

func.func @pool_geometry(%x: tensor<1x3x8x8xf32>, %y: tensor<1x3x6x4xf32>) {
  // expected-error @+1 {{'mote.pool' op destination size does not match the window geometry}}
  %0 = mote.pool %x, %y {count_include_pad = false, dilations = array<i64: 1, 1>, kernel = array<i64: 2, 2>, kind = #mote<pool max>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>} : (tensor<1x3x8x8xf32>, tensor<1x3x6x4xf32>) -> tensor<1x3x6x4xf32>
  return
}

// -----

func.func @pool_channels(%x: memref<1x3x8x8xf32>, %y: memref<1x2x4x4xf32>) {
  // expected-error @+1 {{'mote.pool' op batch and channels must be kept}}
  mote.pool %x, %y {count_include_pad = false, dilations = array<i64: 1, 1>, kernel = array<i64: 2, 2>, kind = #mote<pool max>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>} : (memref<1x3x8x8xf32>, memref<1x2x4x4xf32>) -> ()
  return
}

// -----

func.func @pool_zero_stride(%x: memref<1x3x8x8xf32>, %y: memref<1x3x4x4xf32>) {
  // expected-error @+1 {{'mote.pool' op kernel, strides and dilations must be positive, pads non-negative}}
  mote.pool %x, %y {count_include_pad = false, dilations = array<i64: 1, 1>, kernel = array<i64: 2, 2>, kind = #mote<pool max>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 0, 2>} : (memref<1x3x8x8xf32>, memref<1x3x4x4xf32>) -> ()
  return
}

// -----

func.func @softmax_shape(%x: memref<2x5xf32>, %y: memref<2x4xf32>) {
  // expected-error @+1 {{'mote.softmax' op input and destination shapes differ}}
  mote.softmax %x, %y {axis = 1 : i64} : (memref<2x5xf32>, memref<2x4xf32>) -> ()
  return
}

// -----

func.func @transpose_not_permutation(%a: memref<2x2xf32>, %y: memref<2x2xf32>) {
  // expected-error @+1 {{'mote.transpose' op perm is not a permutation}}
  mote.transpose %a, %y {perm = array<i64: 0, 7>} : (memref<2x2xf32>, memref<2x2xf32>) -> ()
  return
}

// -----

func.func @transpose_shape(%a: memref<2x3xf32>, %y: memref<2x3xf32>) {
  // expected-error @+1 {{'mote.transpose' op destination dim 0 must be input dim 1}}
  mote.transpose %a, %y {perm = array<i64: 1, 0>} : (memref<2x3xf32>, memref<2x3xf32>) -> ()
  return
}

// -----

func.func @concat_axis(%a: memref<2x3xf32>, %y: memref<2x6xf32>) {
  // expected-error @+1 {{'mote.concat' op needs inputs and an axis within the rank}}
  mote.concat %a, %a, %y {axis = 5 : i64} : (memref<2x3xf32>, memref<2x3xf32>, memref<2x6xf32>) -> ()
  return
}

// -----

func.func @concat_sizes(%a: memref<2x3xf32>, %y: memref<2x7xf32>) {
  // expected-error @+1 {{'mote.concat' op input sizes along the axis do not add up}}
  mote.concat %a, %a, %y {axis = 1 : i64} : (memref<2x3xf32>, memref<2x3xf32>, memref<2x7xf32>) -> ()
  return
}

// -----

func.func @pad_shape(%x: memref<2x3xf32>, %y: memref<3x3xf32>) {
  // expected-error @+1 {{'mote.pad' op destination dim 1 does not match the pads}}
  mote.pad %x, %y {pads = array<i64: 1, 1, 0, 0>, value = 0.0 : f32} : (memref<2x3xf32>, memref<3x3xf32>) -> ()
  return
}

// -----

func.func @reduce_axes(%a: memref<2x3xf32>, %y: memref<2xf32>) {
  // expected-error @+1 {{'mote.reduce' op axes must be sorted, unique and within the rank}}
  mote.reduce %a, %y {axes = array<i64: 9>, kind = #mote<reduce mean>} : (memref<2x3xf32>, memref<2xf32>) -> ()
  return
}

// -----

func.func @reduce_shape(%a: memref<2x3xf32>, %y: memref<3xf32>) {
  // expected-error @+1 {{'mote.reduce' op destination must be the input with the reduced dims kept as 1 or dropped}}
  mote.reduce %a, %y {axes = array<i64: 1>, kind = #mote<reduce mean>} : (memref<2x3xf32>, memref<3xf32>) -> ()
  return
}

// -----

func.func @in_place_on_tensors(%x: tensor<1x4x8x8xf32>, %w: tensor<4x1x3x3xf32>, %s: tensor<64xf32>) {
  // expected-error @+1 {{'mote.conv2d_in_place' op operand #0 must be memref of any type values}}
  %0 = mote.conv2d_in_place %x, %w, %s, %x {dilations = array<i64: 1, 1>, group = 4 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x4x8x8xf32>, tensor<4x1x3x3xf32>, tensor<64xf32>, tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  return
}

// -----

// Two caller buffers: nothing makes them start at the same address.
func.func @in_place_two_addresses(%x: memref<1x4x8x8xf32>, %y: memref<1x4x8x8xf32>, %w: memref<4x1x3x3xf32>, %s: memref<64xf32>) {
  // expected-error @+1 {{'mote.conv2d_in_place' op input and destination must start at the same address}}
  mote.conv2d_in_place %x, %w, %s, %y {dilations = array<i64: 1, 1>, group = 4 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : (memref<1x4x8x8xf32>, memref<4x1x3x3xf32>, memref<64xf32>, memref<1x4x8x8xf32>) -> ()
  return
}

// -----

func.func @in_place_slices_apart(%w: memref<4x1x3x3xf32>, %s: memref<64xf32>) {
  %x = mote.arena_slice 0 : memref<1x4x8x8xf32>
  %y = mote.arena_slice 1024 : memref<1x4x8x8xf32>
  // expected-error @+1 {{'mote.conv2d_in_place' op input and destination must start at the same address}}
  mote.conv2d_in_place %x, %w, %s, %y {dilations = array<i64: 1, 1>, group = 4 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : (memref<1x4x8x8xf32>, memref<4x1x3x3xf32>, memref<64xf32>, memref<1x4x8x8xf32>) -> ()
  return
}

// -----

func.func @in_place_batch(%w: memref<4x1x3x3xf32>, %s: memref<64xf32>) {
  %x = memref.alloc() : memref<2x4x8x8xf32>
  // expected-error @+1 {{'mote.conv2d_in_place' op needs a batch of 1}}
  mote.conv2d_in_place %x, %w, %s, %x {dilations = array<i64: 1, 1>, group = 4 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : (memref<2x4x8x8xf32>, memref<4x1x3x3xf32>, memref<64xf32>, memref<2x4x8x8xf32>) -> ()
  return
}

// -----

func.func @in_place_depthwise_scratch(%w: memref<4x1x3x3xf32>, %s: memref<63xf32>) {
  %x = memref.alloc() : memref<1x4x8x8xf32>
  // expected-error @+1 {{'mote.conv2d_in_place' op depthwise scratch must hold one output plane}}
  mote.conv2d_in_place %x, %w, %s, %x {dilations = array<i64: 1, 1>, group = 4 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : (memref<1x4x8x8xf32>, memref<4x1x3x3xf32>, memref<63xf32>, memref<1x4x8x8xf32>) -> ()
  return
}

// -----

func.func @in_place_depthwise_grows(%w: memref<4x1x1x1xf32>, %s: memref<100xf32>) {
  %x = memref.alloc() : memref<1x4x8x8xf32>
  %y = memref.alloc() : memref<1x4x10x10xf32>
  // expected-error @+1 {{'mote.conv2d_in_place' op depthwise output planes larger than the input planes cannot overwrite it}}
  mote.conv2d_in_place %x, %w, %s, %y {dilations = array<i64: 1, 1>, group = 4 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : (memref<1x4x8x8xf32>, memref<4x1x1x1xf32>, memref<100xf32>, memref<1x4x10x10xf32>) -> ()
  return
}

// -----

func.func @in_place_full_conv(%w: memref<8x4x3x3xf32>, %s: memref<256xf32>) {
  %x = memref.alloc() : memref<1x4x8x8xf32>
  %y = memref.alloc() : memref<1x8x8x8xf32>
  // expected-error @+1 {{'mote.conv2d_in_place' op only depthwise and 1x1 stride-1 unpadded convolutions run in place}}
  mote.conv2d_in_place %x, %w, %s, %y {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : (memref<1x4x8x8xf32>, memref<8x4x3x3xf32>, memref<256xf32>, memref<1x8x8x8xf32>) -> ()
  return
}

// -----

func.func @in_place_pointwise_scratch(%w: memref<8x4x1x1xf32>, %s: memref<30xf32>) {
  %x = memref.alloc() : memref<1x4x8x8xf32>
  %y = memref.alloc() : memref<1x8x8x8xf32>
  // expected-error @+1 {{'mote.conv2d_in_place' op pointwise scratch must hold [input channels, B] values with 1 <= B <= pixels}}
  mote.conv2d_in_place %x, %w, %s, %y {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (memref<1x4x8x8xf32>, memref<8x4x1x1xf32>, memref<30xf32>, memref<1x8x8x8xf32>) -> ()
  return
}
