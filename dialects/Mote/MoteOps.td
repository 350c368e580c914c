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

def Mote_SoftmaxOp : Mote_KernelOp<"softmax"> {
  let summary = "softmax along one (non-negative) axis";
  let arguments = (ins AnyShaped:$input, AnyShaped:$out, I64Attr:$axis);
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

#endif // MOTE_MOTE_OPS_TD
