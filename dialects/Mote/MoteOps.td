//===- MoteOps.td - mote kernel ops ------------------------*- tablegen -*-===//
#ifndef MOTE_MOTE_OPS_TD
#define MOTE_MOTE_OPS_TD

include "dialects/Mote/MoteBase.td"

def Mote_Conv2DOp : Mote_KernelOp<"conv2d"> {
  let summary = "2-d convolution, NCHW, with bias and fused activation";
  let description = [{
    `pads` is [top, left, bottom, right]. The filter is [M, C/group, KH, KW].
  }];
  let arguments = !con((ins AnyShaped:$input, AnyShaped:$filter,
      Optional<AnyShaped>:$bias, AnyShaped:$out,
      DenseI64ArrayAttr:$strides, DenseI64ArrayAttr:$pads,
      DenseI64ArrayAttr:$dilations, I64Attr:$group,
      OptionalAttr<Mote_SparsityAttr>:$weight_sparsity), Mote_ActivationArgs);
}

def Mote_Conv2DInPlaceOp : Mote_KernelOp<"conv2d_in_place"> {
  let summary = "a convolution whose result overwrites its input (buffers only)";
  let description = [{
    Made by `mote-in-place-conv`: `input` and `out` are views of one buffer
    that start at the same address, and the kernel writes the result over the
    input in an order that never overwrites an element it still has to read,
    keeping what it needs in `scratch`. Two kinds of convolution can do that in
    NCHW with a batch of 1:

    - depthwise (`group` = input channels = output channels) whose output plane
      is no larger than its input plane: channel c is computed into `scratch`
      (one output plane), then copied over planes that are already consumed;
    - pointwise (1x1, stride 1, no padding, `group` = 1): pixels are processed
      in blocks of B; a block's input (all channels) is copied into `scratch`
      ([C, B] values, so B = scratch size / C), then its outputs are written
      over it.

    The arena then holds one buffer of max(input, output) bytes plus the
    scratch instead of input + output (the MCUNet in-place depthwise idea,
    extended to pointwise expansion).
  }];
  let arguments = !con((ins AnyMemRef:$input, AnyMemRef:$filter,
      Optional<AnyMemRef>:$bias, AnyMemRef:$scratch, AnyMemRef:$out,
      DenseI64ArrayAttr:$strides, DenseI64ArrayAttr:$pads,
      DenseI64ArrayAttr:$dilations, I64Attr:$group), Mote_ActivationArgs);
  let extraClassDeclaration = [{
    ::mlir::MutableOperandRange getDpsInitsMutable() { return getOutMutable(); }
    /// Reads input, filter and bias; writes out; reads and writes scratch.
    void getEffects(::llvm::SmallVectorImpl<::mlir::SideEffects::EffectInstance<
                        ::mlir::MemoryEffects::Effect>> &effects);
    ::mlir::ShapedType getOutType() {
      return ::llvm::cast<::mlir::ShapedType>(getOut().getType());
    }
    /// True for the depthwise form, false for the pointwise one.
    bool isDepthwise();
    /// Pixels per block of the pointwise form.
    int64_t getPixelBlock();
  }];
}

def Mote_GemmOp : Mote_KernelOp<"gemm"> {
  let summary = "act(alpha * op(A) op(B) + beta * C) on 2-d operands";
  let arguments = !con((ins AnyShaped:$a, AnyShaped:$b, Optional<AnyShaped>:$c,
      AnyShaped:$out, BoolAttr:$trans_a, BoolAttr:$trans_b,
      F32Attr:$alpha, F32Attr:$beta,
      OptionalAttr<Mote_SparsityAttr>:$weight_sparsity), Mote_ActivationArgs);
}

def Mote_MatMulOp : Mote_KernelOp<"matmul"> {
  let summary = "batched matrix product with broadcast batch dims (rank >= 2)";
  let arguments = (ins AnyShaped:$a, AnyShaped:$b, AnyShaped:$out);
}

