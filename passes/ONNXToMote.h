//===- ONNXToMote.h - shared pieces of the onnx-to-mote lowering -*- C++ -*-===//
//
// convert-onnx-to-mote is one pass whose patterns live in one file per op
// family (ConvertONNXToMote.cpp: convolutions, matrix products, pools and the
// float32 activations; LowerElementwise.cpp; LowerDataMovement.cpp;
// LowerIndexing.cpp). This header holds what they share.
//
//===----------------------------------------------------------------------===//
#ifndef MOTE_PASSES_ONNXTOMOTE_H
#define MOTE_PASSES_ONNXTOMOTE_H

#include "dialects/Mote/MoteDialect.h"
#include "dialects/ONNX/ONNXDialect.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"
#include "llvm/ADT/DenseSet.h"

namespace mote::lowering {
using namespace mlir;

RankedTensorType tensorType(Value v);
Value emptyLike(OpBuilder &b, Location loc, RankedTensorType type);
/// A copy-free reshape of a row-major tensor (a view after bufferization).
Value reshapeTo(OpBuilder &b, Location loc, Value value, RankedTensorType target);
Value reshapeTo(OpBuilder &b, Location loc, Value value, ArrayRef<int64_t> shape);

/// The elementwise-function kernel: any element types, `out` of `type`.
Value createUnary(OpBuilder &b, Location loc, Value input, RankedTensorType type,
                  UnaryKind kind, double p0 = 0, double p1 = 0);
Value createBinary(OpBuilder &b, Location loc, Value lhs, Value rhs,
                   RankedTensorType type, BinaryKind kind);
/// A copy whose every output index reads input[offset + sum i_k * strides_k].
Value createStridedCopy(OpBuilder &b, Location loc, Value input, RankedTensorType type,
                        int64_t offset, ArrayRef<int64_t> strides);

/// Patterns report an unsupported case once, at the node, and fail.
struct LoweringDiagnostics {
  llvm::DenseSet<Operation *> reported;
  LogicalResult unsupported(Operation *op, const Twine &message) {
    if (reported.insert(op).second)
      op->emitError(message);
    return failure();
  }
};

template <typename OpTy>
struct LoweringPattern : public OpConversionPattern<OpTy> {
  LoweringPattern(MLIRContext *ctx, LoweringDiagnostics &diags)
      : OpConversionPattern<OpTy>(ctx), diags(diags) {}
  LoweringDiagnostics &diags;
};

/// Adds Pattern<Op> for every op of the list.
template <template <typename> class Pattern, typename... Ops>
void addLowerings(RewritePatternSet &patterns, LoweringDiagnostics &diags) {
  (patterns.add<Pattern<Ops>>(patterns.getContext(), diags), ...);
}

/// Any-dtype elementwise functions, casts, comparisons, Where, reductions.
void populateElementwiseLowerings(RewritePatternSet &patterns, LoweringDiagnostics &diags);
/// Expand, Slice, Tile, Gather.
void populateDataMovementLowerings(RewritePatternSet &patterns, LoweringDiagnostics &diags);
/// Softmax, LogSoftmax, Hardmax and the normalizations (LowerNormalization.cpp).
void populateNormalizationLowerings(RewritePatternSet &patterns, LoweringDiagnostics &diags);
/// Split, GatherElements, ScatterElements, GatherND, ScatterND, Trilu,
/// CumSum, CumProd, TopK, OneHot, DepthToSpace, SpaceToDepth, Compress,
/// EyeLike, ReverseSequence and Pad of every mode and type (LowerIndexing.cpp).
void populateIndexingLowerings(RewritePatternSet &patterns, LoweringDiagnostics &diags);

//===----------------------------------------------------------------------===//
// ops-attn: Attention (LowerAttention.cpp), Resize (LowerResize.cpp)
//===----------------------------------------------------------------------===//
void populateAttentionLowerings(RewritePatternSet &patterns, LoweringDiagnostics &diags);
void populateResizeLowerings(RewritePatternSet &patterns, LoweringDiagnostics &diags);

} // namespace mote::lowering

#endif // MOTE_PASSES_ONNXTOMOTE_H
