//===- FoldScaleShift.cpp - fold per-channel affine ops into conv ---------===//
//
// BatchNormalization arrives here as `mul` by a per-channel scale and `add` of
// a per-channel shift. Folding both into the convolution's weights and bias
// removes two passes over the activation tensor and the constants themselves.
//
//===----------------------------------------------------------------------===//
#include "passes/Passes.h"

#include "dialects/Utils/ShapeHelpers.h"

#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mote {
#define GEN_PASS_DEF_MOTEFOLDSCALESHIFT
#include "passes/Passes.h.inc"
} // namespace mote

using namespace mlir;
using namespace mote;

namespace {

/// The per-output-channel values of a constant that broadcasts along the
/// channel dim (1) of a [N, M, H, W] result only: one value per channel.
std::optional<SmallVector<float>> perChannel(Value constant, int64_t channels,
                                             int64_t resultRank) {
  auto values = getConstantFloats(constant);
  if (!values)
    return std::nullopt;
  ArrayRef<int64_t> shape = cast<ShapedType>(constant.getType()).getShape();
  if ((int64_t)shape.size() > resultRank)
    return std::nullopt;
  // Right-align against the result; every dim but the channel dim must be 1.
  int64_t channelDim = 1 - (resultRank - (int64_t)shape.size());
  for (int64_t d = 0; d < (int64_t)shape.size(); ++d)
    if (d != channelDim && shape[d] != 1)
      return std::nullopt;
  if (values->size() == 1)
    return SmallVector<float>(channels, (*values)[0]);
  if ((int64_t)values->size() != channels)
    return std::nullopt;
  return values;
}

struct FoldIntoConv : OpRewritePattern<BinaryOp> {
  FoldIntoConv(MLIRContext *ctx, llvm::Statistic &folded)
      : OpRewritePattern(ctx), folded(folded) {}
  llvm::Statistic &folded;

  LogicalResult matchAndRewrite(BinaryOp op, PatternRewriter &rewriter) const override {
    auto conv = op.getLhs().getDefiningOp<Conv2DOp>();
    if (!conv || !op->getNumResults() || !conv->hasOneUse() ||
        conv.getAct() != ActivationKind::none || op.getAct() != ActivationKind::none ||
        op.getKind() == BinaryKind::max || op.getKind() == BinaryKind::min)
      return failure();
    auto filter = getConstantFloats(conv.getFilter());
    std::optional<SmallVector<float>> bias;
    if (conv.getBias() && !(bias = getConstantFloats(conv.getBias())))
      return failure();
    ShapedType filterType = cast<ShapedType>(conv.getFilter().getType());
    int64_t channels = filterType.getDimSize(0);
    auto factor = perChannel(op.getRhs(), channels, 4);
    if (!filter || !factor || op.getOutType() != conv.getOutType())
      return failure();
    if (!bias)
      bias = SmallVector<float>(channels, 0.0f);

    int64_t perFilter = filterType.getNumElements() / channels;
    switch (op.getKind()) {
    case BinaryKind::mul:
    case BinaryKind::div:
      for (int64_t m = 0; m < channels; ++m) {
        float f = op.getKind() == BinaryKind::mul ? (*factor)[m] : 1.0f / (*factor)[m];
        for (int64_t i = 0; i < perFilter; ++i)
          (*filter)[m * perFilter + i] *= f;
        (*bias)[m] *= f;
      }
      break;
    case BinaryKind::add:
    case BinaryKind::sub:
      for (int64_t m = 0; m < channels; ++m)
        (*bias)[m] += op.getKind() == BinaryKind::add ? (*factor)[m] : -(*factor)[m];
      break;
    default: // only scales and shifts fold into the filter and bias
      return failure();
    }
    Location loc = op.getLoc();
    auto biasType = RankedTensorType::get({channels}, rewriter.getF32Type());
    Value newFilter = arith::ConstantOp::create(
        rewriter, loc, cast<TypedAttr>(makeF32Elements(filterType, *filter, "weight")));
    Value newBias = arith::ConstantOp::create(
        rewriter, loc, cast<TypedAttr>(makeF32Elements(biasType, *bias, "bias")));
    rewriter.modifyOpInPlace(conv, [&] {
      conv.getFilterMutable().assign(newFilter);
      conv.getBiasMutable().assign(newBias);
    });
    rewriter.replaceOp(op, conv->getResult(0));
    ++folded;
    return success();
  }
};

struct MoteFoldScaleShiftPass
    : public mote::impl::MoteFoldScaleShiftBase<MoteFoldScaleShiftPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<FoldIntoConv>(&getContext(), numFolded);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
