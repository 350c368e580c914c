//===- ShapeHelpers.cpp - shape arithmetic shared by onnx and mote --------===//
#include "dialects/Utils/ShapeHelpers.h"

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/AsmState.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/Matchers.h"

#include <algorithm>

using namespace mlir;

namespace mote {

std::optional<SmallVector<int64_t>> broadcastShapes(ArrayRef<int64_t> a,
                                                    ArrayRef<int64_t> b) {
  size_t rank = std::max(a.size(), b.size());
  SmallVector<int64_t> out(rank, 1);
  for (size_t i = 0; i < rank; ++i) {
    int64_t da = i < rank - a.size() ? 1 : a[i - (rank - a.size())];
    int64_t db = i < rank - b.size() ? 1 : b[i - (rank - b.size())];
    if (da != db && da != 1 && db != 1)
      return std::nullopt;
    out[i] = da == 1 ? db : da;
  }
  return out;
}

static int64_t ceilDiv(int64_t a, int64_t b) { return (a + b - 1) / b; }

FailureOr<WindowGeometry>
computeWindowGeometry(ArrayRef<int64_t> spatial, ArrayRef<int64_t> kernel,
                      StringRef autoPad, std::optional<ArrayRef<int64_t>> pads,
                      std::optional<ArrayRef<int64_t>> strides,
                      std::optional<ArrayRef<int64_t>> dilations, bool ceilMode,
                      function_ref<InFlightDiagnostic()> emitError) {
  size_t n = spatial.size();
  WindowGeometry g;
  g.kernel.assign(kernel.begin(), kernel.end());
  g.strides.assign(n, 1);
  g.dilations.assign(n, 1);
  g.padsBegin.assign(n, 0);
  g.padsEnd.assign(n, 0);
  if (kernel.size() != n)
    return emitError() << "kernel has " << kernel.size()
                       << " dims but the input has " << n << " spatial dims";
  if (strides && !strides->empty()) {
    if (strides->size() != n)
      return emitError() << "strides must have " << n << " values";
    g.strides.assign(strides->begin(), strides->end());
  }
  if (dilations && !dilations->empty()) {
    if (dilations->size() != n)
      return emitError() << "dilations must have " << n << " values";
    g.dilations.assign(dilations->begin(), dilations->end());
  }
  for (size_t i = 0; i < n; ++i)
    if (g.strides[i] < 1 || g.dilations[i] < 1 || g.kernel[i] < 1)
      return emitError() << "kernel, strides and dilations must be positive";

  bool explicitPads = autoPad == "NOTSET" || autoPad.empty();
  if (explicitPads && pads && !pads->empty()) {
    if (pads->size() != 2 * n)
      return emitError() << "pads must have " << 2 * n << " values";
    for (size_t i = 0; i < n; ++i) {
      g.padsBegin[i] = (*pads)[i];
      g.padsEnd[i] = (*pads)[i + n];
      if (g.padsBegin[i] < 0 || g.padsEnd[i] < 0)
        return emitError() << "negative pads are not supported";
    }
  }
  if (!explicitPads && autoPad != "VALID" && autoPad != "SAME_UPPER" &&
      autoPad != "SAME_LOWER")
    return emitError() << "unknown auto_pad '" << autoPad << "'";

  for (size_t i = 0; i < n; ++i) {
    int64_t extent = (g.kernel[i] - 1) * g.dilations[i] + 1;
    if (autoPad == "SAME_UPPER" || autoPad == "SAME_LOWER") {
      int64_t out = ceilDiv(spatial[i], g.strides[i]);
      int64_t total =
          std::max<int64_t>(0, (out - 1) * g.strides[i] + extent - spatial[i]);
      int64_t small = total / 2, large = total - small;
      g.padsBegin[i] = autoPad == "SAME_UPPER" ? small : large;
      g.padsEnd[i] = total - g.padsBegin[i];
      g.output.push_back(out);
      continue;
    }
    int64_t span = spatial[i] + g.padsBegin[i] + g.padsEnd[i] - extent;
    if (span < 0)
      return emitError() << "the window (" << extent
                         << ") is larger than the padded input ("
                         << spatial[i] + g.padsBegin[i] + g.padsEnd[i] << ")";
    int64_t out = (ceilMode ? ceilDiv(span, g.strides[i]) : span / g.strides[i]) + 1;
    // A window that would start entirely inside the end padding is dropped.
    if (ceilMode && (out - 1) * g.strides[i] >= spatial[i] + g.padsBegin[i])
      --out;
    g.output.push_back(out);
  }
  return g;
}

std::optional<SmallVector<int64_t>> getConstantInts(Value value) {
  DenseIntElementsAttr attr;
  if (!value || !matchPattern(value, m_Constant(&attr)))
    return std::nullopt;
  SmallVector<int64_t> out;
  for (const APInt &v : attr.getValues<APInt>())
    out.push_back(v.getSExtValue());
  return out;
}

std::optional<SmallVector<float>> getElementsAsFloats(ElementsAttr attr) {
  if (!attr || !attr.getElementType().isF32())
    return std::nullopt;
  if (auto dense = dyn_cast<DenseFPElementsAttr>(attr)) {
    SmallVector<float> out;
    out.reserve(dense.getNumElements());
    for (float v : dense.getValues<float>())
      out.push_back(v);
    return out;
  }
  if (auto resource = dyn_cast<DenseF32ResourceElementsAttr>(attr)) {
    std::optional<ArrayRef<float>> data = resource.tryGetAsArrayRef();
    if (!data || (int64_t)data->size() != attr.getNumElements())
      return std::nullopt;
    return SmallVector<float>(data->begin(), data->end());
  }
  return std::nullopt;
}

std::optional<SmallVector<float>> getConstantFloats(Value value) {
  ElementsAttr attr;
  if (!value || !matchPattern(value, m_Constant(&attr)))
    return std::nullopt;
  return getElementsAsFloats(attr);
}

std::optional<int64_t> normalizeAxis(int64_t axis, int64_t rank) {
  if (axis < -rank || axis >= rank)
    return std::nullopt;
  return axis < 0 ? axis + rank : axis;
}

std::optional<int64_t> checkedElementCount(ArrayRef<int64_t> shape) {
  int64_t count = 1;
  for (int64_t d : shape) {
    if (d < 0 || (d != 0 && count > kMaxTensorElements / d))
      return std::nullopt;
    count *= d;
  }
  return count;
}

int64_t shapeProduct(ArrayRef<int64_t> shape) {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

} // namespace mote

namespace mote {

/// Below this many elements a constant is printed inline in the IR.
static constexpr int64_t kInlineElements = 64;

ElementsAttr makeF32Elements(ShapedType type, ArrayRef<float> values,
                             StringRef nameHint) {
  if (type.getNumElements() <= kInlineElements)
    return DenseElementsAttr::get(type, values);
  return DenseResourceElementsAttr::get(
      type, nameHint, HeapAsmResourceBlob::allocateAndCopyInferAlign(values));
}

ElementsAttr reshapeElements(ElementsAttr attr, ShapedType type) {
  if (auto dense = dyn_cast<DenseElementsAttr>(attr))
    return dense.reshape(type);
  if (auto resource = dyn_cast<DenseResourceElementsAttr>(attr))
    return DenseResourceElementsAttr::get(type, resource.getRawHandle());
  return nullptr;
}

SmallVector<int64_t> stridesOf(ArrayRef<int64_t> shape) {
  SmallVector<int64_t> strides(shape.size(), 1);
  for (int64_t i = (int64_t)shape.size() - 2; i >= 0; --i)
    strides[i] = strides[i + 1] * shape[i + 1];
  return strides;
}

SmallVector<int64_t> broadcastStrides(ArrayRef<int64_t> operand,
                                      ArrayRef<int64_t> result) {
  SmallVector<int64_t> own = stridesOf(operand);
  SmallVector<int64_t> strides(result.size(), 0);
  size_t offset = result.size() - operand.size();
  for (size_t i = 0; i < operand.size(); ++i)
    strides[offset + i] = operand[i] == 1 ? 0 : own[i];
  return strides;
}

} // namespace mote

namespace mote {
std::pair<int64_t, SmallVector<int64_t>>
SliceGeometry::offsetAndStrides(ArrayRef<int64_t> shape) const {
  SmallVector<int64_t> strides = stridesOf(shape);
  int64_t offset = 0;
  for (size_t k = 0; k < strides.size(); ++k) {
    offset += start[k] * strides[k];
    strides[k] *= step[k];
  }
  return {offset, strides};
}

FailureOr<SliceGeometry>
computeSliceGeometry(ArrayRef<int64_t> shape, ArrayRef<int64_t> starts,
                     ArrayRef<int64_t> ends, ArrayRef<int64_t> axes,
                     ArrayRef<int64_t> steps,
                     function_ref<InFlightDiagnostic()> emitError) {
  int64_t rank = shape.size();
  SliceGeometry g;
  g.start.assign(rank, 0);
  g.step.assign(rank, 1);
  g.size.assign(shape.begin(), shape.end());
  if (starts.size() != ends.size() || (!axes.empty() && axes.size() != starts.size()) ||
      (!steps.empty() && steps.size() != starts.size())) {
    emitError() << "starts, ends, axes and steps must have the same length";
    return failure();
  }
  SmallVector<bool> seen(rank, false);
  for (size_t i = 0; i < starts.size(); ++i) {
    int64_t axisValue = axes.empty() ? (int64_t)i : axes[i];
    auto axis = normalizeAxis(axisValue, rank);
    if (!axis || seen[*axis]) {
      emitError() << "axis " << axisValue << " is out of range or repeated";
      return failure();
    }
    seen[*axis] = true;
    int64_t dim = shape[*axis];
    int64_t step = steps.empty() ? 1 : steps[i];
    if (step == 0) {
      emitError() << "a step is 0";
      return failure();
    }
    // Ends are often INT64_MAX or INT64_MIN: clamp before any arithmetic.
    auto resolve = [&](int64_t v, int64_t lo, int64_t hi) {
      if (v < 0)
        v = v < -dim ? -1 : v + dim;
      return std::clamp(v, lo, hi);
    };
    int64_t start, end;
    if (step > 0) {
      start = resolve(starts[i], 0, dim);
      end = resolve(ends[i], 0, dim);
    } else {
      start = resolve(starts[i], 0, dim - 1);
      end = resolve(ends[i], -1, dim - 1);
    }
    int64_t span = step > 0 ? end - start : start - end;
    int64_t absStep = step > 0 ? step : -step;
    g.start[*axis] = start;
    g.step[*axis] = step;
    g.size[*axis] = span <= 0 ? 0 : (span + absStep - 1) / absStep;
  }
  return g;
}
} // namespace mote
