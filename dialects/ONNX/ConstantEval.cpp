//===- ConstantEval.cpp - evaluate onnx ops on constant inputs ------------===//
//
// Exporters compute shapes at run time (Shape -> Gather -> Concat -> Reshape,
// Range, Equal/Where on dims); with static shapes every such value is known
// when the model is compiled, and Mote needs it then: result types depend on
// it. This evaluator covers the ops those computations use, on small tensors
// held as ConstantTensor (doubles or int64s).
//
//===----------------------------------------------------------------------===//
#include "dialects/ONNX/ONNXDialect.h"
#include "dialects/Utils/ConstantTensor.h"
#include "dialects/Utils/ShapeHelpers.h"

#include "llvm/ADT/TypeSwitch.h"
#include <cmath>
#include <functional>

using namespace mlir;
using namespace mote;
using namespace mote::onnx;

namespace {

/// Results larger than this stay ops: they are data, not shapes.
constexpr int64_t kMaxFoldedElements = 1 << 16;

using Inputs = SmallVector<ConstantTensor>;

RankedTensorType resultType(Operation *op) {
  return cast<RankedTensorType>(op->getResult(0).getType());
}

/// Visits every output index with the broadcast offset of each input.
void forEachBroadcast(const Inputs &in, RankedTensorType out,
                      function_ref<void(int64_t, ArrayRef<int64_t>)> body) {
  SmallVector<SmallVector<int64_t>> strides;
  for (const ConstantTensor &t : in)
    strides.push_back(broadcastStrides(t.type.getShape(), out.getShape()));
  ArrayRef<int64_t> dims = out.getShape();
  SmallVector<int64_t> index(dims.size(), 0), offsets(in.size(), 0);
  for (int64_t i = 0, n = out.getNumElements(); i < n; ++i) {
    body(i, offsets);
    for (int64_t k = (int64_t)dims.size() - 1; k >= 0; --k) {
      ++index[k];
      for (size_t t = 0; t < in.size(); ++t)
        offsets[t] += strides[t][k];
      if (index[k] < dims[k])
        break;
      for (size_t t = 0; t < in.size(); ++t)
        offsets[t] -= strides[t][k] * dims[k];
      index[k] = 0;
    }
  }
}

using IntFn = std::function<std::optional<int64_t>(int64_t, int64_t)>;
using FloatFn = std::function<double(double, double)>;

/// A broadcasting binary op: integer inputs use `intFn` (exact), floats `floatFn`.
std::optional<ConstantTensor> binary(const Inputs &in, RankedTensorType out,
                                     const IntFn &intFn, const FloatFn &floatFn) {
  ConstantTensor result = ConstantTensor::zeros(out);
  bool ok = true;
  bool integer = !in[0].isFloat() && !in[1].isFloat();
  forEachBroadcast(in, out, [&](int64_t i, ArrayRef<int64_t> o) {
    if (integer) {
      auto v = intFn ? intFn(in[0].ints[o[0]], in[1].ints[o[1]]) : std::nullopt;
      ok &= v.has_value();
      result.setInt(i, v.value_or(0));
    } else {
      result.set(i, floatFn(in[0].asDouble(o[0]), in[1].asDouble(o[1])));
    }
  });
  if (!ok)
    return std::nullopt;
  return result;
}

std::optional<ConstantTensor> unary(const ConstantTensor &x, RankedTensorType out,
                                    const std::function<double(double)> &fn) {
  ConstantTensor result = ConstantTensor::zeros(out);
  for (int64_t i = 0; i < x.size(); ++i) {
    if (!x.isFloat() && !result.isFloat())
      result.setInt(i, (int64_t)fn((double)x.ints[i]));
    else
      result.set(i, fn(x.asDouble(i)));
  }
  return result;
}

/// Same data, new shape (Reshape, Flatten, Squeeze, Unsqueeze, Identity).
std::optional<ConstantTensor> reshaped(const ConstantTensor &x, RankedTensorType out) {
  ConstantTensor result = x;
  result.type = out;
  return result;
}

/// out[i] = x[offset + sum idx_k * strides_k]: Slice, Expand, Transpose.
ConstantTensor strided(const ConstantTensor &x, RankedTensorType out, int64_t offset,
                       ArrayRef<int64_t> strides) {
  ConstantTensor result = ConstantTensor::zeros(out);
  ArrayRef<int64_t> dims = out.getShape();
  SmallVector<int64_t> index(dims.size(), 0);
  int64_t at = offset;
  for (int64_t i = 0; i < result.size(); ++i) {
    if (x.isFloat())
      result.floats[i] = x.floats[at];
    else
      result.ints[i] = x.ints[at];
    for (int64_t k = (int64_t)dims.size() - 1; k >= 0; --k) {
      ++index[k];
      at += strides[k];
      if (index[k] < dims[k])
        break;
      at -= strides[k] * dims[k];
      index[k] = 0;
    }
  }
  return result;
}

std::optional<ConstantTensor> gather(GatherOp op, const Inputs &in) {
  ArrayRef<int64_t> x = in[0].type.getShape();
  auto axis = normalizeAxis(op.getAxis(), x.size());
  if (!axis)
    return std::nullopt;
  int64_t outer = shapeProduct(x.take_front(*axis)), dim = x[*axis],
          inner = shapeProduct(x.drop_front(*axis + 1)), n = in[1].size();
  ConstantTensor result = ConstantTensor::zeros(resultType(op));
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t j = 0; j < n; ++j) {
      int64_t k = in[1].ints[j] < 0 ? in[1].ints[j] + dim : in[1].ints[j];
      if (k < 0 || k >= dim)
        return std::nullopt;
      for (int64_t t = 0; t < inner; ++t) {
        int64_t from = (o * dim + k) * inner + t, to = (o * n + j) * inner + t;
        if (in[0].isFloat())
          result.floats[to] = in[0].floats[from];
        else
          result.ints[to] = in[0].ints[from];
      }
    }
  return result;
}

