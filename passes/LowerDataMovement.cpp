//===- LowerDataMovement.cpp - strided copies and gathers -----------------===//
//
// Expand, Slice and Tile read their input through a strided index map, so
// each becomes one mote.strided_copy; Gather reads through run-time indices.
//
//===----------------------------------------------------------------------===//
#include "passes/ONNXToMote.h"

#include "dialects/Utils/ShapeHelpers.h"

using namespace mlir;
using namespace mote;
using namespace mote::lowering;

namespace {
//===----------------------------------------------------------------------===//
// Strided movement and gathers
//===----------------------------------------------------------------------===//

struct LowerExpand : LoweringPattern<onnx::ExpandOp> {
  using LoweringPattern::LoweringPattern;
  LogicalResult matchAndRewrite(onnx::ExpandOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    auto type = tensorType(op.getOutput());
    if (type.getRank() > 8)
      return diags.unsupported(op, "Expand above rank 8 is not supported");
    rewriter.replaceOp(op, createStridedCopy(rewriter, op.getLoc(), adaptor.getInput(), type,
                                             0, broadcastStrides(tensorType(op.getInput()).getShape(),
                                                                 type.getShape())));
    return success();
  }
};

struct LowerSlice : LoweringPattern<onnx::SliceOp> {
  using LoweringPattern::LoweringPattern;
  LogicalResult matchAndRewrite(onnx::SliceOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    auto type = tensorType(op.getOutput());
    ArrayRef<int64_t> x = tensorType(op.getData()).getShape();
    if (type.getRank() > 8)
      return diags.unsupported(op, "Slice above rank 8 is not supported");
    SmallVector<int64_t> axes, steps;
    if (op.getAxes())
      axes = *getConstantInts(op.getAxes());
    if (op.getSteps())
      steps = *getConstantInts(op.getSteps());
    auto geometry = computeSliceGeometry(x, *getConstantInts(op.getStarts()),
                                         *getConstantInts(op.getEnds()), axes, steps,
                                         [&] { return op.emitError(); });
    if (failed(geometry))
      return failure();
    auto [offset, strides] = geometry->offsetAndStrides(x);
    rewriter.replaceOp(op, createStridedCopy(rewriter, op.getLoc(), adaptor.getData(), type,
                                             offset, strides));
    return success();
  }
};

/// Tile: view the input [d0, d1, ...] as [1, d0, 1, d1, ...], broadcast it to
/// [r0, d0, r1, d1, ...] and read the result back as [r0 * d0, r1 * d1, ...].
struct LowerTile : LoweringPattern<onnx::TileOp> {
  using LoweringPattern::LoweringPattern;
  LogicalResult matchAndRewrite(onnx::TileOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = tensorType(op.getOutput());
    ArrayRef<int64_t> x = tensorType(op.getInput()).getShape();
    if (2 * x.size() > 8)
      return diags.unsupported(op, "Tile above rank 4 is not supported");
    SmallVector<int64_t> repeats = *getConstantInts(op.getRepeats());
    SmallVector<int64_t> stridesIn = stridesOf(x);
    SmallVector<int64_t> dims, strides;
    for (size_t k = 0; k < x.size(); ++k) {
      dims.append({repeats[k], x[k]});
      strides.append({0, stridesIn[k]});
    }
    auto wide = RankedTensorType::get(dims, type.getElementType());
    Value copy = createStridedCopy(rewriter, loc, adaptor.getInput(), wide, 0, strides);
    rewriter.replaceOp(op, reshapeTo(rewriter, loc, copy, type));
    return success();
  }
};

struct LowerGather : LoweringPattern<onnx::GatherOp> {
  using LoweringPattern::LoweringPattern;
  LogicalResult matchAndRewrite(onnx::GatherOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    auto type = tensorType(op.getOutput());
    int64_t axis = *normalizeAxis(op.getAxis(), tensorType(op.getData()).getRank());
    auto gather = mote::GatherOp::create(rewriter, op.getLoc(), TypeRange{type},
                                         adaptor.getData(), adaptor.getIndices(),
                                         emptyLike(rewriter, op.getLoc(), type),
                                         rewriter.getI64IntegerAttr(axis));
    rewriter.replaceOp(op, gather->getResult(0));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// The pass
//===----------------------------------------------------------------------===//
} // namespace

void mote::lowering::populateDataMovementLowerings(RewritePatternSet &patterns,
                                                   LoweringDiagnostics &diags) {
  patterns.add<LowerExpand, LowerSlice, LowerTile, LowerGather>(patterns.getContext(), diags);
}
