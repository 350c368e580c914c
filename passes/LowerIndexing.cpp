//===- LowerIndexing.cpp - indexing and data movement of any type ---------===//
//
// Split, DepthToSpace and SpaceToDepth are strided copies; Compress is a
// gather at constant positions; Trilu selects with a constant mask; EyeLike
// is a constant. The rest have kernels of their own (kernels/indexing.h):
// GatherElements, ScatterElements, GatherND, ScatterND, CumSum/CumProd, TopK
// (its indices; the values are a gather_elements at them), OneHot,
// ReverseSequence and Pad (float32 constant padding keeps its fast kernel).
//
//===----------------------------------------------------------------------===//
#include "passes/ONNXToMote.h"

#include "dialects/Utils/ConstantTensor.h"
#include "dialects/Utils/ShapeHelpers.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/Matchers.h"

using namespace mlir;
using namespace mote;
using namespace mote::lowering;

namespace mote::onnx {
FailureOr<SmallVector<int64_t>> splitSizes(std::optional<Location> loc, int64_t dim, Value split,
                                           std::optional<int64_t> numOutputs);
FailureOr<SmallVector<int64_t>> compressPositions(std::optional<Location> loc, Value condition,
                                                  int64_t dim);
} // namespace mote::onnx

namespace {
/// Kernels take shapes as mote_dims: at most 8 dims.
constexpr int64_t kMaxKernelRank = 8;

LogicalResult checkRank(LoweringDiagnostics &diags, Operation *op) {
  SmallVector<Type> types(op->getOperandTypes());
  llvm::append_range(types, op->getResultTypes());
  for (Type type : types)
    if (auto ranked = dyn_cast<RankedTensorType>(type); ranked && ranked.getRank() > kMaxKernelRank)
      return diags.unsupported(op, op->getName().stripDialect() + " above rank 8 is not supported");
  return success();
}

int64_t axisOf(int64_t axis, Value v) { return *normalizeAxis(axis, tensorType(v).getRank()); }

//===----------------------------------------------------------------------===//
// Strided copies
//===----------------------------------------------------------------------===//

/// Every part is a strided copy of a window along the axis.
struct LowerSplit : LoweringPattern<onnx::SplitOp> {
  using LoweringPattern::LoweringPattern;
  LogicalResult matchAndRewrite(onnx::SplitOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    if (failed(checkRank(diags, op)))
      return failure();
    ArrayRef<int64_t> x = tensorType(op.getInput()).getShape();
    int64_t axis = axisOf(op.getAxis(), op.getInput());
    SmallVector<int64_t> strides = stridesOf(x);
    SmallVector<Value> parts;
    int64_t start = 0;
    for (Value result : op.getOutputs()) {
      auto type = tensorType(result);
      parts.push_back(createStridedCopy(rewriter, op.getLoc(), adaptor.getInput(), type,
                                        start * strides[axis], strides));
      start += type.getDimSize(axis);
    }
    rewriter.replaceOp(op, parts);
    return success();
  }
};

/// Reads a rank-4 input through a 6-d view: `view` is the input's shape as 6
/// dims, `perm` the view dim each output dim of `wide` reads.
Value permutedCopy(OpBuilder &b, Location loc, Value input, ArrayRef<int64_t> view,
                   ArrayRef<int64_t> perm, RankedTensorType resultType) {
  SmallVector<int64_t> viewStrides = stridesOf(view), dims, strides;
  for (int64_t p : perm) {
    dims.push_back(view[p]);
    strides.push_back(viewStrides[p]);
  }
  auto wide = RankedTensorType::get(dims, resultType.getElementType());
  Value copy = createStridedCopy(b, loc, input, wide, 0, strides);
  return reshapeTo(b, loc, copy, resultType);
}

/// DCR: the input [N, C, H, W] is [N, b, b, C', H, W], read as
/// [N, C', H, b, W, b]; CRD: it is [N, C', b, b, H, W].
struct LowerDepthToSpace : LoweringPattern<onnx::DepthToSpaceOp> {
  using LoweringPattern::LoweringPattern;
  LogicalResult matchAndRewrite(onnx::DepthToSpaceOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    ArrayRef<int64_t> x = tensorType(op.getInput()).getShape();
    int64_t b = op.getBlocksize(), c = x[1] / (b * b);
    bool dcr = op.getMode() == "DCR";
    SmallVector<int64_t> view = dcr ? SmallVector<int64_t>{x[0], b, b, c, x[2], x[3]}
                                    : SmallVector<int64_t>{x[0], c, b, b, x[2], x[3]};
    SmallVector<int64_t> perm = dcr ? SmallVector<int64_t>{0, 3, 4, 1, 5, 2}
                                    : SmallVector<int64_t>{0, 1, 4, 2, 5, 3};
    rewriter.replaceOp(op, permutedCopy(rewriter, op.getLoc(), adaptor.getInput(), view, perm,
                                        tensorType(op.getOutput())));
    return success();
  }
};

/// The input [N, C, H, W] is [N, C, H', b, W', b], read as [N, b, b, C, H', W'].
struct LowerSpaceToDepth : LoweringPattern<onnx::SpaceToDepthOp> {
  using LoweringPattern::LoweringPattern;
  LogicalResult matchAndRewrite(onnx::SpaceToDepthOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    ArrayRef<int64_t> x = tensorType(op.getInput()).getShape();
    int64_t b = op.getBlocksize();
    SmallVector<int64_t> view = {x[0], x[1], x[2] / b, b, x[3] / b, b};
    rewriter.replaceOp(op, permutedCopy(rewriter, op.getLoc(), adaptor.getInput(), view,
                                        {0, 3, 5, 1, 2, 4}, tensorType(op.getOutput())));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Constants: Compress positions, Trilu masks, EyeLike
//===----------------------------------------------------------------------===//

/// A gather at the constant positions where the condition holds.
struct LowerCompress : LoweringPattern<onnx::CompressOp> {
  using LoweringPattern::LoweringPattern;
  LogicalResult matchAndRewrite(onnx::CompressOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = adaptor.getInput();
    auto inputType = tensorType(op.getInput());
    int64_t axis = 0;
    if (auto a = op.getAxisAttr())
      axis = axisOf(a.getInt(), op.getInput());
    else
      input = reshapeTo(rewriter, loc, input, {inputType.getNumElements()});
    auto kept = onnx::compressPositions(loc, op.getCondition(),
                                        tensorType(input).getDimSize(axis));
    if (failed(kept))
      return failure();
    auto indexType = RankedTensorType::get({(int64_t)kept->size()}, rewriter.getI64Type());
    Value indices =
        arith::ConstantOp::create(rewriter, loc, DenseElementsAttr::get(indexType, ArrayRef(*kept)));
    auto type = tensorType(op.getOutput());
    auto gather = mote::GatherOp::create(rewriter, loc, TypeRange{type}, input, indices,
                                         emptyLike(rewriter, loc, type),
                                         rewriter.getI64IntegerAttr(axis));
    rewriter.replaceOp(op, gather->getResult(0));
    return success();
  }
};

/// A scalar zero of any element type.
Value zeroOf(OpBuilder &b, Location loc, Type element) {
  auto type = RankedTensorType::get({}, element);
  ConstantTensor zero = ConstantTensor::zeros(type);
  return arith::ConstantOp::create(b, loc, cast<TypedAttr>(toAttribute(zero)));
}

/// where(mask, x, 0) with a constant [rows, cols] mask that broadcasts over
/// the leading dims.
struct LowerTrilu : LoweringPattern<onnx::TriluOp> {
  using LoweringPattern::LoweringPattern;
  LogicalResult matchAndRewrite(onnx::TriluOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    if (failed(checkRank(diags, op)))
      return failure();
    Location loc = op.getLoc();
    auto type = tensorType(op.getOutput());
    int64_t rows = type.getDimSize(type.getRank() - 2), cols = type.getDimSize(type.getRank() - 1);
    int64_t k = op.getK() ? (*getConstantInts(op.getK()))[0] : 0;
    SmallVector<bool> mask;
    for (int64_t i = 0; i < rows; ++i)
      for (int64_t j = 0; j < cols; ++j)
        mask.push_back(op.getUpper() ? j - i >= k : j - i <= k);
    auto maskType = RankedTensorType::get({rows, cols}, rewriter.getI1Type());
    Value maskValue =
        arith::ConstantOp::create(rewriter, loc, DenseElementsAttr::get(maskType, ArrayRef(mask)));
    auto where = mote::WhereOp::create(rewriter, loc, TypeRange{type}, maskValue,
                                       adaptor.getInput(),
                                       zeroOf(rewriter, loc, type.getElementType()),
                                       emptyLike(rewriter, loc, type));
    rewriter.replaceOp(op, where->getResult(0));
    return success();
  }
};

/// Folded at import; anything left is materialized here.
struct LowerEyeLike : LoweringPattern<onnx::EyeLikeOp> {
  using LoweringPattern::LoweringPattern;
  LogicalResult matchAndRewrite(onnx::EyeLikeOp op, OpAdaptor,
                                ConversionPatternRewriter &rewriter) const override {
    auto value = dyn_cast_if_present<Attribute>(
        op.fold(onnx::EyeLikeOp::FoldAdaptor(ArrayRef<Attribute>{}, op)));
    if (!value)
      return diags.unsupported(op, "EyeLike is too large to be a constant");
    rewriter.replaceOpWithNewOp<arith::ConstantOp>(op, cast<TypedAttr>(value));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Kernels with run-time indices
//===----------------------------------------------------------------------===//

struct LowerGatherElements : LoweringPattern<onnx::GatherElementsOp> {
  using LoweringPattern::LoweringPattern;
  LogicalResult matchAndRewrite(onnx::GatherElementsOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    if (failed(checkRank(diags, op)))
      return failure();
    auto type = tensorType(op.getOutput());
    auto gather = mote::GatherElementsOp::create(
        rewriter, op.getLoc(), TypeRange{type}, adaptor.getData(), adaptor.getIndices(),
        emptyLike(rewriter, op.getLoc(), type),
        rewriter.getI64IntegerAttr(axisOf(op.getAxis(), op.getData())));
    rewriter.replaceOp(op, gather->getResult(0));
    return success();
  }
};

struct LowerScatterElements : LoweringPattern<onnx::ScatterElementsOp> {
  using LoweringPattern::LoweringPattern;
  LogicalResult matchAndRewrite(onnx::ScatterElementsOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    if (failed(checkRank(diags, op)))
      return failure();
    auto type = tensorType(op.getOutput());
    auto scatter = mote::ScatterElementsOp::create(
        rewriter, op.getLoc(), TypeRange{type}, adaptor.getData(), adaptor.getIndices(),
        adaptor.getUpdates(), emptyLike(rewriter, op.getLoc(), type),
        rewriter.getI64IntegerAttr(axisOf(op.getAxis(), op.getData())),
        rewriter.getStringAttr(op.getReduction()));
    rewriter.replaceOp(op, scatter->getResult(0));
    return success();
  }
};

struct LowerGatherND : LoweringPattern<onnx::GatherNDOp> {
  using LoweringPattern::LoweringPattern;
  LogicalResult matchAndRewrite(onnx::GatherNDOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    if (failed(checkRank(diags, op)))
      return failure();
    auto type = tensorType(op.getOutput());
    auto gather = mote::GatherNDOp::create(
        rewriter, op.getLoc(), TypeRange{type}, adaptor.getData(), adaptor.getIndices(),
        emptyLike(rewriter, op.getLoc(), type), rewriter.getI64IntegerAttr(op.getBatchDims()));
    rewriter.replaceOp(op, gather->getResult(0));
    return success();
  }
};

struct LowerScatterND : LoweringPattern<onnx::ScatterNDOp> {
  using LoweringPattern::LoweringPattern;
  LogicalResult matchAndRewrite(onnx::ScatterNDOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    if (failed(checkRank(diags, op)))
      return failure();
    auto type = tensorType(op.getOutput());
    auto scatter = mote::ScatterNDOp::create(
        rewriter, op.getLoc(), TypeRange{type}, adaptor.getData(), adaptor.getIndices(),
        adaptor.getUpdates(), emptyLike(rewriter, op.getLoc(), type),
        rewriter.getStringAttr(op.getReduction()));
    rewriter.replaceOp(op, scatter->getResult(0));
    return success();
  }
};

template <typename OpTy, bool product>
struct LowerCumulative : LoweringPattern<OpTy> {
  using LoweringPattern<OpTy>::LoweringPattern;
  LogicalResult matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    auto type = tensorType(op.getY());
    int64_t axis = axisOf((*getConstantInts(op.getAxis()))[0], op.getX());
    auto scan = mote::CumulativeOp::create(
        rewriter, op.getLoc(), TypeRange{type}, adaptor.getX(),
        emptyLike(rewriter, op.getLoc(), type), rewriter.getI64IntegerAttr(axis),
        rewriter.getBoolAttr(product), rewriter.getBoolAttr(op.getExclusive() != 0),
        rewriter.getBoolAttr(op.getReverse() != 0));
    rewriter.replaceOp(op, scan->getResult(0));
    return success();
  }
};

/// The indices from the top_k kernel; the values gathered at them.
struct LowerTopK : LoweringPattern<onnx::TopKOp> {
  using LoweringPattern::LoweringPattern;
  LogicalResult matchAndRewrite(onnx::TopKOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    if (failed(checkRank(diags, op)))
      return failure();
    Location loc = op.getLoc();
    int64_t axis = axisOf(op.getAxis(), op.getX());
    auto indexType = tensorType(op.getIndices()), valueType = tensorType(op.getValues());
    Value indices = mote::TopKOp::create(rewriter, loc, TypeRange{indexType}, adaptor.getX(),
                                         emptyLike(rewriter, loc, indexType),
                                         rewriter.getI64IntegerAttr(axis),
                                         rewriter.getBoolAttr(op.getLargest() != 0))
                        ->getResult(0);
    Value values = mote::GatherElementsOp::create(rewriter, loc, TypeRange{valueType},
                                                  adaptor.getX(), indices,
                                                  emptyLike(rewriter, loc, valueType),
                                                  rewriter.getI64IntegerAttr(axis))
                       ->getResult(0);
    rewriter.replaceOp(op, {values, indices});
    return success();
  }
};

struct LowerOneHot : LoweringPattern<onnx::OneHotOp> {
  using LoweringPattern::LoweringPattern;
  LogicalResult matchAndRewrite(onnx::OneHotOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    if (failed(checkRank(diags, op)))
      return failure();
    Location loc = op.getLoc();
    auto type = tensorType(op.getOutput());
    int64_t axis = *normalizeAxis(op.getAxis(), type.getRank());
    Value values = reshapeTo(rewriter, loc, adaptor.getValues(), {2});
    auto hot = mote::OneHotOp::create(rewriter, loc, TypeRange{type}, adaptor.getIndices(),
                                      values, emptyLike(rewriter, loc, type),
                                      rewriter.getI64IntegerAttr(axis));
    rewriter.replaceOp(op, hot->getResult(0));
    return success();
  }
};

struct LowerReverseSequence : LoweringPattern<onnx::ReverseSequenceOp> {
  using LoweringPattern::LoweringPattern;
  LogicalResult matchAndRewrite(onnx::ReverseSequenceOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    auto type = tensorType(op.getY());
    auto reverse = mote::ReverseSequenceOp::create(
        rewriter, op.getLoc(), TypeRange{type}, adaptor.getInput(),
        adaptor.getSequenceLens(), emptyLike(rewriter, op.getLoc(), type),
        rewriter.getI64IntegerAttr(op.getBatchAxis()),
        rewriter.getI64IntegerAttr(op.getTimeAxis()));
    rewriter.replaceOp(op, reverse->getResult(0));
    return success();
  }
};

/// Float32 constant padding up to rank 6 keeps the row-copying mote.pad;
/// every other mode, type and rank is mote.pad_any.
struct LowerPad : LoweringPattern<onnx::PadOp> {
  using LoweringPattern::LoweringPattern;
  LogicalResult matchAndRewrite(onnx::PadOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    StringRef mode = op.getMode();
    if (mode != "constant" && mode != "reflect" && mode != "edge" && mode != "wrap")
      return diags.unsupported(op, "Pad mode '" + mode + "' is unknown");
    if (failed(checkRank(diags, op)))
      return failure();
    auto type = tensorType(op.getOutput());
    double value = 0.0;
    if (Value v = op.getConstantValue(); v && mode == "constant") {
      Attribute attr;
      std::optional<ConstantTensor> constant;
      if (matchPattern(v, m_Constant(&attr)))
        constant = readConstant(attr);
      if (!constant || constant->size() != 1)
        return diags.unsupported(op, "Pad constant_value must be a constant scalar");
      value = constant->asDouble(0);
    }
    SmallVector<int64_t> pads = *getConstantInts(op.getPads());
    Location loc = op.getLoc();
    if (mode == "constant" && type.getElementType().isF32() && type.getRank() <= 6) {
      auto pad = mote::PadOp::create(rewriter, loc, TypeRange{type}, adaptor.getData(),
                                     emptyLike(rewriter, loc, type),
                                     rewriter.getDenseI64ArrayAttr(pads),
                                     rewriter.getF32FloatAttr((float)value));
      rewriter.replaceOp(op, pad->getResult(0));
      return success();
    }
    auto pad = mote::PadAnyOp::create(rewriter, loc, TypeRange{type}, adaptor.getData(),
                                      emptyLike(rewriter, loc, type),
                                      rewriter.getDenseI64ArrayAttr(pads),
                                      rewriter.getStringAttr(mode),
                                      rewriter.getF64FloatAttr(value));
    rewriter.replaceOp(op, pad->getResult(0));
    return success();
  }
};
} // namespace

void mote::lowering::populateIndexingLowerings(RewritePatternSet &patterns,
                                               LoweringDiagnostics &diags) {
  patterns.add<LowerSplit, LowerDepthToSpace, LowerSpaceToDepth, LowerCompress, LowerTrilu,
               LowerEyeLike, LowerGatherElements, LowerScatterElements, LowerGatherND,
               LowerScatterND, LowerCumulative<onnx::CumSumOp, false>,
               LowerCumulative<onnx::CumProdOp, true>, LowerTopK, LowerOneHot,
               LowerReverseSequence, LowerPad>(patterns.getContext(), diags);
}