def Mote_BinaryOp : Mote_KernelOp<"binary"> {
  let summary = "broadcast elementwise arithmetic, comparison or logic with fused activation";
  let description = [{
    `lhs` and `rhs` have one element type (except pow, whose exponent may
    differ); comparisons and logic write bool (i1). The activation applies to
    float32 arithmetic only.
  }];
  let arguments = !con((ins AnyShaped:$lhs, AnyShaped:$rhs, AnyShaped:$out,
      Mote_BinaryKindAttr:$kind), Mote_ActivationArgs);
  let extraClassDeclaration = kernelClassDeclaration # [{
    /// Float32 add/sub/mul/div/max/min: the tiled kernel that can apply an
    /// activation and that constant folding understands.
    bool isFloatArithmetic() {
      return ::mlir::getElementTypeOrSelf(getOut().getType()).isF32() &&
             ::mlir::getElementTypeOrSelf(getLhs().getType()).isF32() &&
             ::mlir::getElementTypeOrSelf(getRhs().getType()).isF32() &&
             static_cast<int>(getKind()) <= static_cast<int>(::mote::BinaryKind::min);
    }
  }];
}

def Mote_ActivationOp : Mote_KernelOp<"activation"> {
  let summary = "an activation on its own (one that found no kernel to fuse into)";
  let arguments = !con((ins AnyShaped:$input, AnyShaped:$out), Mote_ActivationArgs);
}

def Mote_UnaryOp : Mote_KernelOp<"unary"> {
  let summary = "an elementwise function of any element type, with conversion";
  let description = [{
    `out` may have another element type than `input`: cast is the identity
    function with a conversion; isnan/isinf write bool. `p0` and `p1` are the
    function's parameters (alpha, beta, bounds; runtime-stub/KERNELS.md).
  }];
  let arguments = (ins AnyShaped:$input, AnyShaped:$out, Mote_UnaryKindAttr:$kind,
      DefaultValuedAttr<F64Attr, "0.0">:$p0, DefaultValuedAttr<F64Attr, "0.0">:$p1);
}

def Mote_WhereOp : Mote_KernelOp<"where"> {
  let summary = "condition ? a : b with broadcasting";
  let arguments = (ins AnyShaped:$condition, AnyShaped:$a, AnyShaped:$b, AnyShaped:$out);
}

def Mote_StridedCopyOp : Mote_KernelOp<"strided_copy"> {
  let summary = "out[i] = input[offset + sum_k i_k * strides[k]]";
  let description = [{
    One kernel for every index map that is strided: Slice (with steps, also
    negative), Expand (stride 0), Tile (through a reshaped input) and
    DepthToSpace. Offset and strides count elements of the dense input.
  }];
  let arguments = (ins AnyShaped:$input, AnyShaped:$out, I64Attr:$offset,
      DenseI64ArrayAttr:$strides);
}

def Mote_GatherOp : Mote_KernelOp<"gather"> {
  let summary = "entries of data along an axis at run-time indices";
  let arguments = (ins AnyShaped:$data, AnyShaped:$indices, AnyShaped:$out, I64Attr:$axis);
}

def Mote_ArgReduceOp : Mote_KernelOp<"arg_reduce"> {
  let summary = "int64 index of the maximum or minimum along an axis (kept as 1)";
  let arguments = (ins AnyShaped:$input, AnyShaped:$out, I64Attr:$axis,
      BoolAttr:$is_max, BoolAttr:$select_last);
}

def Mote_PoolOp : Mote_KernelOp<"pool"> {
  let summary = "2-d or 3-d max or average pooling, NCHW or NCDHW";
  let description = [{
    `kernel`, `strides` and `dilations` have one entry per spatial dim; `pads`
    holds the begin pads, then the end pads. Ceil mode is already folded into
    the destination's shape.
  }];
  let arguments = (ins AnyShaped:$input, AnyShaped:$out, Mote_PoolKindAttr:$kind,
      DenseI64ArrayAttr:$kernel, DenseI64ArrayAttr:$strides,
      DenseI64ArrayAttr:$pads, DenseI64ArrayAttr:$dilations,
      BoolAttr:$count_include_pad);
}

