// RUN: mote-opt %s -split-input-file -verify-diagnostics

func.func @normalize_axes(%x: tensor<2x3xf32>, %y: tensor<2x3xf32>) {
  // expected-error @+1 {{'mote.normalize' op axes must be sorted, unique and within the rank}}
  %0 = mote.normalize %x, %y {axes = array<i64: 1, 0>, epsilon = 0.0 : f64, kind = #mote<normalize l2>} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @normalize_no_axes(%x: tensor<2x3xf32>, %y: tensor<2x3xf32>) {
  // expected-error @+1 {{'mote.normalize' op needs at least one axis}}
  %0 = mote.normalize %x, %y {axes = array<i64>, epsilon = 0.0 : f64, kind = #mote<normalize l2>} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @normalize_scale_shape(%x: tensor<2x3xf32>, %s: tensor<3xf32>, %y: tensor<2x3xf32>) {
  // expected-error @+1 {{'mote.normalize' op scale and bias must have the input's rank and broadcast to it}}
  %0 = mote.normalize %x, %s, %y {axes = array<i64: 1>, epsilon = 0.0 : f64, kind = #mote<normalize rms>} : (tensor<2x3xf32>, tensor<3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @normalize_scale_type(%x: tensor<2x3xf32>, %s: tensor<1x3xf16>, %y: tensor<2x3xf32>) {
  // expected-error @+1 {{'mote.normalize' op scale and bias must have the input's element type}}
  %0 = mote.normalize %x, %s, %y {axes = array<i64: 1>, epsilon = 0.0 : f64, kind = #mote<normalize rms>} : (tensor<2x3xf32>, tensor<1x3xf16>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @normalize_too_many_params(%x: tensor<2x3xf32>, %s: tensor<1x3xf32>, %y: tensor<2x3xf32>) {
  // expected-error @+1 {{'mote.normalize' op takes at most a scale and a bias}}
  %0 = mote.normalize %x, %s, %s, %s, %y {axes = array<i64: 1>, epsilon = 0.0 : f64, kind = #mote<normalize rms>} : (tensor<2x3xf32>, tensor<1x3xf32>, tensor<1x3xf32>, tensor<1x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @normalize_destination(%x: tensor<2x3xf32>, %y: tensor<2x3xf16>) {
  // expected-error @+1 {{'mote.normalize' op destination must have the input's type}}
  %0 = mote.normalize %x, %y {axes = array<i64: 1>, epsilon = 0.0 : f64, kind = #mote<normalize l1>} : (tensor<2x3xf32>, tensor<2x3xf16>) -> tensor<2x3xf16>
  return
}

// -----

func.func @normalize_stat_shape(%x: tensor<2x3xf32>, %y: tensor<2x3xf32>) {
  // expected-error @+1 {{'mote.normalize' op a statistic's destination is the input with the axes set to 1}}
  %0 = mote.normalize %x, %y {axes = array<i64: 1>, epsilon = 0.0 : f64, kind = #mote<normalize standardize>, stat = #mote<normalize_stat mean>} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @normalize_stat_kind(%x: tensor<2x3xf32>, %y: tensor<2x1xf32>) {
  // expected-error @+1 {{'mote.normalize' op statistics are those of standardize, without scale and bias}}
  %0 = mote.normalize %x, %y {axes = array<i64: 1>, epsilon = 0.0 : f64, kind = #mote<normalize rms>, stat = #mote<normalize_stat inv_std_dev>} : (tensor<2x3xf32>, tensor<2x1xf32>) -> tensor<2x1xf32>
  return
}

// -----

func.func @lrn_shape(%x: tensor<6xf32>, %y: tensor<6xf32>) {
  // expected-error @+1 {{'mote.lrn' op input and destination must be [N, C, ...] of one shape}}
  %0 = mote.lrn %x, %y {alpha = 1.0 : f64, beta = 1.0 : f64, bias = 1.0 : f64, size = 3 : i64} : (tensor<6xf32>, tensor<6xf32>) -> tensor<6xf32>
  return
}

// -----

func.func @lrn_size(%x: tensor<1x6xf32>, %y: tensor<1x6xf32>) {
  // expected-error @+1 {{'mote.lrn' op size must be positive}}
  %0 = mote.lrn %x, %y {alpha = 1.0 : f64, beta = 1.0 : f64, bias = 1.0 : f64, size = 0 : i64} : (tensor<1x6xf32>, tensor<1x6xf32>) -> tensor<1x6xf32>
  return
}
