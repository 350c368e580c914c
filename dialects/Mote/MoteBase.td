//===- MoteBase.td - the mote kernel dialect ---------------*- tablegen -*-===//
#ifndef MOTE_MOTE_BASE_TD
#define MOTE_MOTE_BASE_TD

include "mlir/IR/OpBase.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"
include "mlir/Interfaces/DestinationStyleOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

def Mote_Dialect : Dialect {
  let name = "mote";
  let cppNamespace = "::mote";
  let summary = "Mote's kernel level: fused, layout-aware ops";
  let description = [{
    Every `mote` op is one kernel invocation: a convolution with its bias and
    activation, a broadcast binary op with its activation, a pooling window...
    The ops are in destination-passing style, like linalg: the last operand is
    the destination. On tensors an op returns one result of the destination's
    type; after bufferization the same op takes memrefs and returns nothing.
    One definition thus serves graph rewriting and memory planning alike.

    Quantization parameters ride on element types (`!quant.uniform`, per
    tensor or per channel), so that integer kernels need no new ops; weight
    sparsity is the optional `#mote.sparsity` attribute on conv and gemm.
  }];
  let useDefaultAttributePrinterParser = 1;
}

def Mote_ActivationKind : I32EnumAttr<"ActivationKind",
    "activation fused into a kernel (the value is the kernel ABI code)", [
  I32EnumAttrCase<"none", 0>, I32EnumAttrCase<"relu", 1>,
  I32EnumAttrCase<"leaky_relu", 2>, I32EnumAttrCase<"clip", 3>,
  I32EnumAttrCase<"sigmoid", 4>, I32EnumAttrCase<"tanh", 5>,
  I32EnumAttrCase<"hard_sigmoid", 6>, I32EnumAttrCase<"hard_swish", 7>,
  I32EnumAttrCase<"sqrt", 8>]> {
  let cppNamespace = "::mote";
  let genSpecializedAttr = 0;
}
def Mote_ActivationKindAttr : EnumAttr<Mote_Dialect, Mote_ActivationKind, "act">;

def Mote_BinaryKind : I32EnumAttr<"BinaryKind", "broadcast binary op", [
  I32EnumAttrCase<"add", 0>, I32EnumAttrCase<"sub", 1>,
  I32EnumAttrCase<"mul", 2>, I32EnumAttrCase<"div", 3>,
  I32EnumAttrCase<"max", 4>, I32EnumAttrCase<"min", 5>,
  I32EnumAttrCase<"pow", 6>, I32EnumAttrCase<"mod", 7>, I32EnumAttrCase<"fmod", 8>,
  I32EnumAttrCase<"logical_and", 9>, I32EnumAttrCase<"logical_or", 10>,
  I32EnumAttrCase<"logical_xor", 11>, I32EnumAttrCase<"bitwise_and", 12>,
  I32EnumAttrCase<"bitwise_or", 13>, I32EnumAttrCase<"bitwise_xor", 14>,
  I32EnumAttrCase<"shift_left", 15>, I32EnumAttrCase<"shift_right", 16>,
  I32EnumAttrCase<"equal", 17>, I32EnumAttrCase<"less", 18>,
  I32EnumAttrCase<"less_equal", 19>, I32EnumAttrCase<"greater", 20>,
  I32EnumAttrCase<"greater_equal", 21>, I32EnumAttrCase<"prelu", 22>]> {
  let cppNamespace = "::mote";
  let genSpecializedAttr = 0;
}
def Mote_BinaryKindAttr : EnumAttr<Mote_Dialect, Mote_BinaryKind, "binary">;

def Mote_UnaryKind : I32EnumAttr<"UnaryKind",
    "elementwise function of any element type (the value is the kernel ABI code)", [
  I32EnumAttrCase<"abs", 0>,
  I32EnumAttrCase<"neg", 1>,
  I32EnumAttrCase<"exp", 2>,
  I32EnumAttrCase<"log", 3>,
  I32EnumAttrCase<"sqrt", 4>,
  I32EnumAttrCase<"reciprocal", 5>,
  I32EnumAttrCase<"floor", 6>,
  I32EnumAttrCase<"ceil", 7>,
  I32EnumAttrCase<"round", 8>,
  I32EnumAttrCase<"sin", 9>,
  I32EnumAttrCase<"cos", 10>,
  I32EnumAttrCase<"tan", 11>,
  I32EnumAttrCase<"asin", 12>,
  I32EnumAttrCase<"acos", 13>,
  I32EnumAttrCase<"atan", 14>,
  I32EnumAttrCase<"sinh", 15>,
  I32EnumAttrCase<"cosh", 16>,
  I32EnumAttrCase<"asinh", 17>,
  I32EnumAttrCase<"acosh", 18>,
  I32EnumAttrCase<"atanh", 19>,
  I32EnumAttrCase<"erf", 20>,
  I32EnumAttrCase<"sign", 21>,
  I32EnumAttrCase<"logical_not", 22>,
  I32EnumAttrCase<"bitwise_not", 23>,
  I32EnumAttrCase<"isnan", 24>,
  I32EnumAttrCase<"isinf", 25>,
  I32EnumAttrCase<"relu", 26>,
  I32EnumAttrCase<"sigmoid", 27>,
  I32EnumAttrCase<"tanh", 28>,
  I32EnumAttrCase<"softplus", 29>,
  I32EnumAttrCase<"softsign", 30>,
  I32EnumAttrCase<"elu", 31>,
  I32EnumAttrCase<"selu", 32>,
  I32EnumAttrCase<"celu", 33>,
  I32EnumAttrCase<"thresholded_relu", 34>,
  I32EnumAttrCase<"hard_sigmoid", 35>,
  I32EnumAttrCase<"hard_swish", 36>,
  I32EnumAttrCase<"leaky_relu", 37>,
  I32EnumAttrCase<"gelu", 38>,
  I32EnumAttrCase<"gelu_tanh", 39>,
  I32EnumAttrCase<"mish", 40>,
  I32EnumAttrCase<"shrink", 41>,
  I32EnumAttrCase<"cast", 42>,
  I32EnumAttrCase<"clip", 43>]> {
  let cppNamespace = "::mote";
  let genSpecializedAttr = 0;
}
def Mote_UnaryKindAttr : EnumAttr<Mote_Dialect, Mote_UnaryKind, "unary">;