def Mote_SoftmaxKind : I32EnumAttr<"SoftmaxKind",
    "what mote.softmax computes along its axis (the value is the kernel ABI code)", [
  I32EnumAttrCase<"softmax", 0>, I32EnumAttrCase<"log_softmax", 1>,
  I32EnumAttrCase<"hardmax", 2>]> {
  let cppNamespace = "::mote";
  let genSpecializedAttr = 0;
}
def Mote_SoftmaxKindAttr : EnumAttr<Mote_Dialect, Mote_SoftmaxKind, "softmax_kind">;

def Mote_SoftmaxOp : Mote_KernelOp<"softmax"> {
  let summary = "softmax, log-softmax or hardmax along one (non-negative) axis";
  let description = [{
    Any float element type (16-bit floats compute in float32). Hardmax writes
    1 at the first maximum along the axis and 0 elsewhere.
  }];
  let arguments = (ins AnyShaped:$input, AnyShaped:$out, I64Attr:$axis,
      DefaultValuedAttr<Mote_SoftmaxKindAttr, "::mote::SoftmaxKind::softmax">:$kind);
}

def Mote_TransposeOp : Mote_KernelOp<"transpose"> {
  let summary = "permute dims: out dim i is input dim perm[i]";
  let arguments = (ins AnyShaped:$input, AnyShaped:$out, DenseI64ArrayAttr:$perm);
}

def Mote_ConcatOp : Mote_KernelOp<"concat"> {
  let summary = "concatenate along an axis";
  let arguments = (ins Variadic<AnyShaped>:$inputs, AnyShaped:$out, I64Attr:$axis);
}

def Mote_PadOp : Mote_KernelOp<"pad"> {
  let summary = "constant padding; negative pads crop";
  let description = [{ `pads` holds the begin pads of every dim, then the end pads. }];
  let arguments = (ins AnyShaped:$input, AnyShaped:$out,
      DenseI64ArrayAttr:$pads, F32Attr:$value);
}

def Mote_ReduceOp : Mote_KernelOp<"reduce"> {
  let summary = "reduce over sorted axes; reduced dims may be kept as 1 or dropped";
  let arguments = (ins AnyShaped:$input, AnyShaped:$out, Mote_ReduceKindAttr:$kind,
      DenseI64ArrayAttr:$axes);
}

//===----------------------------------------------------------------------===//
// Resize (ops-attn)
//===----------------------------------------------------------------------===//

def Mote_ResizeOp : Mote_KernelOp<"resize"> {
  let summary = "separable resampling through per-axis tap tables";
  let description = [{
    Each output index o of axis k reads `taps[k]` input indices of that axis
    with weights: entry (o * taps[k] + t) of axis k's part of `indices` (i32)
    and `weights` (f32); the parts follow each other, axis by axis. An output
    element is the sum over every combination of taps of the product of their
    weights times the input there. An index of -1 makes the whole output
    element `extrapolation_value` (tf_crop_and_resize outside the input).
    Nearest, linear and cubic resizing with any coordinate transformation
    differ only in the tables, which the compiler computes.
  }];
  let arguments = (ins AnyShaped:$input, AnyShaped:$indices, AnyShaped:$weights,
      AnyShaped:$out, DenseI64ArrayAttr:$taps, F32Attr:$extrapolation_value);
}

//===----------------------------------------------------------------------===//
// Memory plan
//===----------------------------------------------------------------------===//

