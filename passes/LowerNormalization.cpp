//===- LowerNormalization.cpp - softmax family and normalizations ---------===//
//
// Softmax, LogSoftmax and Hardmax become one mote.softmax each; Layer-, RMS-,
// Instance-, Group-, Lp- and MeanVarianceNormalization one mote.normalize
// over a view of the input in which the normalized elements of a group are
// the dims listed in `axes` (LayerNormalization's Mean and InvStdDev outputs,
// if used, one more mote.normalize each); LRN one mote.lrn.
//
//===----------------------------------------------------------------------===//
#include "passes/ONNXToMote.h"

#include "dialects/Utils/ShapeHelpers.h"

#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mote;
using namespace mote::lowering;

namespace {

template <typename OpTy>
struct LowerSoftmaxLike : LoweringPattern<OpTy> {
  using LoweringPattern<OpTy>::LoweringPattern;
  LogicalResult matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    auto type = tensorType(op.getOutput());
    int64_t axis = *normalizeAxis(op.getAxis(), type.getRank());
    SoftmaxKind kind = TypeSwitch<Operation *, SoftmaxKind>(op)
                           .Case([](onnx::LogSoftmaxOp) { return SoftmaxKind::log_softmax; })
                           .Case([](onnx::HardmaxOp) { return SoftmaxKind::hardmax; })
                           .Default([](Operation *) { return SoftmaxKind::softmax; });
    auto softmax = mote::SoftmaxOp::create(
        rewriter, op.getLoc(), TypeRange{type}, adaptor.getInput(),
        emptyLike(rewriter, op.getLoc(), type), rewriter.getI64IntegerAttr(axis),
        SoftmaxKindAttr::get(rewriter.getContext(), kind));
    rewriter.replaceOp(op, softmax->getResult(0));
    return success();
  }
};

/// One mote.normalize of `input` viewed as `view` (same element count),
/// normalizing over `axes` of the view; `params` (scale, bias) already have
/// the view's rank. The result has `type`.
Value createNormalize(OpBuilder &b, Location loc, Value input, ArrayRef<int64_t> view,
                      ValueRange params, RankedTensorType type, NormalizeKind kind,
                      ArrayRef<int64_t> axes, double epsilon,
                      NormalizeStat stat = NormalizeStat::normalized) {
  Value x = reshapeTo(b, loc, input, view);
  SmallVector<int64_t> outShape(view);
  if (stat != NormalizeStat::normalized)
    for (int64_t a : axes)
      outShape[a] = 1;
  auto outType = RankedTensorType::get(outShape, type.getElementType());
  auto op = mote::NormalizeOp::create(
      b, loc, TypeRange{outType}, x, params, emptyLike(b, loc, outType),
      NormalizeKindAttr::get(b.getContext(), kind), b.getDenseI64ArrayAttr(axes),
      b.getF64FloatAttr(epsilon), NormalizeStatAttr::get(b.getContext(), stat));
  return reshapeTo(b, loc, op->getResult(0), type);
}

/// Reshapes a scale or bias to `rank` dims by adding leading 1s.
Value padRank(OpBuilder &b, Location loc, Value param, int64_t rank) {
  auto shape = tensorType(param).getShape();
  SmallVector<int64_t> padded(rank - shape.size(), 1);
  llvm::append_range(padded, shape);
  return reshapeTo(b, loc, param, padded);
}

/// LayerNormalization and RMSNormalization: the input as [outer, inner] over
/// the dims from axis on (their own shape if a parameter broadcasts within
/// them).
template <typename OpTy>
struct LowerTrailingNorm : LoweringPattern<OpTy> {
  using LoweringPattern<OpTy>::LoweringPattern;
  LogicalResult matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = tensorType(op.getX());
    ArrayRef<int64_t> shape = type.getShape();
    int64_t axis = *normalizeAxis(op.getAxis(), type.getRank());
    int64_t outer = shapeProduct(shape.take_front(axis));
    int64_t inner = shapeProduct(shape.drop_front(axis));
    SmallVector<Value> params;
    constexpr bool isLayer = std::is_same_v<OpTy, onnx::LayerNormalizationOp>;
    params.push_back(adaptor.getOperands()[1]);
    if constexpr (isLayer)
      if (adaptor.getB())
        params.push_back(adaptor.getB());
    bool full = llvm::all_of(params, [&](Value p) {
      return tensorType(p).getNumElements() == inner;
    });
    SmallVector<int64_t> view;
    SmallVector<int64_t> axes;
    if (full) {
      view = {outer, inner};
      axes = {1};
      for (Value &p : params)
        p = reshapeTo(rewriter, loc, p, {1, inner});
    } else {
      if (type.getRank() > 8)
        return this->diags.unsupported(op, "rank above 8 is not supported");
      view.assign(shape.begin(), shape.end());
      axes = llvm::to_vector(llvm::seq<int64_t>(axis, type.getRank()));
      for (Value &p : params)
        p = padRank(rewriter, loc, p, type.getRank());
    }
    double epsilon = op.getEpsilon().convertToDouble();
    NormalizeKind kind = isLayer ? NormalizeKind::standardize : NormalizeKind::rms;
    SmallVector<Value> results = {createNormalize(rewriter, loc, adaptor.getX(), view,
                                                  params, type, kind, axes, epsilon)};
    if constexpr (isLayer) {
      // The statistics, only if something reads them.
      for (auto [result, stat] : {std::pair{op.getMean(), NormalizeStat::mean},
                                  std::pair{op.getInvStdDev(), NormalizeStat::inv_std_dev}})
        results.push_back(result.use_empty()
                              ? emptyLike(rewriter, loc, tensorType(result))
                              : createNormalize(rewriter, loc, adaptor.getX(), view, {},
                                                tensorType(result), kind, axes, epsilon,
                                                stat));
    }
    rewriter.replaceOp(op, results);
    return success();
  }
};

