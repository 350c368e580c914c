// RUN: mote-opt %s -split-input-file --mote-in-place-elementwise | FileCheck %s

// The residual add writes over the convolution's result, which dies there.
// CHECK-LABEL: func.func @residual
// CHECK: %[[C:.*]] = mote.activation %{{.*}}, %{{.*}} {act = #mote<act relu>}
// CHECK: mote.binary %[[C]], %arg1, %[[C]]
func.func @residual(%x: tensor<4xf32>, %skip: tensor<4xf32>) -> tensor<4xf32> {
  %e0 = tensor.empty() : tensor<4xf32>
  %c = mote.activation %x, %e0 {act = #mote<act relu>} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %e1 = tensor.empty() : tensor<4xf32>
  %y = mote.binary %c, %skip, %e1 {kind = #mote<binary add>} : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

// Graph inputs belong to the caller and constants to flash: never overwritten.
// CHECK-LABEL: func.func @inputs_and_constants
// CHECK: %[[E:.*]] = tensor.empty
// CHECK: mote.binary %arg0, %{{.*}}, %[[E]]
func.func @inputs_and_constants(%x: tensor<4xf32>) -> tensor<4xf32> {
  %w = arith.constant dense<1.0> : tensor<4xf32>
  %e = tensor.empty() : tensor<4xf32>
  %y = mote.binary %x, %w, %e {kind = #mote<binary mul>} : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

// An input read again later, or of another shape (broadcast), is kept.
// CHECK-LABEL: func.func @still_needed
// CHECK: %[[A:.*]] = mote.activation
// CHECK: %[[E1:.*]] = tensor.empty() : tensor<4xf32>
// CHECK: %[[B:.*]] = mote.binary %[[A]], %{{.*}}, %[[E1]]
// CHECK: %[[E2:.*]] = tensor.empty() : tensor<4xf32>
// CHECK: mote.activation %[[A]], %[[E2]]
// CHECK: %[[E3:.*]] = tensor.empty() : tensor<2x4xf32>
// CHECK: mote.binary %[[B]], %{{.*}}, %[[E3]]
func.func @still_needed(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<2x4xf32>) {
  %e0 = tensor.empty() : tensor<4xf32>
  %a = mote.activation %x, %e0 {act = #mote<act relu>} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %k = arith.constant dense<3.0> : tensor<4xf32>
  %e1 = tensor.empty() : tensor<4xf32>
  %b = mote.binary %a, %k, %e1 {kind = #mote<binary add>} : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %e2 = tensor.empty() : tensor<4xf32>
  %c = mote.activation %a, %e2 {act = #mote<act tanh>} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %s = arith.constant dense<2.0> : tensor<2x1xf32>
  %e3 = tensor.empty() : tensor<2x4xf32>
  %d = mote.binary %b, %s, %e3 {kind = #mote<binary mul>} : (tensor<4xf32>, tensor<2x1xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
  return %c, %d : tensor<4xf32>, tensor<2x4xf32>
}