def Mote_ArenaSliceOp : Op<Mote_Dialect, "arena_slice", [Pure]> {
  let summary = "a buffer at a fixed byte offset of the model's static arena";
  let description = [{
    `mote-plan-memory` replaces every `memref.alloc` of the graph function with
    one of these; the arena's size is the `mote.arena_bytes` attribute of the
    function. Codegen turns the slice into a pointer into the arena.
    `live_range` is [first, last] in the function's top-level op order: the
    steps during which the buffer holds data (for reports). With
    `--arena=external` the arena is the graph function's last argument, a
    byte buffer, given as `base`.
  }];
  let arguments = (ins Optional<AnyMemRef>:$base, I64Attr:$offset,
                       OptionalAttr<DenseI64ArrayAttr>:$live_range);
  let results = (outs AnyStaticShapeMemRef:$result);
  let assemblyFormat =
      "($base^ `:` type($base) `,`)? $offset attr-dict `:` type($result)";
}

//===----------------------------------------------------------------------===//
// Normalizations (ops-norm)
//===----------------------------------------------------------------------===//

def Mote_NormalizeKind : I32EnumAttr<"NormalizeKind",
    "how mote.normalize scales each group (the value is the kernel ABI code)", [
  I32EnumAttrCase<"standardize", 0>, I32EnumAttrCase<"rms", 1>,
  I32EnumAttrCase<"mvn", 2>, I32EnumAttrCase<"l1", 3>, I32EnumAttrCase<"l2", 4>]> {
  let cppNamespace = "::mote";
  let genSpecializedAttr = 0;
}
def Mote_NormalizeKindAttr : EnumAttr<Mote_Dialect, Mote_NormalizeKind, "normalize">;

def Mote_NormalizeStat : I32EnumAttr<"NormalizeStat",
    "what mote.normalize writes (the value is the kernel ABI code)", [
  I32EnumAttrCase<"normalized", 0>, I32EnumAttrCase<"mean", 1>,
  I32EnumAttrCase<"inv_std_dev", 2>]> {
  let cppNamespace = "::mote";
  let genSpecializedAttr = 0;
}
def Mote_NormalizeStatAttr : EnumAttr<Mote_Dialect, Mote_NormalizeStat, "normalize_stat">;