/// InstanceNormalization and GroupNormalization: [N, C, spatial...] viewed as
/// [N, G, C / G, S], normalized over the last two dims; scale and bias per
/// channel ([1, G, C / G, 1]) or per group ([1, G, 1, 1]).
template <typename OpTy>
struct LowerChannelNorm : LoweringPattern<OpTy> {
  using LoweringPattern<OpTy>::LoweringPattern;
  LogicalResult matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = tensorType(op.getInput());
    ArrayRef<int64_t> shape = type.getShape();
    int64_t n = shape[0], c = shape[1], s = shapeProduct(shape.drop_front(2));
    int64_t groups = c;
    if constexpr (std::is_same_v<OpTy, onnx::GroupNormalizationOp>)
      groups = op.getNumGroups();
    SmallVector<Value> params;
    for (Value p : {adaptor.getScale(), adaptor.getB()}) {
      bool perChannel = tensorType(p).getNumElements() == c;
      params.push_back(reshapeTo(rewriter, loc, p,
                                 {1, groups, perChannel ? c / groups : 1, 1}));
    }
    rewriter.replaceOp(op, createNormalize(rewriter, loc, adaptor.getInput(),
                                           {n, groups, c / groups, s}, params, type,
                                           NormalizeKind::standardize, {2, 3},
                                           op.getEpsilon().convertToDouble()));
    return success();
  }
};

struct LowerLpNormalization : LoweringPattern<onnx::LpNormalizationOp> {
  using LoweringPattern::LoweringPattern;
  LogicalResult matchAndRewrite(onnx::LpNormalizationOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    auto type = tensorType(op.getOutput());
    ArrayRef<int64_t> shape = type.getShape();
    int64_t axis = *normalizeAxis(op.getAxis(), type.getRank());
    SmallVector<int64_t> view = {shapeProduct(shape.take_front(axis)), shape[axis],
                                 shapeProduct(shape.drop_front(axis + 1))};
    rewriter.replaceOp(op, createNormalize(rewriter, op.getLoc(), adaptor.getInput(), view,
                                           {}, type,
                                           op.getP() == 1 ? NormalizeKind::l1
                                                          : NormalizeKind::l2,
                                           {1}, 0.0));
    return success();
  }
};

struct LowerMeanVarianceNormalization
    : LoweringPattern<onnx::MeanVarianceNormalizationOp> {
  using LoweringPattern::LoweringPattern;
  LogicalResult matchAndRewrite(onnx::MeanVarianceNormalizationOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    auto type = tensorType(op.getY());
    if (type.getRank() > 8)
      return diags.unsupported(op, "rank above 8 is not supported");
    auto axes = op.getNormalizedAxes();
    rewriter.replaceOp(op, createNormalize(rewriter, op.getLoc(), adaptor.getX(),
                                           type.getShape(), {}, type, NormalizeKind::mvn,
                                           *axes, 1e-9));
    return success();
  }
};

struct LowerLRN : LoweringPattern<onnx::LRNOp> {
  using LoweringPattern::LoweringPattern;
  LogicalResult matchAndRewrite(onnx::LRNOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    auto type = tensorType(op.getY());
    auto lrn = mote::LRNOp::create(
        rewriter, op.getLoc(), TypeRange{type}, adaptor.getX(),
        emptyLike(rewriter, op.getLoc(), type), rewriter.getI64IntegerAttr(op.getSize()),
        rewriter.getF64FloatAttr(op.getAlpha().convertToDouble()),
        rewriter.getF64FloatAttr(op.getBeta().convertToDouble()),
        rewriter.getF64FloatAttr(op.getBias().convertToDouble()));
    rewriter.replaceOp(op, lrn->getResult(0));
    return success();
  }
};
} // namespace

void mote::lowering::populateNormalizationLowerings(RewritePatternSet &patterns,
                                                    LoweringDiagnostics &diags) {
  addLowerings<LowerSoftmaxLike, onnx::SoftmaxOp, onnx::LogSoftmaxOp, onnx::HardmaxOp>(
      patterns, diags);
  addLowerings<LowerTrailingNorm, onnx::LayerNormalizationOp, onnx::RMSNormalizationOp>(
      patterns, diags);
  addLowerings<LowerChannelNorm, onnx::InstanceNormalizationOp,
               onnx::GroupNormalizationOp>(patterns, diags);
  patterns.add<LowerLpNormalization, LowerMeanVarianceNormalization, LowerLRN>(
      patterns.getContext(), diags);
}
