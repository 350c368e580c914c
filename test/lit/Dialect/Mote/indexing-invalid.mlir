// RUN: mote-opt %s -split-input-file -verify-diagnostics

// The verifiers of the indexing kernels check every shape: IR that verifies
// never makes a kernel read or write outside its buffers.

func.func @gather_elements_axis(%x: tensor<2x4xf32>, %i: tensor<2x2xi64>, %y: tensor<2x2xf32>) {
  // expected-error @+1 {{'mote.gather_elements' op needs data and indices of one rank and an axis within it}}
  %0 = mote.gather_elements %x, %i, %y {axis = 2 : i64} : (tensor<2x4xf32>, tensor<2x2xi64>, tensor<2x2xf32>) -> tensor<2x2xf32>
  return
}

// -----

func.func @gather_elements_float_indices(%x: tensor<2x4xf32>, %i: tensor<2x2xf32>, %y: tensor<2x2xf32>) {
  // expected-error @+1 {{'mote.gather_elements' op indices must be integers}}
  %0 = mote.gather_elements %x, %i, %y {axis = 1 : i64} : (tensor<2x4xf32>, tensor<2x2xf32>, tensor<2x2xf32>) -> tensor<2x2xf32>
  return
}

// -----

func.func @scatter_elements_updates(%x: tensor<2x4xf32>, %i: tensor<2x2xi64>, %u: tensor<2x3xf32>, %y: tensor<2x4xf32>) {
  // expected-error @+1 {{'mote.scatter_elements' op updates must have the indices' shape, out the data's type}}
  %0 = mote.scatter_elements %x, %i, %u, %y {axis = 1 : i64, reduction = "none"} : (tensor<2x4xf32>, tensor<2x2xi64>, tensor<2x3xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
  return
}

// -----

func.func @scatter_nd_reduction(%x: tensor<4xf32>, %i: tensor<1x1xi64>, %u: tensor<1xf32>, %y: tensor<4xf32>) {
  // expected-error @+1 {{'mote.scatter_nd' op needs integer indices and a reduction none, add, mul, max or min}}
  %0 = mote.scatter_nd %x, %i, %u, %y {reduction = "sub"} : (tensor<4xf32>, tensor<1x1xi64>, tensor<1xf32>, tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @gather_nd_tuple(%x: tensor<2x4xf32>, %i: tensor<1x3xi64>, %y: tensor<1xf32>) {
  // expected-error @+1 {{'mote.gather_nd' op batch dims or the index tuple length do not fit the data}}
  %0 = mote.gather_nd %x, %i, %y {batch_dims = 0 : i64} : (tensor<2x4xf32>, tensor<1x3xi64>, tensor<1xf32>) -> tensor<1xf32>
  return
}

// -----

func.func @top_k_too_many(%x: tensor<2x4xf32>, %y: tensor<2x5xi64>) {
  // expected-error @+1 {{'mote.top_k' op needs an axis within the rank and k no larger than its dim}}
  %0 = mote.top_k %x, %y {axis = 1 : i64, largest = true} : (tensor<2x4xf32>, tensor<2x5xi64>) -> tensor<2x5xi64>
  return
}

// -----

func.func @top_k_index_type(%x: tensor<2x4xf32>, %y: tensor<2x2xi32>) {
  // expected-error @+1 {{'mote.top_k' op destination must hold int64 indices}}
  %0 = mote.top_k %x, %y {axis = 1 : i64, largest = true} : (tensor<2x4xf32>, tensor<2x2xi32>) -> tensor<2x2xi32>
  return
}

// -----

func.func @one_hot_values(%i: tensor<3xi64>, %v: tensor<3xf32>, %y: tensor<3x4xf32>) {
  // expected-error @+1 {{'mote.one_hot' op needs two values of the destination's type and matching shapes}}
  %0 = mote.one_hot %i, %v, %y {axis = 1 : i64} : (tensor<3xi64>, tensor<3xf32>, tensor<3x4xf32>) -> tensor<3x4xf32>
  return
}

// -----

func.func @pad_any_mode(%x: tensor<4xi8>, %y: tensor<6xi8>) {
  // expected-error @+1 {{'mote.pad_any' op mode must be constant, reflect, edge or wrap}}
  %0 = mote.pad_any %x, %y {mode = "mirror", pads = array<i64: 1, 1>, value = 0.0 : f64} : (tensor<4xi8>, tensor<6xi8>) -> tensor<6xi8>
  return
}

// -----

func.func @pad_any_shape(%x: tensor<4xi8>, %y: tensor<7xi8>) {
  // expected-error @+1 {{'mote.pad_any' op destination dim 0 does not match the pads}}
  %0 = mote.pad_any %x, %y {mode = "edge", pads = array<i64: 1, 1>, value = 0.0 : f64} : (tensor<4xi8>, tensor<7xi8>) -> tensor<7xi8>
  return
}

// -----

func.func @cumulative_axis(%x: tensor<4xi32>, %y: tensor<4xi32>) {
  // expected-error @+1 {{'mote.cumulative' op needs the input's shape and an axis within its rank}}
  %0 = mote.cumulative %x, %y {axis = 1 : i64, product = false, exclusive = false, reverse = false} : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  return
}

// -----

func.func @reverse_sequence_lens(%x: tensor<2x3xf32>, %l: tensor<2xi64>, %y: tensor<2x3xf32>) {
  // expected-error @+1 {{'mote.reverse_sequence' op needs one integer length per batch entry and out of the input's type}}
  %0 = mote.reverse_sequence %x, %l, %y {batch_axis = 1 : i64, time_axis = 0 : i64} : (tensor<2x3xf32>, tensor<2xi64>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}
