//===- LowerResize.cpp - Resize as one tap-table kernel -------------------===//
//
// Resize is separable: along each axis an output index reads a few input
// indices with weights that depend only on that axis's geometry. The
// compiler computes them (coordinate transformation, nearest rounding, linear
// or cubic coefficients, edge clamping, exclude_outside, tf_crop_and_resize's
// extrapolation) into two constant tables, and one mote.resize kernel applies
// them. Axes that keep their size with an identity mapping get one tap.
//
//===----------------------------------------------------------------------===//
#include "passes/ONNXToMote.h"

#include "mlir/Dialect/Arith/IR/Arith.h"

#include <algorithm>
#include <cmath>

using namespace mlir;
using namespace mote;
using namespace mote::lowering;

namespace {

struct AxisTable {
  int64_t taps = 1;
  SmallVector<int32_t> indices;
  SmallVector<float> weights;
};

/// The input coordinate of output index `x` along one axis.
double originalCoordinate(StringRef mode, double x, double scale, int64_t in, int64_t out,
                          double roiStart, double roiEnd) {
  if (mode == "half_pixel")
    return (x + 0.5) / scale - 0.5;
  if (mode == "half_pixel_symmetric") {
    double adjustment = out / (scale * in);
    double center = in / 2.0;
    double offset = center * (1 - adjustment);
    return offset + (x + 0.5) / scale - 0.5;
  }
  // The resized length before flooring: the spec's length_resized.
  double resized = in * scale;
  if (mode == "pytorch_half_pixel")
    return resized > 1 ? (x + 0.5) / scale - 0.5 : 0.0;
  if (mode == "align_corners")
    return resized == 1 ? 0.0 : x * (in - 1) / (resized - 1);
  if (mode == "asymmetric")
    return x / scale;
  // tf_crop_and_resize
  if (out > 1)
    return roiStart * (in - 1) + x * (roiEnd - roiStart) * (in - 1) / static_cast<double>(out - 1);
  return 0.5 * (roiStart + roiEnd) * (in - 1);
}

SmallVector<double> coefficients(StringRef mode, StringRef nearestMode, double ratio,
                                 double a) {
  if (mode == "nearest") {
    if (ratio == 1.0)
      return {0, 1};
    if (nearestMode == "round_prefer_floor")
      return {ratio <= 0.5 ? 1.0 : 0.0, ratio > 0.5 ? 1.0 : 0.0};
    if (nearestMode == "round_prefer_ceil")
      return {ratio < 0.5 ? 1.0 : 0.0, ratio >= 0.5 ? 1.0 : 0.0};
    if (nearestMode == "floor")
      return {1, 0};
    return {0, 1}; // ceil
  }
  if (mode == "linear")
    return {1 - ratio, ratio};
  double r = ratio, s = 1 - ratio;
  return {((a * (r + 1) - 5 * a) * (r + 1) + 8 * a) * (r + 1) - 4 * a,
          ((a + 2) * r - (a + 3)) * r * r + 1, ((a + 2) * s - (a + 3)) * s * s + 1,
          ((a * (s + 1) - 5 * a) * (s + 1) + 8 * a) * (s + 1) - 4 * a};
}

struct LowerResize : LoweringPattern<onnx::ResizeOp> {
  using LoweringPattern::LoweringPattern;
  LogicalResult matchAndRewrite(onnx::ResizeOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    StringRef mode = op.getMode(), transform = op.getCoordinateTransformationMode(),
              nearestMode = op.getNearestMode();
    if (mode != "nearest" && mode != "linear" && mode != "cubic")
      return diags.unsupported(op, "Resize mode '" + mode + "' is not supported");
    if (!llvm::is_contained(ArrayRef<StringRef>{"half_pixel", "half_pixel_symmetric", "pytorch_half_pixel",
                             "align_corners", "asymmetric", "tf_crop_and_resize"},
                            transform))
      return diags.unsupported(op, "Resize coordinate_transformation_mode '" + transform +
                                       "' is not supported");
    if (!llvm::is_contained(ArrayRef<StringRef>{"round_prefer_floor", "round_prefer_ceil", "floor", "ceil"},
                            nearestMode))
      return diags.unsupported(op, "Resize nearest_mode '" + nearestMode + "' is not supported");
    auto plan = op.plan();
    if (failed(plan))
      return failure();
    ArrayRef<int64_t> in = tensorType(op.getX()).getShape();
    auto type = tensorType(op.getY());
    ArrayRef<int64_t> out = type.getShape();
    if (in.size() > 8)
      return diags.unsupported(op, "Resize above rank 8 is not supported");
    bool antialias = op.getAntialias() != 0;
    bool crop = transform == "tf_crop_and_resize";
    double a = op.getCubicCoeffA().convertToFloat();

    SmallVector<AxisTable> tables;
    for (size_t k = 0; k < in.size(); ++k) {
      AxisTable table;
      double scale = plan->scales[k];
      bool identity = in[k] == out[k] && scale == 1.0 && !crop;
      if (identity) {
        for (int64_t o = 0; o < out[k]; ++o) {
          table.indices.push_back(o);
          table.weights.push_back(1);
        }
        tables.push_back(table);
        continue;
      }
      if (antialias && mode != "nearest" && scale < 1)
        return diags.unsupported(op, "antialiased Resize is not supported");
      table.taps = mode == "cubic" ? 4 : 2;
      for (int64_t o = 0; o < out[k]; ++o) {
        double x = originalCoordinate(transform, o, scale, in[k], out[k], plan->roiStart[k],
                                      plan->roiEnd[k]);
        if (crop && (x < 0 || x > in[k] - 1)) {
          for (int64_t t = 0; t < table.taps; ++t) {
            table.indices.push_back(-1);
            table.weights.push_back(0);
          }
          continue;
        }
        // The tap left of x is preferred: an integer x sits at ratio 1.
        double floorX = std::floor(x);
        double ratio = x == floorX ? 1.0 : x - floorX;
        int64_t left = x == floorX ? static_cast<int64_t>(x) - 1 : static_cast<int64_t>(floorX);
        SmallVector<double> c = coefficients(mode, nearestMode, ratio, a);
        int64_t first = left - (table.taps / 2 - 1);
        if (op.getExcludeOutside()) {
          double sum = 0;
          for (int64_t t = 0; t < table.taps; ++t) {
            int64_t i = first + t;
            if (i < 0 || i >= in[k])
              c[t] = 0;
            sum += c[t];
          }
          for (double &v : c)
            v = sum != 0 ? v / sum : 0;
        }
        for (int64_t t = 0; t < table.taps; ++t) {
          int64_t i = std::clamp<int64_t>(first + t, 0, in[k] - 1);
          table.indices.push_back(static_cast<int32_t>(i));
          table.weights.push_back(static_cast<float>(c[t]));
        }
      }
      tables.push_back(table);
    }

    SmallVector<int32_t> indices;
    SmallVector<float> weights;
    SmallVector<int64_t> taps;
    for (const AxisTable &t : tables) {
      llvm::append_range(indices, t.indices);
      llvm::append_range(weights, t.weights);
      taps.push_back(t.taps);
    }
    int64_t n = indices.size();
    auto indexType = RankedTensorType::get({n}, rewriter.getI32Type());
    auto weightType = RankedTensorType::get({n}, rewriter.getF32Type());
    Value indexTable = arith::ConstantOp::create(
        rewriter, loc, DenseElementsAttr::get(indexType, ArrayRef<int32_t>(indices)));
    Value weightTable = arith::ConstantOp::create(
        rewriter, loc, DenseElementsAttr::get(weightType, ArrayRef<float>(weights)));
    auto resize = mote::ResizeOp::create(
        rewriter, loc, TypeRange{type}, adaptor.getX(), indexTable, weightTable,
        emptyLike(rewriter, loc, type), rewriter.getDenseI64ArrayAttr(taps),
        op.getExtrapolationValueAttr());
    rewriter.replaceOp(op, resize->getResult(0));
    return success();
  }
};

} // namespace

void mote::lowering::populateResizeLowerings(RewritePatternSet &patterns,
                                             LoweringDiagnostics &diags) {
  patterns.add<LowerResize>(patterns.getContext(), diags);
}