def Mote_PoolKind : I32EnumAttr<"PoolKind", "pooling window reduction", [
  I32EnumAttrCase<"max", 0>, I32EnumAttrCase<"avg", 1>]> {
  let cppNamespace = "::mote";
  let genSpecializedAttr = 0;
}
def Mote_PoolKindAttr : EnumAttr<Mote_Dialect, Mote_PoolKind, "pool">;

def Mote_ReduceKind : I32EnumAttr<"ReduceKind", "reduction", [
  I32EnumAttrCase<"mean", 0>, I32EnumAttrCase<"sum", 1>, I32EnumAttrCase<"max", 2>,
  I32EnumAttrCase<"min", 3>, I32EnumAttrCase<"prod", 4>, I32EnumAttrCase<"l1", 5>,
  I32EnumAttrCase<"l2", 6>, I32EnumAttrCase<"log_sum", 7>,
  I32EnumAttrCase<"log_sum_exp", 8>, I32EnumAttrCase<"sum_square", 9>]> {
  let cppNamespace = "::mote";
  let genSpecializedAttr = 0;
}
def Mote_ReduceKindAttr : EnumAttr<Mote_Dialect, Mote_ReduceKind, "reduce">;

def Mote_SparsityKind : I32EnumAttr<"SparsityKind", "weight sparsity pattern", [
  I32EnumAttrCase<"dense", 0>, I32EnumAttrCase<"n_of_m", 1>,
  I32EnumAttrCase<"block", 2>]> {
  let cppNamespace = "::mote";
  let genSpecializedAttr = 0;
}

def Mote_SparsityAttr : AttrDef<Mote_Dialect, "Sparsity"> {
  let mnemonic = "sparsity";
  let summary = "the structure of a weight's zeros";
  let description = [{
    `#mote.sparsity<n_of_m, 2, 4>`: at most 2 non-zeros in every 4 consecutive
    input channels; `#mote.sparsity<block, 4, 1>`: zeros come in 4x1 blocks.
    Pruning-aware passes set it; kernel selection reads it.
  }];
  let parameters = (ins EnumParameter<Mote_SparsityKind>:$kind,
                        "int64_t":$n, "int64_t":$m);
  let assemblyFormat = "`<` $kind `,` $n `,` $m `>`";
}

/// The fused activation of a kernel, with its two parameters
/// (alpha/min and beta/max, see runtime-stub/KERNELS.md).
defvar Mote_ActivationArgs = (ins
    DefaultValuedAttr<Mote_ActivationKindAttr, "::mote::ActivationKind::none">:$act,
    DefaultValuedAttr<F32Attr, "0.0f">:$act_alpha,
    DefaultValuedAttr<F32Attr, "0.0f">:$act_beta);

/// A kernel op in destination-passing style: operands, then `$out`.
class Mote_KernelOp<string mnemonic, list<Trait> traits = []>
    : Op<Mote_Dialect, mnemonic, !listconcat(traits, [
          DestinationStyleOpInterface, MemoryEffectsOpInterface])> {
  let results = (outs Variadic<AnyRankedTensor>:$output);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
  code kernelClassDeclaration = [{
    ::mlir::MutableOperandRange getDpsInitsMutable() { return getOutMutable(); }
    void getEffects(::llvm::SmallVectorImpl<::mlir::SideEffects::EffectInstance<
                        ::mlir::MemoryEffects::Effect>> &effects) {
      ::mote::getKernelEffects(getOperation(), effects);
    }
    /// The type of the value this op defines or writes.
    ::mlir::ShapedType getOutType() {
      return ::llvm::cast<::mlir::ShapedType>(getOut().getType());
    }
  }];
  let extraClassDeclaration = kernelClassDeclaration;
}

#endif // MOTE_MOTE_BASE_TD
