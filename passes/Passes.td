//===- Passes.td - every Mote pass -------------------------*- tablegen -*-===//
#ifndef MOTE_PASSES_TD
#define MOTE_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertONNXToMote : Pass<"convert-onnx-to-mote", "mlir::func::FuncOp"> {
  let summary = "Lower onnx ops to mote kernels, arith constants and tensor reshapes";
  let description = [{
    Decomposes what has no kernel of its own: BatchNormalization becomes a
    per-channel multiply and add (folded into the convolution later), 1-d
    convolutions and pools become 2-d ones over a height of 1, Reshape, Flatten,
    Squeeze and Unsqueeze become `tensor.collapse_shape`/`expand_shape` views,
    GlobalAveragePool a mean reduction. Windows get explicit pads. An op or
    attribute the kernels cannot run is an error naming the node.
  }];
  let dependentDialects = ["mote::MoteDialect", "mlir::arith::ArithDialect",
                           "mlir::tensor::TensorDialect"];
}

def MoteFoldConstants : Pass<"mote-fold-constants", "mlir::func::FuncOp"> {
  let summary = "Evaluate kernels and reshapes whose operands are all constants";
  let description = [{
    Shape plumbing and weight preprocessing that exporters leave in the graph
    (a transposed weight, a reshaped bias, arithmetic on constants) is computed
    at compile time so that only the result is stored in flash.
  }];
  let dependentDialects = ["mlir::arith::ArithDialect"];
  let statistics = [Statistic<"numFolded", "folded", "Number of ops folded">];
}

def MoteFoldScaleShift : Pass<"mote-fold-scale-shift", "mlir::func::FuncOp"> {
  let summary = "Fold per-channel constant multiplies and adds into conv weights";
  let description = [{
    `conv -> mul by c[M,1,1] -> add d[M,1,1]` (what BatchNormalization becomes)
    is rewritten into one convolution with scaled weights and a shifted bias;
    sub and div by per-channel constants fold the same way. Only a convolution
    whose result has no other user and no fused activation is rewritten.
  }];
  let dependentDialects = ["mlir::arith::ArithDialect"];
  let statistics = [Statistic<"numFolded", "folded", "Number of multiplies and adds folded">];
}

def MoteFuseActivations : Pass<"mote-fuse-activations", "mlir::func::FuncOp"> {
  let summary = "Fuse standalone activations into the kernel that produces their input";
  let description = [{
    An activation whose input comes from a conv2d, gemm or binary op without
    an activation of its own, and has no other user, is applied by that
    kernel as it writes its result.
  }];
  let statistics = [Statistic<"numFused", "fused", "Number of activations fused">];
}

def MoteForwardOutputs : Pass<"mote-forward-outputs", "mlir::func::FuncOp"> {
  let summary = "Let kernels write graph outputs straight into the caller's buffers";
  let description = [{
    Bufferization returns results through out-parameters by copying a buffer
    into them at the end. When that buffer is a plain allocation read by
    nothing after the copy, and the out-parameter is used by nothing else, the
    allocation is replaced by the out-parameter and the copy disappears: one
    copy less per output, and the output no longer occupies the arena.
  }];
  let statistics = [Statistic<"numForwarded", "forwarded", "Number of copies removed">];
}

