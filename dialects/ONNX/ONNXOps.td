//===- ONNXOps.td - onnx dialect operations ----------------*- tablegen -*-===//
#ifndef MOTE_ONNX_OPS_TD
#define MOTE_ONNX_OPS_TD

include "dialects/ONNX/ONNXBase.td"

//===----------------------------------------------------------------------===//
// Constants
//===----------------------------------------------------------------------===//

def ONNX_ConstantOp : ONNX_Op<"Constant", [ConstantLike]> {
  let summary = "a constant tensor: Constant nodes and graph initializers";
  let description = [{
    Large initializers are held as `dense_resource` blobs so that the weights are
    stored once and never printed into the IR.
  }];
  let arguments = (ins ElementsAttr:$value);
  let results = (outs AnyStaticShapeTensor:$output);
  let assemblyFormat = "attr-dict $value";
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Elementwise
//===----------------------------------------------------------------------===//

def ONNX_AddOp : ONNX_BinaryOp<"Add", "elementwise addition with broadcasting">;
def ONNX_SubOp : ONNX_BinaryOp<"Sub", "elementwise subtraction with broadcasting">;
def ONNX_MulOp : ONNX_BinaryOp<"Mul", "elementwise multiplication with broadcasting">;
def ONNX_DivOp : ONNX_BinaryOp<"Div", "elementwise division with broadcasting">;

def ONNX_ReluOp : ONNX_UnaryOp<"Relu", "max(x, 0)">;
def ONNX_SigmoidOp : ONNX_UnaryOp<"Sigmoid", "1 / (1 + exp(-x))">;
def ONNX_TanhOp : ONNX_UnaryOp<"Tanh", "hyperbolic tangent">;
def ONNX_HardSwishOp : ONNX_UnaryOp<"HardSwish", "x * max(0, min(1, x / 6 + 1 / 2))">;
def ONNX_LeakyReluOp : ONNX_UnaryOp<"LeakyRelu", "x >= 0 ? x : alpha * x",
    (ins DefaultValuedAttr<F32Attr, "0.01f">:$alpha)>;
def ONNX_HardSigmoidOp : ONNX_UnaryOp<"HardSigmoid", "max(0, min(1, alpha * x + beta))",
    (ins DefaultValuedAttr<F32Attr, "0.2f">:$alpha,
         DefaultValuedAttr<F32Attr, "0.5f">:$beta)>;

def ONNX_ClipOp : ONNX_Op<"Clip", [AttrSizedOperandSegments]> {
  let summary = "min(max(x, min), max) with optional scalar bounds (opset 11 form)";
  let arguments = (ins ONNX_F32Tensor:$input, Optional<ONNX_F32Tensor>:$min,
                       Optional<ONNX_F32Tensor>:$max);
  let results = (outs ONNX_F32Tensor:$output);
  let assemblyFormat = [{
    $input (`min` $min^ `:` type($min))? (`max` $max^ `:` type($max))? attr-dict
    `:` type($input) `->` type($output)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Linear algebra and convolution
//===----------------------------------------------------------------------===//

def ONNX_ConvOp : ONNX_Op<"Conv"> {
  let summary = "N-d convolution (Mote lowers 1-d and 2-d)";
  let arguments = (ins ONNX_F32Tensor:$X, ONNX_F32Tensor:$W, Optional<ONNX_F32Tensor>:$B,
      DefaultValuedStrAttr<StrAttr, "NOTSET">:$auto_pad,
      OptionalAttr<DenseI64ArrayAttr>:$dilations,
      DefaultValuedAttr<I64Attr, "1">:$group,
      OptionalAttr<DenseI64ArrayAttr>:$kernel_shape,
      OptionalAttr<DenseI64ArrayAttr>:$pads,
      OptionalAttr<DenseI64ArrayAttr>:$strides);
  let results = (outs ONNX_F32Tensor:$Y);
  let assemblyFormat = [{
    $X `,` $W (`,` $B^ `:` type($B))? attr-dict `:` type($X) `,` type($W) `->` type($Y)
  }];
}

def ONNX_GemmOp : ONNX_Op<"Gemm"> {
  let summary = "alpha * A' * B' + beta * C";
  let arguments = (ins ONNX_F32Tensor:$A, ONNX_F32Tensor:$B, Optional<ONNX_F32Tensor>:$C,
      DefaultValuedAttr<F32Attr, "1.0f">:$alpha,
      DefaultValuedAttr<F32Attr, "1.0f">:$beta,
      DefaultValuedAttr<I64Attr, "0">:$transA,
      DefaultValuedAttr<I64Attr, "0">:$transB);
  let results = (outs ONNX_F32Tensor:$Y);
  let assemblyFormat = [{
    $A `,` $B (`,` $C^ `:` type($C))? attr-dict `:` type($A) `,` type($B) `->` type($Y)
  }];
}

def ONNX_MatMulOp : ONNX_Op<"MatMul"> {
  let summary = "numpy.matmul";
  let arguments = (ins ONNX_F32Tensor:$A, ONNX_F32Tensor:$B);
  let results = (outs ONNX_F32Tensor:$Y);
  let assemblyFormat =
      "$A `,` $B attr-dict `:` `(` type($A) `,` type($B) `)` `->` type($Y)";
}

def ONNX_BatchNormalizationOp : ONNX_Op<"BatchNormalization"> {
  let summary = "inference-mode batch normalization";
  let arguments = (ins ONNX_F32Tensor:$X, ONNX_F32Tensor:$scale, ONNX_F32Tensor:$B,
      ONNX_F32Tensor:$input_mean, ONNX_F32Tensor:$input_var,
      DefaultValuedAttr<F32Attr, "1e-5f">:$epsilon);
  let results = (outs ONNX_F32Tensor:$Y);
  let assemblyFormat = [{
    $X `,` $scale `,` $B `,` $input_mean `,` $input_var attr-dict `:`
    type($X) `,` type($scale) `,` type($B) `,` type($input_mean) `,`
    type($input_var) `->` type($Y)
  }];
}

//===----------------------------------------------------------------------===//
// Pooling, normalization, reduction
//===----------------------------------------------------------------------===//

class ONNX_PoolOp<string mnemonic, string summaryText, dag extraAttrs>
    : ONNX_Op<mnemonic> {
  let summary = summaryText;
  let arguments = !con((ins ONNX_F32Tensor:$X,
      DefaultValuedStrAttr<StrAttr, "NOTSET">:$auto_pad,
      DefaultValuedAttr<I64Attr, "0">:$ceil_mode,
      OptionalAttr<DenseI64ArrayAttr>:$dilations,
      DenseI64ArrayAttr:$kernel_shape,
      OptionalAttr<DenseI64ArrayAttr>:$pads,
      OptionalAttr<DenseI64ArrayAttr>:$strides), extraAttrs);
  let results = (outs ONNX_F32Tensor:$Y);
  let assemblyFormat = "$X attr-dict `:` type($X) `->` type($Y)";
}

def ONNX_MaxPoolOp : ONNX_PoolOp<"MaxPool", "max pooling (the Indices output is not supported)",
    (ins DefaultValuedAttr<I64Attr, "0">:$storage_order)>;
def ONNX_AveragePoolOp : ONNX_PoolOp<"AveragePool", "average pooling",
    (ins DefaultValuedAttr<I64Attr, "0">:$count_include_pad)>;

def ONNX_GlobalAveragePoolOp : ONNX_UnaryOp<"GlobalAveragePool",
    "mean over every spatial dimension">;

def ONNX_SoftmaxOp : ONNX_Op<"Softmax"> {
  let summary = "softmax along one axis (opset 13 semantics)";
  let arguments = (ins ONNX_F32Tensor:$input, DefaultValuedAttr<SI64Attr, "-1">:$axis);
  let results = (outs ONNX_F32Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
}

def ONNX_ReduceMeanOp : ONNX_Op<"ReduceMean"> {
  let summary = "mean over axes (opset 18 form: axes is a constant input)";
  let arguments = (ins ONNX_F32Tensor:$data, Optional<ONNX_I64Tensor>:$axes,
      DefaultValuedAttr<I64Attr, "1">:$keepdims,
      DefaultValuedAttr<I64Attr, "0">:$noop_with_empty_axes);
  let results = (outs ONNX_F32Tensor:$reduced);
  let assemblyFormat = [{
    $data (`axes` $axes^ `:` type($axes))? attr-dict `:` type($data) `->` type($reduced)
  }];
}

//===----------------------------------------------------------------------===//
// Data movement
//===----------------------------------------------------------------------===//

def ONNX_ReshapeOp : ONNX_Op<"Reshape"> {
  let summary = "reshape to a constant shape (0 copies a dim, -1 is inferred)";
  let arguments = (ins ONNX_F32Tensor:$data, ONNX_I64Tensor:$shape,
                       DefaultValuedAttr<I64Attr, "0">:$allowzero);
  let results = (outs ONNX_F32Tensor:$reshaped);
  let assemblyFormat =
      "$data `,` $shape attr-dict `:` `(` type($data) `,` type($shape) `)` `->` type($reshaped)";
}

def ONNX_FlattenOp : ONNX_Op<"Flatten"> {
  let summary = "flatten to 2-d around an axis";
  let arguments = (ins ONNX_F32Tensor:$input, DefaultValuedAttr<SI64Attr, "1">:$axis);
  let results = (outs ONNX_F32Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
}

def ONNX_SqueezeOp : ONNX_Op<"Squeeze"> {
  let summary = "remove size-1 dims (opset 13 form: axes is a constant input)";
  let arguments = (ins ONNX_F32Tensor:$data, Optional<ONNX_I64Tensor>:$axes);
  let results = (outs ONNX_F32Tensor:$squeezed);
  let assemblyFormat =
      "$data (`axes` $axes^ `:` type($axes))? attr-dict `:` type($data) `->` type($squeezed)";
}

def ONNX_UnsqueezeOp : ONNX_Op<"Unsqueeze"> {
  let summary = "insert size-1 dims (opset 13 form: axes is a constant input)";
  let arguments = (ins ONNX_F32Tensor:$data, ONNX_I64Tensor:$axes);
  let results = (outs ONNX_F32Tensor:$expanded);
  let assemblyFormat =
      "$data `,` $axes attr-dict `:` `(` type($data) `,` type($axes) `)` `->` type($expanded)";
}

def ONNX_TransposeOp : ONNX_Op<"Transpose"> {
  let summary = "permute dims (reverses them when perm is absent)";
  let arguments = (ins ONNX_F32Tensor:$data, OptionalAttr<DenseI64ArrayAttr>:$perm);
  let results = (outs ONNX_F32Tensor:$transposed);
  let assemblyFormat = "$data attr-dict `:` type($data) `->` type($transposed)";
}

def ONNX_ConcatOp : ONNX_Op<"Concat"> {
  let summary = "concatenate along an axis";
  let arguments = (ins Variadic<ONNX_F32Tensor>:$inputs, SI64Attr:$axis);
  let results = (outs ONNX_F32Tensor:$concat_result);
  let assemblyFormat =
      "$inputs attr-dict `:` `(` type($inputs) `)` `->` type($concat_result)";
}

def ONNX_PadOp : ONNX_Op<"Pad"> {
  let summary = "pad (opset 11+ form: pads, constant_value and axes are constant inputs)";
  let arguments = (ins ONNX_F32Tensor:$data, ONNX_I64Tensor:$pads,
      Optional<ONNX_F32Tensor>:$constant_value,
      DefaultValuedStrAttr<StrAttr, "constant">:$mode);
  let results = (outs ONNX_F32Tensor:$output);
  let assemblyFormat = [{
    $data `,` $pads (`,` $constant_value^ `:` type($constant_value))? attr-dict `:`
    type($data) `,` type($pads) `->` type($output)
  }];
}

#endif // MOTE_ONNX_OPS_TD