std::optional<ConstantTensor> concat(ConcatOp op, const Inputs &in) {
  RankedTensorType out = resultType(op);
  int64_t axis = op.getAxis() < 0 ? op.getAxis() + out.getRank() : op.getAxis();
  int64_t outer = shapeProduct(out.getShape().take_front(axis));
  ConstantTensor result = ConstantTensor::zeros(out);
  int64_t at = 0;
  for (int64_t o = 0; o < outer; ++o)
    for (const ConstantTensor &t : in) {
      int64_t chunk = t.size() / std::max<int64_t>(outer, 1);
      for (int64_t c = 0; c < chunk; ++c, ++at) {
        if (result.isFloat())
          result.floats[at] = t.asDouble(o * chunk + c);
        else
          result.ints[at] = t.asInt(o * chunk + c);
      }
    }
  return result;
}

std::optional<ConstantTensor> slice(SliceOp op, const Inputs &in) {
  SmallVector<int64_t> axes, steps;
  if (op.getAxes())
    axes.assign(in[3].ints.begin(), in[3].ints.end());
  if (op.getSteps())
    steps.assign(in[4].ints.begin(), in[4].ints.end());
  auto geometry = computeSliceGeometry(in[0].type.getShape(), in[1].ints, in[2].ints, axes,
                                       steps, [&] { return op.emitError(); });
  if (failed(geometry))
    return std::nullopt;
  auto [offset, strides] = geometry->offsetAndStrides(in[0].type.getShape());
  return strided(in[0], resultType(op), offset, strides);
}

std::optional<ConstantTensor> where(const Inputs &in, RankedTensorType out) {
  ConstantTensor result = ConstantTensor::zeros(out);
  forEachBroadcast(in, out, [&](int64_t i, ArrayRef<int64_t> o) {
    const ConstantTensor &pick = in[0].ints[o[0]] ? in[1] : in[2];
    int64_t at = in[0].ints[o[0]] ? o[1] : o[2];
    if (result.isFloat())
      result.floats[i] = pick.floats[at];
    else
      result.ints[i] = pick.ints[at];
  });
  return result;
}

/// Sum/Prod/Max/Min/Mean over the reduced axes of a small constant.
std::optional<ConstantTensor> reduce(Operation *op, const Inputs &in) {
  auto kind = op->getName().stripDialect();
  if (kind != "ReduceSum" && kind != "ReduceProd" && kind != "ReduceMax" &&
      kind != "ReduceMin" && kind != "ReduceMean")
    return std::nullopt;
  ArrayRef<int64_t> x = in[0].type.getShape();
  SmallVector<int64_t> axes;
  if (in.size() > 1)
    for (int64_t a : in[1].ints)
      axes.push_back(a < 0 ? a + (int64_t)x.size() : a);
  bool noop = op->getAttrOfType<IntegerAttr>("noop_with_empty_axes").getInt();
  if (axes.empty() && noop)
    return reshaped(in[0], resultType(op));
  SmallVector<int64_t> keep(x);
  for (auto [k, d] : llvm::enumerate(keep))
    if (axes.empty() || llvm::is_contained(axes, (int64_t)k))
      d = 1;
  auto keptType = RankedTensorType::get(keep, in[0].type.getElementType());
  SmallVector<int64_t> strides = broadcastStrides(keep, x);
  SmallVector<double> acc(keptType.getNumElements(), kind == "ReduceProd" ? 1.0
                                                      : kind == "ReduceMax" ? -INFINITY
                                                      : kind == "ReduceMin" ? INFINITY
                                                                            : 0.0);
  forEachBroadcast({in[0]}, in[0].type, [&](int64_t i, ArrayRef<int64_t>) {
    int64_t target = 0, rest = i;
    for (int64_t k = (int64_t)x.size() - 1; k >= 0; --k) {
      target += (rest % x[k]) * strides[k];
      rest /= x[k];
    }
    double v = in[0].asDouble(i);
    double &a = acc[target];
    a = kind == "ReduceProd" ? a * v
        : kind == "ReduceMax" ? std::max(a, v)
        : kind == "ReduceMin" ? std::min(a, v)
                              : a + v;
  });
  ConstantTensor result = ConstantTensor::zeros(resultType(op));
  double count = (double)in[0].size() / std::max<int64_t>(1, (int64_t)acc.size());
  for (size_t i = 0; i < acc.size(); ++i)
    result.set(i, kind == "ReduceMean" ? acc[i] / count : acc[i]);
  return result;
}