def MoteInPlaceElementwise : Pass<"mote-in-place-elementwise", "mlir::func::FuncOp"> {
  let summary = "Let binary ops and activations write over an input that dies there";
  let description = [{
    A binary op or activation whose destination is a fresh `tensor.empty`
    takes as destination instead an input of the same type that nothing else
    reads: a computed tensor (not a graph input, which is the caller's, nor a
    constant). Bufferization then runs it in place, and the arena holds one
    buffer fewer at that step (the residual Add of a ResNet block writes over
    the convolution's result).
  }];
  let statistics = [Statistic<"numInPlace", "in-place", "Number of kernels made in place">];
}

def MoteConcatInPlace : Pass<"mote-concat-in-place", "mlir::func::FuncOp"> {
  let summary = "Let the producers of a concat write straight into their slice of its result";
  let description = [{
    A buffer-level `mote.concat` whose slices are contiguous (every dim
    before the axis is 1), whose result buffer is a fresh allocation or a
    caller's output, and each of whose inputs has an allocation of its own
    used only before the concat, disappears: every input allocation becomes a
    `memref.reinterpret_cast` of the result at the input's offset, so the
    kernels that produce the inputs write into the result directly. No copy,
    and the inputs no longer occupy the arena beside the result.
  }];
  let statistics = [Statistic<"numInPlace", "removed", "Number of concats removed">];
}

def MoteInPlaceConv : Pass<"mote-in-place-conv", "mlir::func::FuncOp"> {
  let summary = "Let depthwise and pointwise convolutions write over their input where that lowers the arena";
  let description = [{
    A buffer-level `mote.conv2d` whose input buffer dies at it and whose
    output buffer is born there becomes `mote.conv2d_in_place` when its kernel
    can overwrite its input (depthwise with output planes no larger than the
    input's, or 1x1 stride 1 unpadded; batch 1), with a scratch allocation
    (one output plane, or a block of input pixels). Its two allocations stay
    separate; mote-plan-memory places them at one offset.

    This is done only where it pays. Convolutions are visited in program
    order, and one is kept if the live bytes of every step, sorted from the
    largest, become lexicographically smaller (so that chains can form: a
    depthwise convolution in place lets the pointwise expansion after it
    share its buffer); then, last first, every one the peak does not need is
    dropped again.
  }];
  let statistics = [Statistic<"numInPlace", "in-place", "Number of convolutions made in place">];
}

def MoteScheduleForMemory : Pass<"mote-schedule-for-memory", "mlir::func::FuncOp"> {
  let summary = "Reorder kernels so that fewer bytes of tensors are live at once";
  let description = [{
    On a graph with branches the file's order may start a branch while
    another still holds a large tensor; another topological order can hold
    much less. Each kernel whose destination is a `tensor.empty` creates a
    buffer of its result's bytes; a kernel writing into a computed tensor,
    and a `tensor.collapse_shape`/`expand_shape`, reuse their operand's
    buffer. A buffer is freed once every user of every value in it has run;
    returned values stay live to the end. The peak is the most bytes live
    while one op runs (its inputs and its result).

    A search over the sets of ops already run (the bytes live after a set do
    not depend on the order that ran it) finds the order of lowest peak,
    keeping at most `max-states` sets of each size; if it never had to drop
    one, the order is optimal. Ops without operands (constants, empties)
    move to the top, in their order, and every kernel gets a `tensor.empty`
    of its own: sharing one (as CSE leaves them), bufferization would put
    tensors that the model counts apart into one long-lived buffer. The
    function is only rewritten when the peak strictly drops, and left alone
    when it holds an op with regions or memory effects.
  }];
  let options = [Option<"maxStates", "max-states", "int64_t", "4096",
                        "States kept per search layer (sets of ops of one size)">,
                 Option<"remarks", "remarks", "bool", "false",
                        "Report each function's peak before and after as a "
                        "remark (statistics are compiled out of release builds)">];
  let statistics = [Statistic<"numReordered", "reordered", "Number of functions reordered">,
                    Statistic<"numProvedOptimal", "proved-optimal",
                              "Number of functions whose order is proved optimal">,
                    Statistic<"peakBytesBefore", "peak-bytes-before",
                              "Peak live bytes in the file's order">,
                    Statistic<"peakBytesAfter", "peak-bytes-after",
                              "Peak live bytes in the chosen order">];
}

def MotePlanMemory : Pass<"mote-plan-memory", "mlir::func::FuncOp"> {
  let summary = "Place every intermediate buffer at an offset of one static arena";
  let description = [{
    Computes each `memref.alloc`'s live range in program order (views such as
    collapse/expand_shape extend the range of the buffer they alias), packs the
    buffers greedily by decreasing size at the lowest offset that overlaps no
    simultaneously live buffer, and replaces them with `mote.arena_slice`.
    The arena size and alignment are recorded as `mote.arena_bytes` and
    `mote.arena_alignment` on the function.
  }];
  let options = [Option<"alignment", "alignment", "int64_t", "16",
                        "Byte alignment of every buffer in the arena">,
                 Option<"ramBudget", "ram-budget", "int64_t", "0",
                        "Fail, naming the op where live memory peaks, when the "
                        "arena needs more bytes than this (0: no budget)">];
  let dependentDialects = ["mote::MoteDialect"];
  let statistics = [Statistic<"numBuffers", "buffers", "Number of buffers planned">,
                    Statistic<"arenaBytes", "arena-bytes", "Size of the arena in bytes">];
}

def ConvertMoteToEmitC : Pass<"convert-mote-to-emitc", "mlir::ModuleOp"> {
  let summary = "Lower buffer-level kernels, globals and the arena to EmitC";
  let description = [{
    Buffers become plain pointers: kernels become calls into the kernel
    library (runtime-stub/KERNELS.md), constant globals become aligned
    `static const` arrays, arena slices become pointers into the arena, views
    become the pointer they alias and copies become memcpy. The graph function
    becomes `static void <name>_graph(...)`; the C++ writer adds the extern "C"
    entry points around it.
  }];
  let options = [Option<"modelName", "model-name", "std::string", "\"model\"",
                        "Prefix of every emitted C symbol">,
                 Option<"externalArena", "external-arena", "bool", "false",
                        "Take the arena as a last parameter of the graph "
                        "function instead of a static array">];
  let dependentDialects = ["mlir::emitc::EmitCDialect"];
}

#endif // MOTE_PASSES_TD