def Mote_NormalizeOp : Mote_KernelOp<"normalize"> {
  let summary = "normalize groups of elements, then scale and shift";
  let description = [{
    A group is the set of elements that differ only in the dims listed in
    `axes` (sorted). Each is normalized by its statistics, by `kind`:

    - standardize: (x - mean) / sqrt(var + epsilon)  (Layer, Instance, Group)
    - rms:         x / sqrt(mean(x^2) + epsilon)     (RMSNormalization)
    - mvn:         (x - mean) / (sqrt(var) + epsilon) (MeanVarianceNormalization)
    - l1, l2:      x / sum|x|, x / sqrt(sum x^2); a zero norm leaves x (LpNormalization)

    then multiplied by `params[0]` (scale) and shifted by `params[1]` (bias)
    if given; each has the input's rank and broadcasts to it. With `stat` =
    mean or inv_std_dev the destination holds that statistic of each group
    instead (the input's shape with the axes set to 1; its element type may
    differ from the input's), as LayerNormalization's extra outputs.
  }];
  let arguments = (ins AnyShaped:$input, Variadic<AnyShaped>:$params, AnyShaped:$out,
      Mote_NormalizeKindAttr:$kind, DenseI64ArrayAttr:$axes, F64Attr:$epsilon,
      DefaultValuedAttr<Mote_NormalizeStatAttr, "::mote::NormalizeStat::normalized">:$stat);
}

def Mote_LRNOp : Mote_KernelOp<"lrn"> {
  let summary = "local response normalization across the channels of [N, C, ...]";
  let description = [{
    y = x / (bias + alpha / size * sum of x^2 over the channels
    [c - floor((size - 1) / 2), c + ceil((size - 1) / 2)])^beta.
  }];
  let arguments = (ins AnyShaped:$input, AnyShaped:$out, I64Attr:$size, F64Attr:$alpha,
      F64Attr:$beta, F64Attr:$bias);
}

//===----------------------------------------------------------------------===//
// Indexing and data movement of any element type (kernels/indexing.h)
//===----------------------------------------------------------------------===//
// Indices read from tensors are checked by the kernels at run time: an index
// outside its dim (after adding the dim to a negative one) reads zero or
// writes nothing, never outside a buffer.

def Mote_GatherElementsOp : Mote_KernelOp<"gather_elements"> {
  let summary = "out[i] = data[i with i[axis] = indices[i]]; out has the indices' shape";
  let arguments = (ins AnyShaped:$data, AnyShaped:$indices, AnyShaped:$out, I64Attr:$axis);
}

def Mote_ScatterElementsOp : Mote_KernelOp<"scatter_elements"> {
  let summary = "out = data, then out[i with i[axis] = indices[i]] op= updates[i]";
  let description = [{
    `reduction` is none (assign), add, mul, max or min; duplicate indices
    apply in order. `out` must not overlap `updates` or `indices`.
  }];
  let arguments = (ins AnyShaped:$data, AnyShaped:$indices, AnyShaped:$updates,
      AnyShaped:$out, I64Attr:$axis, StrAttr:$reduction);
}

def Mote_GatherNDOp : Mote_KernelOp<"gather_nd"> {
  let summary = "slices of data at the index tuples of the last dim of indices";
  let arguments = (ins AnyShaped:$data, AnyShaped:$indices, AnyShaped:$out,
      I64Attr:$batch_dims);
}

def Mote_ScatterNDOp : Mote_KernelOp<"scatter_nd"> {
  let summary = "out = data, then the slice at each index tuple op= its updates";
  let arguments = (ins AnyShaped:$data, AnyShaped:$indices, AnyShaped:$updates,
      AnyShaped:$out, StrAttr:$reduction);
}

def Mote_CumulativeOp : Mote_KernelOp<"cumulative"> {
  let summary = "running sum or product along an axis, exclusive and/or reversed";
  let arguments = (ins AnyShaped:$input, AnyShaped:$out, I64Attr:$axis,
      BoolAttr:$product, BoolAttr:$exclusive, BoolAttr:$reverse);
}

def Mote_TopKOp : Mote_KernelOp<"top_k"> {
  let summary = "int64 indices of the k largest (or smallest) entries along an axis";
  let description = [{
    Sorted best first; among equal values the lower index comes first. The
    values are a gather_elements of the input at these indices.
  }];
  let arguments = (ins AnyShaped:$input, AnyShaped:$out, I64Attr:$axis, BoolAttr:$largest);
}

def Mote_OneHotOp : Mote_KernelOp<"one_hot"> {
  let summary = "values[1] where the index along the inserted axis matches, else values[0]";
  let arguments = (ins AnyShaped:$indices, AnyShaped:$values, AnyShaped:$out,
      I64Attr:$axis);
}

def Mote_PadAnyOp : Mote_KernelOp<"pad_any"> {
  let summary = "padding of any element type: constant, reflect, edge or wrap";
  let description = [{
    `pads` holds the begin pads of every dim, then the end pads; negative
    pads crop. Reflect and wrap repeat as often as the pads need.
  }];
  let arguments = (ins AnyShaped:$input, AnyShaped:$out, DenseI64ArrayAttr:$pads,
      StrAttr:$mode, F64Attr:$value);
}

def Mote_ReverseSequenceOp : Mote_KernelOp<"reverse_sequence"> {
  let summary = "reverse the first lens[b] steps along time_axis of every batch entry";
  let arguments = (ins AnyShaped:$input, AnyShaped:$lens, AnyShaped:$out,
      I64Attr:$batch_axis, I64Attr:$time_axis);
}

#endif // MOTE_MOTE_OPS_TD
