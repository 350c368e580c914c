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

def ONNX_AbsOp : ONNX_UnaryOp<"Abs", "|x|">;
def ONNX_NegOp : ONNX_UnaryOp<"Neg", "-x">;
def ONNX_ExpOp : ONNX_UnaryOp<"Exp", "e^x">;
def ONNX_LogOp : ONNX_UnaryOp<"Log", "natural logarithm">;
def ONNX_SqrtOp : ONNX_UnaryOp<"Sqrt", "square root">;
def ONNX_ReciprocalOp : ONNX_UnaryOp<"Reciprocal", "1 / x">;
def ONNX_FloorOp : ONNX_UnaryOp<"Floor", "round down">;
def ONNX_CeilOp : ONNX_UnaryOp<"Ceil", "round up">;
def ONNX_RoundOp : ONNX_UnaryOp<"Round", "round half to even">;
def ONNX_SinOp : ONNX_UnaryOp<"Sin", "sine">;
def ONNX_CosOp : ONNX_UnaryOp<"Cos", "cosine">;
def ONNX_TanOp : ONNX_UnaryOp<"Tan", "tangent">;
def ONNX_AsinOp : ONNX_UnaryOp<"Asin", "arcsine">;
def ONNX_AcosOp : ONNX_UnaryOp<"Acos", "arccosine">;
def ONNX_AtanOp : ONNX_UnaryOp<"Atan", "arctangent">;
def ONNX_SinhOp : ONNX_UnaryOp<"Sinh", "hyperbolic sine">;
def ONNX_CoshOp : ONNX_UnaryOp<"Cosh", "hyperbolic cosine">;
def ONNX_AsinhOp : ONNX_UnaryOp<"Asinh", "inverse hyperbolic sine">;
def ONNX_AcoshOp : ONNX_UnaryOp<"Acosh", "inverse hyperbolic cosine">;
def ONNX_AtanhOp : ONNX_UnaryOp<"Atanh", "inverse hyperbolic tangent">;
def ONNX_ErfOp : ONNX_UnaryOp<"Erf", "the error function">;
def ONNX_SignOp : ONNX_UnaryOp<"Sign", "-1, 0 or 1">;
def ONNX_NotOp : ONNX_UnaryOp<"Not", "logical not">;
def ONNX_BitwiseNotOp : ONNX_UnaryOp<"BitwiseNot", "bitwise not">;
def ONNX_SoftplusOp : ONNX_UnaryOp<"Softplus", "log(1 + e^x)">;
def ONNX_SoftsignOp : ONNX_UnaryOp<"Softsign", "x / (1 + |x|)">;
def ONNX_MishOp : ONNX_UnaryOp<"Mish", "x * tanh(softplus(x))">;
def ONNX_EluOp : ONNX_UnaryOp<"Elu", "x < 0 ? alpha * (e^x - 1) : x",
    (ins DefaultValuedAttr<F32Attr, "1.0f">:$alpha)>;
def ONNX_SeluOp : ONNX_UnaryOp<"Selu", "gamma * (x <= 0 ? alpha * (e^x - 1) : x)",
    (ins DefaultValuedAttr<F32Attr, "1.67326319217681884765625f">:$alpha,
         DefaultValuedAttr<F32Attr, "1.05070102214813232421875f">:$gamma)>;
def ONNX_CeluOp : ONNX_UnaryOp<"Celu", "max(0, x) + min(0, alpha * (e^(x / alpha) - 1))",
    (ins DefaultValuedAttr<F32Attr, "1.0f">:$alpha)>;
def ONNX_ThresholdedReluOp : ONNX_UnaryOp<"ThresholdedRelu", "x > alpha ? x : 0",
    (ins DefaultValuedAttr<F32Attr, "1.0f">:$alpha)>;
def ONNX_ShrinkOp : ONNX_UnaryOp<"Shrink", "soft shrinkage by bias outside [-lambd, lambd]",
    (ins DefaultValuedAttr<F32Attr, "0.0f">:$bias,
         DefaultValuedAttr<F32Attr, "0.5f">:$lambd)>;
def ONNX_GeluOp : ONNX_UnaryOp<"Gelu", "x * Phi(x), exact or with the tanh approximation",
    (ins DefaultValuedStrAttr<StrAttr, "none">:$approximate)>;

def ONNX_IsNaNOp : ONNX_PredicateOp<"IsNaN", "x is NaN">;
def ONNX_IsInfOp : ONNX_PredicateOp<"IsInf", "x is an infinity of a selected sign",
    (ins DefaultValuedAttr<I64Attr, "1">:$detect_negative,
         DefaultValuedAttr<I64Attr, "1">:$detect_positive)>;

