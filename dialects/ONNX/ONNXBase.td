//===- ONNXBase.td - the onnx import dialect ---------------*- tablegen -*-===//
#ifndef MOTE_ONNX_BASE_TD
#define MOTE_ONNX_BASE_TD

include "mlir/IR/OpBase.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

def ONNX_Dialect : Dialect {
  let name = "onnx";
  let cppNamespace = "::mote::onnx";
  let summary = "ONNX operators as imported, one op per ONNX operator";
  let description = [{
    The import level of Mote. Each op mirrors one ONNX operator with its ONNX
    attributes, at the semantics of the newest opset Mote knows; the importer
    rewrites older versions (attributes that later became inputs, Softmax's 2-D
    coercion before opset 13) into that form, so passes see one meaning per op.
    Every tensor is statically shaped: result types are inferred from operands
    and attributes (InferTypeOpInterface), and a mismatch is a verifier error.
  }];
  let hasConstantMaterializer = 1;
}

// Operands are ranked: Mote compiles statically shaped graphs, and the type
// inference reads every operand's shape.
def ONNX_Tensor : RankedTensorOf<[AnyType]>;
def ONNX_FloatTensor : RankedTensorOf<[F16, BF16, F32, F64]>;
def ONNX_IntTensor : RankedTensorOf<[AnyInteger]>;
// Shapes, axes and indices: ONNX says int64, files sometimes hold int32.
def ONNX_I64Tensor : RankedTensorOf<[AnyInteger]>;
def ONNX_BoolTensor : RankedTensorOf<[I1]>;

class ONNX_Op<string mnemonic, list<Trait> traits = []>
    : Op<ONNX_Dialect, mnemonic,
         !listconcat(traits, [Pure, InferTypeOpAdaptor])>;

// Elementwise ops of one input whose result has the input's type.
class ONNX_UnaryOp<string mnemonic, string summaryText, dag extraAttrs = (ins)>
    : ONNX_Op<mnemonic> {
  let summary = summaryText;
  let arguments = !con((ins ONNX_Tensor:$X), extraAttrs);
  let results = (outs ONNX_Tensor:$Y);
  let assemblyFormat = "$X attr-dict `:` type($X) `->` type($Y)";
  let extraClassDefinition = [{
    ::llvm::LogicalResult $cppClass::inferReturnTypes(::mlir::MLIRContext *,
        std::optional<::mlir::Location> loc, Adaptor adaptor,
        ::llvm::SmallVectorImpl<::mlir::Type> &types) {
      return inferSame(loc, adaptor.getX(), types);
    }
  }];
}

// Elementwise ops of two inputs with numpy broadcasting.
class ONNX_BinaryOp<string mnemonic, string summaryText> : ONNX_Op<mnemonic> {
  let summary = summaryText;
  let arguments = (ins ONNX_Tensor:$A, ONNX_Tensor:$B);
  let results = (outs ONNX_Tensor:$C);
  let assemblyFormat =
      "$A `,` $B attr-dict `:` `(` type($A) `,` type($B) `)` `->` type($C)";
  let extraClassDefinition = [{
    ::llvm::LogicalResult $cppClass::inferReturnTypes(::mlir::MLIRContext *,
        std::optional<::mlir::Location> loc, Adaptor adaptor,
        ::llvm::SmallVectorImpl<::mlir::Type> &types) {
      bool mixed = getOperationName() == "onnx.Pow"; // the exponent may differ
      return inferBroadcast(loc, adaptor.getOperands(), {}, types, !mixed);
    }
  }];
}

// Elementwise ops of one input whose result is a bool tensor of its shape.
class ONNX_PredicateOp<string mnemonic, string summaryText, dag extraAttrs = (ins)>
    : ONNX_Op<mnemonic> {
  let summary = summaryText;
  let arguments = !con((ins ONNX_Tensor:$X), extraAttrs);
  let results = (outs ONNX_BoolTensor:$Y);
  let assemblyFormat = "$X attr-dict `:` type($X) `->` type($Y)";
  let extraClassDefinition = [{
    ::llvm::LogicalResult $cppClass::inferReturnTypes(::mlir::MLIRContext *ctx,
        std::optional<::mlir::Location> loc, Adaptor adaptor,
        ::llvm::SmallVectorImpl<::mlir::Type> &types) {
      return inferBroadcast(loc, adaptor.getX(), ::mlir::IntegerType::get(ctx, 1), types);
    }
  }];
}

// Broadcasting comparisons and logic: the result is a bool tensor.
class ONNX_CompareOp<string mnemonic, string summaryText> : ONNX_Op<mnemonic> {
  let summary = summaryText;
  let arguments = (ins ONNX_Tensor:$A, ONNX_Tensor:$B);
  let results = (outs ONNX_BoolTensor:$C);
  let assemblyFormat =
      "$A `,` $B attr-dict `:` `(` type($A) `,` type($B) `)` `->` type($C)";
  let extraClassDefinition = [{
    ::llvm::LogicalResult $cppClass::inferReturnTypes(::mlir::MLIRContext *ctx,
        std::optional<::mlir::Location> loc, Adaptor adaptor,
        ::llvm::SmallVectorImpl<::mlir::Type> &types) {
      return inferBroadcast(loc, adaptor.getOperands(), ::mlir::IntegerType::get(ctx, 1),
                            types);
    }
  }];
}

// Ops of any number of inputs, broadcast together (Max, Min, Sum, Mean).
class ONNX_VariadicOp<string mnemonic, string summaryText> : ONNX_Op<mnemonic> {
  let summary = summaryText;
  let arguments = (ins Variadic<ONNX_Tensor>:$data_0);
  let results = (outs ONNX_Tensor:$result);
  let assemblyFormat = "$data_0 attr-dict `:` `(` type($data_0) `)` `->` type($result)";
  let extraClassDefinition = [{
    ::llvm::LogicalResult $cppClass::inferReturnTypes(::mlir::MLIRContext *,
        std::optional<::mlir::Location> loc, Adaptor adaptor,
        ::llvm::SmallVectorImpl<::mlir::Type> &types) {
      return inferBroadcast(loc, adaptor.getOperands(), {}, types);
    }
  }];
}

// Reductions over axes (opset 18 form: axes is an optional constant input).
class ONNX_ReduceOp<string mnemonic, string summaryText> : ONNX_Op<mnemonic> {
  let summary = summaryText;
  let arguments = (ins ONNX_Tensor:$data, Optional<ONNX_I64Tensor>:$axes,
      DefaultValuedAttr<I64Attr, "1">:$keepdims,
      DefaultValuedAttr<I64Attr, "0">:$noop_with_empty_axes);
  let results = (outs ONNX_Tensor:$reduced);
  let assemblyFormat = [{
    $data (`axes` $axes^ `:` type($axes))? attr-dict `:` type($data) `->` type($reduced)
  }];
  let extraClassDefinition = [{
    ::llvm::LogicalResult $cppClass::inferReturnTypes(::mlir::MLIRContext *,
        std::optional<::mlir::Location> loc, Adaptor adaptor,
        ::llvm::SmallVectorImpl<::mlir::Type> &types) {
      return inferReduce(loc, adaptor.getData(), adaptor.getAxes(), adaptor.getKeepdims(),
                         adaptor.getNoopWithEmptyAxes(), types);
    }
  }];
}

#endif // MOTE_ONNX_BASE_TD