std::optional<int64_t> intDiv(int64_t a, int64_t b) {
  if (b == 0 || (a == INT64_MIN && b == -1))
    return std::nullopt;
  return a / b;
}

std::optional<int64_t> pyMod(int64_t a, int64_t b) {
  if (b == 0 || (a == INT64_MIN && b == -1))
    return std::nullopt;
  int64_t r = a % b;
  return (r != 0 && ((r < 0) != (b < 0))) ? r + b : r;
}

std::optional<ConstantTensor> evaluate(Operation *op, const Inputs &in) {
  RankedTensorType out = resultType(op);
  auto cmp = [&](auto pred) {
    return binary(in, out, [pred](int64_t a, int64_t b) { return (int64_t)pred(a, b); },
                  [pred](double a, double b) { return (double)pred(a, b); });
  };
  return TypeSwitch<Operation *, std::optional<ConstantTensor>>(op)
      .Case([&](AddOp) { return binary(in, out, [](int64_t a, int64_t b) -> std::optional<int64_t> { return (int64_t)((uint64_t)a + (uint64_t)b); }, std::plus<double>()); })
      .Case([&](SubOp) { return binary(in, out, [](int64_t a, int64_t b) -> std::optional<int64_t> { return (int64_t)((uint64_t)a - (uint64_t)b); }, std::minus<double>()); })
      .Case([&](MulOp) { return binary(in, out, [](int64_t a, int64_t b) -> std::optional<int64_t> { return (int64_t)((uint64_t)a * (uint64_t)b); }, std::multiplies<double>()); })
      .Case([&](DivOp) { return binary(in, out, intDiv, std::divides<double>()); })
      .Case([&](ModOp op) {
        return op.getFmod() ? binary(in, out, nullptr, [](double a, double b) { return std::fmod(a, b); })
                            : binary(in, out, pyMod, nullptr);
      })
      .Case([&](EqualOp) { return cmp(std::equal_to<>()); })
      .Case([&](LessOp) { return cmp(std::less<>()); })
      .Case([&](LessOrEqualOp) { return cmp(std::less_equal<>()); })
      .Case([&](GreaterOp) { return cmp(std::greater<>()); })
      .Case([&](GreaterOrEqualOp) { return cmp(std::greater_equal<>()); })
      .Case([&](AndOp) { return cmp([](auto a, auto b) { return a != 0 && b != 0; }); })
      .Case([&](OrOp) { return cmp([](auto a, auto b) { return a != 0 || b != 0; }); })
      .Case([&](NotOp) { return unary(in[0], out, [](double v) { return v == 0.0 ? 1.0 : 0.0; }); })
      .Case([&](NegOp) { return unary(in[0], out, [](double v) { return -v; }); })
      .Case([&](AbsOp) { return unary(in[0], out, [](double v) { return std::fabs(v); }); })
      .Case([&](SqrtOp) { return unary(in[0], out, [](double v) { return std::sqrt(v); }); })
      .Case([&](CeilOp) { return unary(in[0], out, [](double v) { return std::ceil(v); }); })
      .Case([&](FloorOp) { return unary(in[0], out, [](double v) { return std::floor(v); }); })
      .Case([&](CastOp) { return unary(in[0], out, [](double v) { return v; }); })
      .Case([&](CastLikeOp) { return unary(in[0], out, [](double v) { return v; }); })
      .Case([&](WhereOp) { return where(in, out); })
      .Case([&](GatherOp op) { return gather(op, in); })
      .Case([&](ConcatOp op) { return concat(op, in); })
      .Case([&](SliceOp op) { return slice(op, in); })
      .Case([&](ExpandOp) {
        return strided(in[0], out, 0, broadcastStrides(in[0].type.getShape(), out.getShape()));
      })
      .Case<ReshapeOp, FlattenOp, SqueezeOp, UnsqueezeOp>(
          [&](Operation *) { return reshaped(in[0], out); })
      .Case<ReduceSumOp, ReduceProdOp, ReduceMaxOp, ReduceMinOp, ReduceMeanOp>(
          [&](Operation *op) { return reduce(op, in); })
      .Default([](Operation *) { return std::nullopt; });
}

} // namespace

Attribute mote::onnx::evaluateConstantOp(Operation *op, ArrayRef<Attribute> operands) {
  if (op->getNumResults() != 1 || resultType(op).getNumElements() > kMaxFoldedElements)
    return {};
  Inputs inputs;
  for (Attribute attr : operands) {
    auto constant = readConstant(attr, kMaxFoldedElements);
    if (!constant)
      return {};
    inputs.push_back(std::move(*constant));
  }
  // Integer inputs with a mixed int/float operation (Mod etc.) are read as
  // doubles; ops whose inputs mix ints and floats are Cast and Where only.
  auto result = evaluate(op, inputs);
  if (!result)
    return {};
  return toAttribute(*result);
}