def ONNX_CastOp : ONNX_Op<"Cast"> {
  let summary = "convert to the element type `to` (a TensorProto.DataType code)";
  let arguments = (ins ONNX_Tensor:$input, I64Attr:$to,
                       DefaultValuedAttr<I64Attr, "1">:$saturate);
  let results = (outs ONNX_Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
}

def ONNX_CastLikeOp : ONNX_Op<"CastLike"> {
  let summary = "convert to the element type of `target_type`";
  let arguments = (ins ONNX_Tensor:$input, ONNX_Tensor:$target_type,
                       DefaultValuedAttr<I64Attr, "1">:$saturate);
  let results = (outs ONNX_Tensor:$output);
  let assemblyFormat = [{
    $input `,` $target_type attr-dict `:` `(` type($input) `,` type($target_type) `)`
    `->` type($output)
  }];
}

def ONNX_PowOp : ONNX_BinaryOp<"Pow", "a raised to b">;
def ONNX_PReluOp : ONNX_BinaryOp<"PRelu", "a < 0 ? a * slope : a">;
def ONNX_AndOp : ONNX_CompareOp<"And", "logical and">;
def ONNX_OrOp : ONNX_CompareOp<"Or", "logical or">;
def ONNX_XorOp : ONNX_CompareOp<"Xor", "logical exclusive or">;
def ONNX_BitwiseAndOp : ONNX_BinaryOp<"BitwiseAnd", "bitwise and">;
def ONNX_BitwiseOrOp : ONNX_BinaryOp<"BitwiseOr", "bitwise or">;
def ONNX_BitwiseXorOp : ONNX_BinaryOp<"BitwiseXor", "bitwise exclusive or">;
def ONNX_EqualOp : ONNX_CompareOp<"Equal", "a == b">;
def ONNX_LessOp : ONNX_CompareOp<"Less", "a < b">;
def ONNX_LessOrEqualOp : ONNX_CompareOp<"LessOrEqual", "a <= b">;
def ONNX_GreaterOp : ONNX_CompareOp<"Greater", "a > b">;
def ONNX_GreaterOrEqualOp : ONNX_CompareOp<"GreaterOrEqual", "a >= b">;

def ONNX_ModOp : ONNX_Op<"Mod"> {
  let summary = "remainder: the divisor's sign, or the dividend's with fmod = 1";
  let arguments = (ins ONNX_Tensor:$A, ONNX_Tensor:$B,
                       DefaultValuedAttr<I64Attr, "0">:$fmod);
  let results = (outs ONNX_Tensor:$C);
  let assemblyFormat =
      "$A `,` $B attr-dict `:` `(` type($A) `,` type($B) `)` `->` type($C)";
}

def ONNX_BitShiftOp : ONNX_Op<"BitShift"> {
  let summary = "shift the bits of unsigned integers LEFT or RIGHT";
  let arguments = (ins ONNX_IntTensor:$X, ONNX_IntTensor:$Y, StrAttr:$direction);
  let results = (outs ONNX_IntTensor:$Z);
  let assemblyFormat =
      "$X `,` $Y attr-dict `:` `(` type($X) `,` type($Y) `)` `->` type($Z)";
}

def ONNX_MaxOp : ONNX_VariadicOp<"Max", "elementwise maximum of the inputs">;
def ONNX_MinOp : ONNX_VariadicOp<"Min", "elementwise minimum of the inputs">;
def ONNX_SumOp : ONNX_VariadicOp<"Sum", "elementwise sum of the inputs">;
def ONNX_MeanOp : ONNX_VariadicOp<"Mean", "elementwise mean of the inputs">;

def ONNX_WhereOp : ONNX_Op<"Where"> {
  let summary = "condition ? X : Y with broadcasting";
  let arguments = (ins ONNX_BoolTensor:$condition, ONNX_Tensor:$X, ONNX_Tensor:$Y);
  let results = (outs ONNX_Tensor:$output);
  let assemblyFormat = [{
    $condition `,` $X `,` $Y attr-dict `:` `(` type($condition) `,` type($X) `,`
    type($Y) `)` `->` type($output)
  }];
}

def ONNX_ClipOp : ONNX_Op<"Clip", [AttrSizedOperandSegments]> {
  let summary = "min(max(x, min), max) with optional scalar bounds (opset 11 form)";
  let arguments = (ins ONNX_Tensor:$input, Optional<ONNX_Tensor>:$min,
                       Optional<ONNX_Tensor>:$max);
  let results = (outs ONNX_Tensor:$output);
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
  let arguments = (ins ONNX_Tensor:$X, ONNX_Tensor:$W, Optional<ONNX_Tensor>:$B,
      DefaultValuedStrAttr<StrAttr, "NOTSET">:$auto_pad,
      OptionalAttr<DenseI64ArrayAttr>:$dilations,
      DefaultValuedAttr<I64Attr, "1">:$group,
      OptionalAttr<DenseI64ArrayAttr>:$kernel_shape,
      OptionalAttr<DenseI64ArrayAttr>:$pads,
      OptionalAttr<DenseI64ArrayAttr>:$strides);
  let results = (outs ONNX_Tensor:$Y);
  let assemblyFormat = [{
    $X `,` $W (`,` $B^ `:` type($B))? attr-dict `:` type($X) `,` type($W) `->` type($Y)
  }];
}

def ONNX_GemmOp : ONNX_Op<"Gemm"> {
  let summary = "alpha * A' * B' + beta * C";
  let arguments = (ins ONNX_Tensor:$A, ONNX_Tensor:$B, Optional<ONNX_Tensor>:$C,
      DefaultValuedAttr<F32Attr, "1.0f">:$alpha,
      DefaultValuedAttr<F32Attr, "1.0f">:$beta,
      DefaultValuedAttr<I64Attr, "0">:$transA,
      DefaultValuedAttr<I64Attr, "0">:$transB);
  let results = (outs ONNX_Tensor:$Y);
  let assemblyFormat = [{
    $A `,` $B (`,` $C^ `:` type($C))? attr-dict `:` type($A) `,` type($B) `->` type($Y)
  }];
}

def ONNX_MatMulOp : ONNX_Op<"MatMul"> {
  let summary = "numpy.matmul";
  let arguments = (ins ONNX_Tensor:$A, ONNX_Tensor:$B);
  let results = (outs ONNX_Tensor:$Y);
  let assemblyFormat =
      "$A `,` $B attr-dict `:` `(` type($A) `,` type($B) `)` `->` type($Y)";
}

def ONNX_BatchNormalizationOp : ONNX_Op<"BatchNormalization"> {
  let summary = "inference-mode batch normalization";
  let arguments = (ins ONNX_Tensor:$X, ONNX_Tensor:$scale, ONNX_Tensor:$B,
      ONNX_Tensor:$input_mean, ONNX_Tensor:$input_var,
      DefaultValuedAttr<F32Attr, "1e-5f">:$epsilon);
  let results = (outs ONNX_Tensor:$Y);
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
  let arguments = !con((ins ONNX_Tensor:$X,
      DefaultValuedStrAttr<StrAttr, "NOTSET">:$auto_pad,
      DefaultValuedAttr<I64Attr, "0">:$ceil_mode,
      OptionalAttr<DenseI64ArrayAttr>:$dilations,
      DenseI64ArrayAttr:$kernel_shape,
      OptionalAttr<DenseI64ArrayAttr>:$pads,
      OptionalAttr<DenseI64ArrayAttr>:$strides), extraAttrs);
  let results = (outs ONNX_Tensor:$Y);
  let assemblyFormat = "$X attr-dict `:` type($X) `->` type($Y)";
}

def ONNX_MaxPoolOp : ONNX_PoolOp<"MaxPool", "max pooling (the Indices output is not supported)",
    (ins DefaultValuedAttr<I64Attr, "0">:$storage_order)>;
def ONNX_AveragePoolOp : ONNX_PoolOp<"AveragePool", "average pooling",
    (ins DefaultValuedAttr<I64Attr, "0">:$count_include_pad)>;

def ONNX_GlobalAveragePoolOp : ONNX_Op<"GlobalAveragePool"> {
  let summary = "mean over every spatial dimension";
  let arguments = (ins ONNX_Tensor:$X);
  let results = (outs ONNX_Tensor:$Y);
  let assemblyFormat = "$X attr-dict `:` type($X) `->` type($Y)";
}

def ONNX_SoftmaxOp : ONNX_Op<"Softmax"> {
  let summary = "softmax along one axis (opset 13 semantics)";
  let arguments = (ins ONNX_Tensor:$input, DefaultValuedAttr<SI64Attr, "-1">:$axis);
  let results = (outs ONNX_Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
}

def ONNX_ReduceMeanOp : ONNX_ReduceOp<"ReduceMean", "mean over axes">;
def ONNX_ReduceSumOp : ONNX_ReduceOp<"ReduceSum", "sum over axes">;
def ONNX_ReduceMaxOp : ONNX_ReduceOp<"ReduceMax", "maximum over axes">;
def ONNX_ReduceMinOp : ONNX_ReduceOp<"ReduceMin", "minimum over axes">;
def ONNX_ReduceProdOp : ONNX_ReduceOp<"ReduceProd", "product over axes">;
def ONNX_ReduceL1Op : ONNX_ReduceOp<"ReduceL1", "sum of absolute values over axes">;
def ONNX_ReduceL2Op : ONNX_ReduceOp<"ReduceL2", "Euclidean norm over axes">;
def ONNX_ReduceLogSumOp : ONNX_ReduceOp<"ReduceLogSum", "log of the sum over axes">;
def ONNX_ReduceLogSumExpOp : ONNX_ReduceOp<"ReduceLogSumExp",
    "log of the sum of exponentials over axes">;
def ONNX_ReduceSumSquareOp : ONNX_ReduceOp<"ReduceSumSquare", "sum of squares over axes">;

class ONNX_ArgReduceOp<string mnemonic, string summaryText> : ONNX_Op<mnemonic> {
  let summary = summaryText;
  let arguments = (ins ONNX_Tensor:$data, DefaultValuedAttr<I64Attr, "0">:$axis,
      DefaultValuedAttr<I64Attr, "1">:$keepdims,
      DefaultValuedAttr<I64Attr, "0">:$select_last_index);
  let results = (outs ONNX_I64Tensor:$reduced);
  let assemblyFormat = "$data attr-dict `:` type($data) `->` type($reduced)";
  let extraClassDefinition = [{
    ::llvm::LogicalResult $cppClass::inferReturnTypes(::mlir::MLIRContext *ctx,
        std::optional<::mlir::Location> loc, Adaptor adaptor,
        ::llvm::SmallVectorImpl<::mlir::Type> &types) {
      return inferArgReduce(ctx, loc, adaptor.getData(), adaptor.getAxis(),
                            adaptor.getKeepdims(), types);
    }
  }];
}
def ONNX_ArgMaxOp : ONNX_ArgReduceOp<"ArgMax", "index of the maximum along an axis">;
def ONNX_ArgMinOp : ONNX_ArgReduceOp<"ArgMin", "index of the minimum along an axis">;

//===----------------------------------------------------------------------===//
// Data movement
//===----------------------------------------------------------------------===//

def ONNX_ReshapeOp : ONNX_Op<"Reshape"> {
  let summary = "reshape to a constant shape (0 copies a dim, -1 is inferred)";
  let arguments = (ins ONNX_Tensor:$data, ONNX_I64Tensor:$shape,
                       DefaultValuedAttr<I64Attr, "0">:$allowzero);
  let results = (outs ONNX_Tensor:$reshaped);
  let assemblyFormat =
      "$data `,` $shape attr-dict `:` `(` type($data) `,` type($shape) `)` `->` type($reshaped)";
}

def ONNX_FlattenOp : ONNX_Op<"Flatten"> {
  let summary = "flatten to 2-d around an axis";
  let arguments = (ins ONNX_Tensor:$input, DefaultValuedAttr<SI64Attr, "1">:$axis);
  let results = (outs ONNX_Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
}

def ONNX_SqueezeOp : ONNX_Op<"Squeeze"> {
  let summary = "remove size-1 dims (opset 13 form: axes is a constant input)";
  let arguments = (ins ONNX_Tensor:$data, Optional<ONNX_I64Tensor>:$axes);
  let results = (outs ONNX_Tensor:$squeezed);
  let assemblyFormat =
      "$data (`axes` $axes^ `:` type($axes))? attr-dict `:` type($data) `->` type($squeezed)";
}

def ONNX_UnsqueezeOp : ONNX_Op<"Unsqueeze"> {
  let summary = "insert size-1 dims (opset 13 form: axes is a constant input)";
  let arguments = (ins ONNX_Tensor:$data, ONNX_I64Tensor:$axes);
  let results = (outs ONNX_Tensor:$expanded);
  let assemblyFormat =
      "$data `,` $axes attr-dict `:` `(` type($data) `,` type($axes) `)` `->` type($expanded)";
}

def ONNX_TransposeOp : ONNX_Op<"Transpose"> {
  let summary = "permute dims (reverses them when perm is absent)";
  let arguments = (ins ONNX_Tensor:$data, OptionalAttr<DenseI64ArrayAttr>:$perm);
  let results = (outs ONNX_Tensor:$transposed);
  let assemblyFormat = "$data attr-dict `:` type($data) `->` type($transposed)";
}

def ONNX_ConcatOp : ONNX_Op<"Concat"> {
  let summary = "concatenate along an axis";
  let arguments = (ins Variadic<ONNX_Tensor>:$inputs, SI64Attr:$axis);
  let results = (outs ONNX_Tensor:$concat_result);
  let assemblyFormat =
      "$inputs attr-dict `:` `(` type($inputs) `)` `->` type($concat_result)";
}

def ONNX_PadOp : ONNX_Op<"Pad"> {
  let summary = "pad (opset 11+ form: pads, constant_value and axes are constant inputs)";
  let arguments = (ins ONNX_Tensor:$data, ONNX_I64Tensor:$pads,
      Optional<ONNX_Tensor>:$constant_value,
      DefaultValuedStrAttr<StrAttr, "constant">:$mode);
  let results = (outs ONNX_Tensor:$output);
  let assemblyFormat = [{
    $data `,` $pads (`,` $constant_value^ `:` type($constant_value))? attr-dict `:`
    type($data) `,` type($pads) `->` type($output)
  }];
}

//===----------------------------------------------------------------------===//
// Shapes: computed at compile time
//===----------------------------------------------------------------------===//

def ONNX_ShapeOp : ONNX_Op<"Shape"> {
  let summary = "the dims of the input (from start to end), always a constant";
  let arguments = (ins ONNX_Tensor:$data, OptionalAttr<I64Attr>:$start,
                       OptionalAttr<I64Attr>:$end);
  let results = (outs ONNX_I64Tensor:$shape);
  let assemblyFormat = "$data attr-dict `:` type($data) `->` type($shape)";
  let hasFolder = 1;
}

def ONNX_SizeOp : ONNX_Op<"Size"> {
  let summary = "the element count of the input, always a constant";
  let arguments = (ins ONNX_Tensor:$data);
  let results = (outs ONNX_I64Tensor:$size);
  let assemblyFormat = "$data attr-dict `:` type($data) `->` type($size)";
  let hasFolder = 1;
}

def ONNX_ConstantOfShapeOp : ONNX_Op<"ConstantOfShape"> {
  let summary = "a tensor of a constant shape filled with one value";
  let arguments = (ins ONNX_I64Tensor:$input, OptionalAttr<ElementsAttr>:$value);
  let results = (outs ONNX_Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasFolder = 1;
}

def ONNX_RangeOp : ONNX_Op<"Range"> {
  let summary = "start, start + delta, ... below limit (all three constants)";
  let arguments = (ins ONNX_Tensor:$start, ONNX_Tensor:$limit, ONNX_Tensor:$delta);
  let results = (outs ONNX_Tensor:$output);
  let assemblyFormat = [{
    $start `,` $limit `,` $delta attr-dict `:` `(` type($start) `,` type($limit) `,`
    type($delta) `)` `->` type($output)
  }];
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Strided data movement
//===----------------------------------------------------------------------===//

def ONNX_ExpandOp : ONNX_Op<"Expand"> {
  let summary = "broadcast the input to a constant shape";
  let arguments = (ins ONNX_Tensor:$input, ONNX_I64Tensor:$shape);
  let results = (outs ONNX_Tensor:$output);
  let assemblyFormat =
      "$input `,` $shape attr-dict `:` `(` type($input) `,` type($shape) `)` `->` type($output)";
}

def ONNX_SliceOp : ONNX_Op<"Slice", [AttrSizedOperandSegments]> {
  let summary = "a strided window (opset 10+ form: starts, ends, axes, steps are constants)";
  let arguments = (ins ONNX_Tensor:$data, ONNX_IntTensor:$starts, ONNX_IntTensor:$ends,
                       Optional<ONNX_IntTensor>:$axes, Optional<ONNX_IntTensor>:$steps);
  let results = (outs ONNX_Tensor:$output);
  let assemblyFormat = [{
    $data `,` $starts `,` $ends (`axes` $axes^ `:` type($axes))? (`steps` $steps^ `:` type($steps))?
    attr-dict `:` type($data) `,` type($starts) `,` type($ends) `->` type($output)
  }];
}

def ONNX_TileOp : ONNX_Op<"Tile"> {
  let summary = "repeat the input along each dim (repeats is a constant)";
  let arguments = (ins ONNX_Tensor:$input, ONNX_I64Tensor:$repeats);
  let results = (outs ONNX_Tensor:$output);
  let assemblyFormat =
      "$input `,` $repeats attr-dict `:` `(` type($input) `,` type($repeats) `)` `->` type($output)";
}

def ONNX_GatherOp : ONNX_Op<"Gather"> {
  let summary = "take entries of data along an axis at the given indices";
  let arguments = (ins ONNX_Tensor:$data, ONNX_IntTensor:$indices,
                       DefaultValuedAttr<I64Attr, "0">:$axis);
  let results = (outs ONNX_Tensor:$output);
  let assemblyFormat =
      "$data `,` $indices attr-dict `:` `(` type($data) `,` type($indices) `)` `->` type($output)";
}

//===----------------------------------------------------------------------===//
// Softmax family and normalizations (ops-norm)
//===----------------------------------------------------------------------===//

// LogSoftmax and Hardmax: one axis, the input's type (opset 13 semantics; the
// importer coerces older versions to 2-d like Softmax).
class ONNX_SoftmaxLikeOp<string mnemonic, string summaryText> : ONNX_Op<mnemonic> {
  let summary = summaryText;
  let arguments = (ins ONNX_FloatTensor:$input, DefaultValuedAttr<SI64Attr, "-1">:$axis);
  let results = (outs ONNX_FloatTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let extraClassDefinition = [{
    ::llvm::LogicalResult $cppClass::inferReturnTypes(::mlir::MLIRContext *,
        std::optional<::mlir::Location> loc, Adaptor adaptor,
        ::llvm::SmallVectorImpl<::mlir::Type> &types) {
      if (failed(inferSame(loc, adaptor.getInput(), types)))
        return ::mlir::failure();
      if (!normalizeAxis(adaptor.getAxis(), shapeOf(adaptor.getInput()).size()))
        return fail(loc, "axis " + ::llvm::Twine(adaptor.getAxis()) + " is out of range");
      return ::mlir::success();
    }
  }];
}
def ONNX_LogSoftmaxOp : ONNX_SoftmaxLikeOp<"LogSoftmax", "log of softmax along one axis">;
def ONNX_HardmaxOp : ONNX_SoftmaxLikeOp<"Hardmax",
    "1 at the first maximum along one axis, 0 elsewhere">;

def ONNX_LayerNormalizationOp : ONNX_Op<"LayerNormalization"> {
  let summary = "normalize over the dims from axis on, then scale and shift";
  let description = [{
    Mean and InvStdDev are always results (X with the normalized dims set to
    1, of the stash type); the lowering computes them only if they are used.
  }];
  let arguments = (ins ONNX_FloatTensor:$X, ONNX_FloatTensor:$Scale,
      Optional<ONNX_FloatTensor>:$B,
      DefaultValuedAttr<SI64Attr, "-1">:$axis,
      DefaultValuedAttr<F32Attr, "1e-5f">:$epsilon,
      DefaultValuedAttr<I64Attr, "1">:$stash_type);
  let results = (outs ONNX_FloatTensor:$Y, ONNX_FloatTensor:$Mean,
                      ONNX_FloatTensor:$InvStdDev);
  let assemblyFormat = [{
    $X `,` $Scale (`,` $B^ `:` type($B))? attr-dict `:` type($X) `,` type($Scale)
    `->` type($Y) `,` type($Mean) `,` type($InvStdDev)
  }];
  let extraClassDefinition = [{
    ::llvm::LogicalResult $cppClass::inferReturnTypes(::mlir::MLIRContext *ctx,
        std::optional<::mlir::Location> loc, Adaptor adaptor,
        ::llvm::SmallVectorImpl<::mlir::Type> &types) {
      ::mlir::Value b = adaptor.getB();
      if (failed(inferNormalizeScale(loc, adaptor.getX(), adaptor.getAxis(),
                                     {adaptor.getScale(), b}, types)))
        return ::mlir::failure();
      ::mlir::Type stash = onnxElementType(ctx, adaptor.getStashType());
      if (!stash || !::llvm::isa<::mlir::FloatType>(stash))
        return fail(loc, "stash_type must be a float type");
      ::llvm::SmallVector<int64_t> stats(shapeOf(adaptor.getX()));
      int64_t axis = *normalizeAxis(adaptor.getAxis(), stats.size());
      std::fill(stats.begin() + axis, stats.end(), 1);
      types.push_back(::mlir::RankedTensorType::get(stats, stash));
      types.push_back(::mlir::RankedTensorType::get(stats, stash));
      return ::mlir::success();
    }
  }];
}

def ONNX_RMSNormalizationOp : ONNX_Op<"RMSNormalization"> {
  let summary = "x / sqrt(mean(x^2) + epsilon) * scale over the dims from axis on";
  let arguments = (ins ONNX_FloatTensor:$X, ONNX_FloatTensor:$scale,
      DefaultValuedAttr<SI64Attr, "-1">:$axis,
      DefaultValuedAttr<F32Attr, "1e-5f">:$epsilon,
      DefaultValuedAttr<I64Attr, "1">:$stash_type);
  let results = (outs ONNX_FloatTensor:$Y);
  let assemblyFormat =
      "$X `,` $scale attr-dict `:` type($X) `,` type($scale) `->` type($Y)";
  let extraClassDefinition = [{
    ::llvm::LogicalResult $cppClass::inferReturnTypes(::mlir::MLIRContext *,
        std::optional<::mlir::Location> loc, Adaptor adaptor,
        ::llvm::SmallVectorImpl<::mlir::Type> &types) {
      return inferNormalizeScale(loc, adaptor.getX(), adaptor.getAxis(),
                                 {adaptor.getScale(), ::mlir::Value()}, types);
    }
  }];
}

// Per-channel normalizations of [N, C, spatial...].
class ONNX_ChannelNormOp<string mnemonic, string summaryText, dag extraAttrs>
    : ONNX_Op<mnemonic> {
  let summary = summaryText;
  let arguments = !con((ins ONNX_FloatTensor:$input, ONNX_FloatTensor:$scale,
      ONNX_FloatTensor:$B, DefaultValuedAttr<F32Attr, "1e-5f">:$epsilon), extraAttrs);
  let results = (outs ONNX_FloatTensor:$output);
  let assemblyFormat = [{
    $input `,` $scale `,` $B attr-dict `:` type($input) `,` type($scale) `,` type($B)
    `->` type($output)
  }];
  let extraClassDefinition = [{
    ::llvm::LogicalResult $cppClass::inferReturnTypes(::mlir::MLIRContext *,
        std::optional<::mlir::Location> loc, Adaptor adaptor,
        ::llvm::SmallVectorImpl<::mlir::Type> &types) {
      return inferChannelNorm(loc, adaptor.getOperands(), groupsOf(adaptor), types);
    }
  }];
}
def ONNX_InstanceNormalizationOp : ONNX_ChannelNormOp<"InstanceNormalization",
    "normalize each channel of each sample over its spatial dims", (ins)>;
def ONNX_GroupNormalizationOp : ONNX_ChannelNormOp<"GroupNormalization",
    "normalize each group of channels of each sample; scale and bias per channel "
    "(opset 21) or per group (opset 18)",
    (ins I64Attr:$num_groups, DefaultValuedAttr<I64Attr, "1">:$stash_type)>;

def ONNX_LpNormalizationOp : ONNX_Op<"LpNormalization"> {
  let summary = "divide by the L1 or L2 norm along one axis";
  let arguments = (ins ONNX_FloatTensor:$input, DefaultValuedAttr<SI64Attr, "-1">:$axis,
      DefaultValuedAttr<I64Attr, "2">:$p);
  let results = (outs ONNX_FloatTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let extraClassDefinition = [{
    ::llvm::LogicalResult $cppClass::inferReturnTypes(::mlir::MLIRContext *,
        std::optional<::mlir::Location> loc, Adaptor adaptor,
        ::llvm::SmallVectorImpl<::mlir::Type> &types) {
      if (failed(inferSame(loc, adaptor.getInput(), types)))
        return ::mlir::failure();
      if (!normalizeAxis(adaptor.getAxis(), shapeOf(adaptor.getInput()).size()))
        return fail(loc, "axis " + ::llvm::Twine(adaptor.getAxis()) + " is out of range");
      if (adaptor.getP() != 1 && adaptor.getP() != 2)
        return fail(loc, "p must be 1 or 2, not " + ::llvm::Twine(adaptor.getP()));
      return ::mlir::success();
    }
  }];
}

def ONNX_MeanVarianceNormalizationOp : ONNX_Op<"MeanVarianceNormalization"> {
  let summary = "(x - mean) / (std + 1e-9) over axes (default [0, 2, 3])";
  let arguments = (ins ONNX_FloatTensor:$X, OptionalAttr<DenseI64ArrayAttr>:$axes);
  let results = (outs ONNX_FloatTensor:$Y);
  let assemblyFormat = "$X attr-dict `:` type($X) `->` type($Y)";
  let extraClassDeclaration = [{
    /// The normalized axes, sorted and non-negative; nullopt if invalid.
    std::optional<::llvm::SmallVector<int64_t>> getNormalizedAxes();
  }];
  let extraClassDefinition = [{
    std::optional<::llvm::SmallVector<int64_t>> $cppClass::getNormalizedAxes() {
      return mvnAxes(std::nullopt, getAxes(), shapeOf(getX()).size());
    }
    ::llvm::LogicalResult $cppClass::inferReturnTypes(::mlir::MLIRContext *,
        std::optional<::mlir::Location> loc, Adaptor adaptor,
        ::llvm::SmallVectorImpl<::mlir::Type> &types) {
      if (failed(inferSame(loc, adaptor.getX(), types)))
        return ::mlir::failure();
      if (!mvnAxes(loc, adaptor.getAxes(), shapeOf(adaptor.getX()).size()))
        return ::mlir::failure();
      return ::mlir::success();
    }
  }];
}

def ONNX_LRNOp : ONNX_Op<"LRN"> {
  let summary = "local response normalization across channels";
  let arguments = (ins ONNX_FloatTensor:$X, I64Attr:$size,
      DefaultValuedAttr<F32Attr, "0.0001f">:$alpha,
      DefaultValuedAttr<F32Attr, "0.75f">:$beta,
      DefaultValuedAttr<F32Attr, "1.0f">:$bias);
  let results = (outs ONNX_FloatTensor:$Y);
  let assemblyFormat = "$X attr-dict `:` type($X) `->` type($Y)";
  let extraClassDefinition = [{
    ::llvm::LogicalResult $cppClass::inferReturnTypes(::mlir::MLIRContext *,
        std::optional<::mlir::Location> loc, Adaptor adaptor,
        ::llvm::SmallVectorImpl<::mlir::Type> &types) {
      if (failed(inferSame(loc, adaptor.getX(), types)))
        return ::mlir::failure();
      if (shapeOf(adaptor.getX()).size() < 2)
        return fail(loc, "LRN input must have rank >= 2");
      if (adaptor.getSize() < 1)
        return fail(loc, "size must be positive");
      return ::mlir::success();
    }
  }];
}

//===----------------------------------------------------------------------===//
// Indexing and data movement of any element type (LowerIndexing.cpp)
//===----------------------------------------------------------------------===//

def ONNX_SplitOp : ONNX_Op<"Split"> {
  let summary = "split along an axis into parts (opset 18 form)";
  let description = [{
    The part sizes come from the constant `split` input; without it the axis
    is cut into `num_outputs` parts of ceil(dim / num_outputs) elements (the
    last one smaller). The importer always sets `num_outputs` to the node's
    output count when `split` is absent (the opset 13 form).
  }];
  let arguments = (ins ONNX_Tensor:$input, Optional<ONNX_I64Tensor>:$split,
                       DefaultValuedAttr<SI64Attr, "0">:$axis,
                       OptionalAttr<I64Attr>:$num_outputs);
  let results = (outs Variadic<ONNX_Tensor>:$outputs);
  let assemblyFormat = [{
    $input (`split` $split^ `:` type($split))? attr-dict `:` type($input) `->` type($outputs)
  }];
}

def ONNX_GatherElementsOp : ONNX_Op<"GatherElements"> {
  let summary = "out[i] = data[i with i[axis] replaced by indices[i]]";
  let arguments = (ins ONNX_Tensor:$data, ONNX_IntTensor:$indices,
                       DefaultValuedAttr<SI64Attr, "0">:$axis);
  let results = (outs ONNX_Tensor:$output);
  let assemblyFormat =
      "$data `,` $indices attr-dict `:` `(` type($data) `,` type($indices) `)` `->` type($output)";
}

def ONNX_ScatterElementsOp : ONNX_Op<"ScatterElements"> {
  let summary = "data with updates written (or combined) at indices along an axis";
  let arguments = (ins ONNX_Tensor:$data, ONNX_IntTensor:$indices, ONNX_Tensor:$updates,
                       DefaultValuedAttr<SI64Attr, "0">:$axis,
                       DefaultValuedStrAttr<StrAttr, "none">:$reduction);
  let results = (outs ONNX_Tensor:$output);
  let assemblyFormat = [{
    $data `,` $indices `,` $updates attr-dict `:` `(` type($data) `,` type($indices) `,`
    type($updates) `)` `->` type($output)
  }];
}

def ONNX_ScatterNDOp : ONNX_Op<"ScatterND"> {
  let summary = "data with updates written (or combined) at index tuples";
  let arguments = (ins ONNX_Tensor:$data, ONNX_IntTensor:$indices, ONNX_Tensor:$updates,
                       DefaultValuedStrAttr<StrAttr, "none">:$reduction);
  let results = (outs ONNX_Tensor:$output);
  let assemblyFormat = [{
    $data `,` $indices `,` $updates attr-dict `:` `(` type($data) `,` type($indices) `,`
    type($updates) `)` `->` type($output)
  }];
}

def ONNX_GatherNDOp : ONNX_Op<"GatherND"> {
  let summary = "slices of data at index tuples, after batch_dims shared dims";
  let arguments = (ins ONNX_Tensor:$data, ONNX_IntTensor:$indices,
                       DefaultValuedAttr<I64Attr, "0">:$batch_dims);
  let results = (outs ONNX_Tensor:$output);
  let assemblyFormat =
      "$data `,` $indices attr-dict `:` `(` type($data) `,` type($indices) `)` `->` type($output)";
}

def ONNX_TriluOp : ONNX_Op<"Trilu"> {
  let summary = "the upper or lower triangle of the last two dims (k a constant)";
  let arguments = (ins ONNX_Tensor:$input, Optional<ONNX_I64Tensor>:$k,
                       DefaultValuedAttr<I64Attr, "1">:$upper);
  let results = (outs ONNX_Tensor:$output);
  let assemblyFormat =
      "$input (`k` $k^ `:` type($k))? attr-dict `:` type($input) `->` type($output)";
}

class ONNX_CumulativeOp<string mnemonic, string summaryText> : ONNX_Op<mnemonic> {
  let summary = summaryText;
  let arguments = (ins ONNX_Tensor:$x, ONNX_IntTensor:$axis,
                       DefaultValuedAttr<I64Attr, "0">:$exclusive,
                       DefaultValuedAttr<I64Attr, "0">:$reverse);
  let results = (outs ONNX_Tensor:$y);
  let assemblyFormat =
      "$x `,` $axis attr-dict `:` `(` type($x) `,` type($axis) `)` `->` type($y)";
}
def ONNX_CumSumOp : ONNX_CumulativeOp<"CumSum", "running sum along an axis (a constant)">;
def ONNX_CumProdOp : ONNX_CumulativeOp<"CumProd", "running product along an axis (a constant)">;

def ONNX_TopKOp : ONNX_Op<"TopK"> {
  let summary = "the k largest (or smallest) entries along an axis and their indices";
  let arguments = (ins ONNX_Tensor:$X, ONNX_I64Tensor:$K,
                       DefaultValuedAttr<SI64Attr, "-1">:$axis,
                       DefaultValuedAttr<I64Attr, "1">:$largest,
                       DefaultValuedAttr<I64Attr, "1">:$sorted);
  let results = (outs ONNX_Tensor:$Values, ONNX_I64Tensor:$Indices);
  let assemblyFormat =
      "$X `,` $K attr-dict `:` `(` type($X) `,` type($K) `)` `->` type($Values) `,` type($Indices)";
}

def ONNX_OneHotOp : ONNX_Op<"OneHot"> {
  let summary = "values[1] where an index matches, values[0] elsewhere (depth a constant)";
  let arguments = (ins ONNX_Tensor:$indices, ONNX_Tensor:$depth, ONNX_Tensor:$values,
                       DefaultValuedAttr<SI64Attr, "-1">:$axis);
  let results = (outs ONNX_Tensor:$output);
  let assemblyFormat = [{
    $indices `,` $depth `,` $values attr-dict `:` `(` type($indices) `,` type($depth) `,`
    type($values) `)` `->` type($output)
  }];
}

def ONNX_DepthToSpaceOp : ONNX_Op<"DepthToSpace"> {
  let summary = "move channel blocks into spatial blocks (DCR or CRD order)";
  let arguments = (ins ONNX_Tensor:$input, I64Attr:$blocksize,
                       DefaultValuedStrAttr<StrAttr, "DCR">:$mode);
  let results = (outs ONNX_Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
}

def ONNX_SpaceToDepthOp : ONNX_Op<"SpaceToDepth"> {
  let summary = "move spatial blocks into channels";
  let arguments = (ins ONNX_Tensor:$input, I64Attr:$blocksize);
  let results = (outs ONNX_Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
}

def ONNX_CompressOp : ONNX_Op<"Compress"> {
  let summary = "the slices along an axis (or of the flattened input) where a constant condition holds";
  let arguments = (ins ONNX_Tensor:$input, ONNX_BoolTensor:$condition,
                       OptionalAttr<SI64Attr>:$axis);
  let results = (outs ONNX_Tensor:$output);
  let assemblyFormat = [{
    $input `,` $condition attr-dict `:` `(` type($input) `,` type($condition) `)`
    `->` type($output)
  }];
}

def ONNX_EyeLikeOp : ONNX_Op<"EyeLike"> {
  let summary = "a 2-d identity of the input's shape, diagonal shifted by k; a constant";
  let arguments = (ins ONNX_Tensor:$input, OptionalAttr<I64Attr>:$dtype,
                       DefaultValuedAttr<SI64Attr, "0">:$k);
  let results = (outs ONNX_Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasFolder = 1;
}

def ONNX_ReverseSequenceOp : ONNX_Op<"ReverseSequence"> {
  let summary = "reverse the first sequence_lens[b] steps of every batch entry";
  let arguments = (ins ONNX_Tensor:$input, ONNX_IntTensor:$sequence_lens,
                       DefaultValuedAttr<I64Attr, "1">:$batch_axis,
                       DefaultValuedAttr<I64Attr, "0">:$time_axis);
  let results = (outs ONNX_Tensor:$Y);
  let assemblyFormat = [{
    $input `,` $sequence_lens attr-dict `:` `(` type($input) `,` type($sequence_lens) `)`
    `->` type($Y)
  }];
}

//===----------------------------------------------------------------------===//
// Attention (ops-attn)
//===----------------------------------------------------------------------===//

def ONNX_AttentionOp : ONNX_Op<"Attention", [AttrSizedOperandSegments]> {
  let summary = "scaled dot-product attention (opset 23/24)";
  let description = [{
    Q, K and V are either 4-d [batch, heads, seq, head_size] or 3-d
    [batch, seq, heads * head_size] (then q_num_heads and kv_num_heads say how
    many heads). Every result exists; the importer binds those the node names.
    present_key and present_value are 4-d, the past concatenated with K and V;
    qk_matmul_output is [batch, q_heads, q_seq, total_seq].
  }];
  let arguments = (ins ONNX_FloatTensor:$Q, ONNX_FloatTensor:$K, ONNX_FloatTensor:$V,
      Optional<ONNX_Tensor>:$attn_mask, Optional<ONNX_FloatTensor>:$past_key,
      Optional<ONNX_FloatTensor>:$past_value, Optional<ONNX_IntTensor>:$nonpad_kv_seqlen,
      DefaultValuedAttr<I64Attr, "0">:$is_causal,
      OptionalAttr<I64Attr>:$kv_num_heads, OptionalAttr<I64Attr>:$q_num_heads,
      DefaultValuedAttr<I64Attr, "0">:$qk_matmul_output_mode,
      OptionalAttr<F32Attr>:$scale, DefaultValuedAttr<F32Attr, "0.0f">:$softcap,
      OptionalAttr<I64Attr>:$softmax_precision);
  let results = (outs ONNX_FloatTensor:$Y, ONNX_FloatTensor:$present_key,
      ONNX_FloatTensor:$present_value, ONNX_FloatTensor:$qk_matmul_output);
  let extraClassDeclaration = [{
    /// The 4-d geometry every lowering step reads.
    struct Geometry {
      int64_t batch, qHeads, kvHeads, qSeq, kvSeq, pastSeq, headSize, vHeadSize;
      bool threeD;
      int64_t totalSeq() const { return pastSeq + kvSeq; }
    };
    static ::mlir::FailureOr<Geometry> geometry(std::optional<::mlir::Location> loc,
        ::mlir::Value q, ::mlir::Value k, ::mlir::Value v, ::mlir::Value pastKey,
        ::mlir::Value pastValue, std::optional<int64_t> qHeads,
        std::optional<int64_t> kvHeads);
    ::mlir::FailureOr<Geometry> geometry() {
      return geometry(getLoc(), getQ(), getK(), getV(), getPastKey(), getPastValue(),
                      getQNumHeads(), getKvNumHeads());
    }
  }];
}

//===----------------------------------------------------------------------===//
// Resize (ops-attn)
//===----------------------------------------------------------------------===//

def ONNX_ResizeOp : ONNX_Op<"Resize", [AttrSizedOperandSegments]> {
  let summary = "resize (opset 19 form; the importer rewrites Upsample into it)";
  let description = [{
    roi, scales and sizes must be constants (exactly one of scales and
    sizes); axes lists the dims they cover (all by default).
  }];
  let arguments = (ins ONNX_Tensor:$X, Optional<ONNX_Tensor>:$roi,
      Optional<ONNX_Tensor>:$scales, Optional<ONNX_I64Tensor>:$sizes,
      DefaultValuedAttr<I64Attr, "0">:$antialias,
      OptionalAttr<DenseI64ArrayAttr>:$axes,
      DefaultValuedStrAttr<StrAttr, "half_pixel">:$coordinate_transformation_mode,
      DefaultValuedAttr<F32Attr, "-0.75f">:$cubic_coeff_a,
      DefaultValuedAttr<I64Attr, "0">:$exclude_outside,
      DefaultValuedAttr<F32Attr, "0.0f">:$extrapolation_value,
      DefaultValuedStrAttr<StrAttr, "stretch">:$keep_aspect_ratio_policy,
      DefaultValuedStrAttr<StrAttr, "nearest">:$mode,
      DefaultValuedStrAttr<StrAttr, "round_prefer_floor">:$nearest_mode);
  let results = (outs ONNX_Tensor:$Y);
  let extraClassDeclaration = [{
    /// Per dim: the output size and the scale (output / input unless given).
    struct Plan {
      ::llvm::SmallVector<int64_t> outShape;
      ::llvm::SmallVector<double> scales, roiStart, roiEnd;
    };
    static ::mlir::FailureOr<Plan> plan(std::optional<::mlir::Location> loc,
        ::mlir::Value x, ::mlir::Value roi, ::mlir::Value scales, ::mlir::Value sizes,
        std::optional<::llvm::ArrayRef<int64_t>> axes, ::llvm::StringRef policy);
    ::mlir::FailureOr<Plan> plan() {
      return plan(getLoc(), getX(), getRoi(), getScales(), getSizes(), getAxes(),
                  getKeepAspectRatioPolicy());
    }
  }];
}

#endif // MOTE_ONNX_OPS_TD
