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
def ONNX_F32Tensor : RankedTensorOf<[F32]>;
def ONNX_I64Tensor : RankedTensorOf<[I64]>;

class ONNX_Op<string mnemonic, list<Trait> traits = []>
    : Op<ONNX_Dialect, mnemonic,
         !listconcat(traits, [Pure, InferTypeOpAdaptor])>;

// Elementwise ops of one input whose result has the input's type.
class ONNX_UnaryOp<string mnemonic, string summaryText, dag extraAttrs = (ins)>
    : ONNX_Op<mnemonic> {
  let summary = summaryText;
  let arguments = !con((ins ONNX_F32Tensor:$X), extraAttrs);
  let results = (outs ONNX_F32Tensor:$Y);
  let assemblyFormat = "$X attr-dict `:` type($X) `->` type($Y)";
}

// Elementwise ops of two inputs with numpy broadcasting.
class ONNX_BinaryOp<string mnemonic, string summaryText> : ONNX_Op<mnemonic> {
  let summary = summaryText;
  let arguments = (ins ONNX_F32Tensor:$A, ONNX_F32Tensor:$B);
  let results = (outs ONNX_F32Tensor:$C);
  let assemblyFormat =
      "$A `,` $B attr-dict `:` `(` type($A) `,` type($B) `)` `->` type($C)";
}

#endif // MOTE_ONNX_BASE_TD
