//===- IndexingOps.cpp - result types of the indexing and movement ops ----===//
//
// Split, GatherElements, ScatterElements, ScatterND, GatherND, Trilu,
// CumSum/CumProd, TopK, OneHot, DepthToSpace, SpaceToDepth, Compress,
// EyeLike and ReverseSequence: every result shape is static, so the inputs
// that decide a shape (split sizes, k, depth, the Compress condition, axes)
// must be constants; a shape that cannot be derived is an error at the node.
//
//===----------------------------------------------------------------------===//
#include "dialects/ONNX/ONNXDialect.h"
#include "dialects/Utils/ConstantTensor.h"
#include "dialects/Utils/ShapeHelpers.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/TypeUtilities.h"

using namespace mlir;
using namespace mote;
using namespace mote::onnx;

namespace {
using Loc = std::optional<Location>;

LogicalResult fail(Loc loc, const Twine &message) { return emitOptionalError(loc, message); }

ArrayRef<int64_t> shapeOf(Value v) { return cast<RankedTensorType>(v.getType()).getShape(); }

Type elementOf(Value v) { return getElementTypeOrSelf(v.getType()); }

LogicalResult requireStatic(Loc loc, ValueRange values) {
  for (Value v : values) {
    if (!v)
      continue;
    auto type = dyn_cast<RankedTensorType>(v.getType());
    if (!type || !type.hasStaticShape())
      return fail(loc, "operands must have static shapes");
  }
  return success();
}

LogicalResult pushTensor(Loc loc, ArrayRef<int64_t> shape, Type elementType,
                         SmallVectorImpl<Type> &types) {
  std::optional<int64_t> count = checkedElementCount(shape);
  if (!count)
    return fail(loc, "the result would have a negative dim or more than " +
                         Twine(kMaxTensorElements) + " elements");
  if (*count == 0)
    return fail(loc, "the result would be empty (a dim is 0); empty tensors are not "
                     "supported");
  types.push_back(RankedTensorType::get(shape, elementType));
  return success();
}

/// An input that decides a shape (or what the compiler builds) must be a
/// constant with one element.
std::optional<int64_t> constantScalar(Loc loc, Value v, const Twine &what, const Twine &why) {
  auto values = getConstantInts(v);
  if (!values || values->size() != 1) {
    (void)fail(loc, what + " must be a constant scalar (" + why + ")");
    return std::nullopt;
  }
  return (*values)[0];
}

bool isReduction(StringRef r) {
  return r == "none" || r == "add" || r == "mul" || r == "max" || r == "min";
}
} // namespace

namespace mote::onnx {
/// The part sizes of a Split: from the constant `split` input, else
/// `numOutputs` parts of ceil(dim / numOutputs) (the last one smaller).
FailureOr<SmallVector<int64_t>> splitSizes(Loc loc, int64_t dim, Value split,
                                           std::optional<int64_t> numOutputs) {
  SmallVector<int64_t> sizes;
  if (split) {
    auto values = getConstantInts(split);
    if (!values)
      return fail(loc, "split sizes must be a constant (the result shapes depend on them)");
    sizes = *values;
    int64_t total = 0;
    for (int64_t s : sizes) {
      if (s < 0)
        return fail(loc, "a split size is negative");
      total += s;
    }
    if (total != dim)
      return fail(loc, "split sizes add up to " + Twine(total) + ", not the dim " +
                           Twine(dim));
    return sizes;
  }
  if (!numOutputs || *numOutputs < 1)
    return fail(loc, "Split needs split sizes or num_outputs");
  if (*numOutputs > dim)
    return fail(loc, "num_outputs " + Twine(*numOutputs) + " exceeds the dim " + Twine(dim) +
                         " (empty parts are not supported)");
  int64_t n = *numOutputs, chunk = (dim + n - 1) / n;
  for (int64_t i = 0; i < n; ++i)
    sizes.push_back(std::max<int64_t>(0, std::min(chunk, dim - i * chunk)));
  return sizes;
}
} // namespace mote::onnx

LogicalResult SplitOp::inferReturnTypes(MLIRContext *, Loc loc, Adaptor adaptor,
                                        SmallVectorImpl<Type> &types) {
  if (failed(requireStatic(loc, {adaptor.getInput()})))
    return failure();
  ArrayRef<int64_t> x = shapeOf(adaptor.getInput());
  auto axis = normalizeAxis(adaptor.getAxis(), x.size());
  if (!axis)
    return fail(loc, "axis " + Twine(adaptor.getAxis()) + " is out of range");
  std::optional<int64_t> numOutputs;
  if (auto n = adaptor.getNumOutputsAttr())
    numOutputs = n.getInt();
  auto sizes = splitSizes(loc, x[*axis], adaptor.getSplit(), numOutputs);
  if (failed(sizes))
    return failure();
  for (int64_t s : *sizes) {
    SmallVector<int64_t> shape(x);
    shape[*axis] = s;
    if (failed(pushTensor(loc, shape, elementOf(adaptor.getInput()), types)))
      return failure();
  }
  return success();
}

LogicalResult GatherElementsOp::inferReturnTypes(MLIRContext *, Loc loc, Adaptor adaptor,
                                                 SmallVectorImpl<Type> &types) {
  if (failed(requireStatic(loc, adaptor.getOperands())))
    return failure();
  ArrayRef<int64_t> x = shapeOf(adaptor.getData()), i = shapeOf(adaptor.getIndices());
  if (x.size() != i.size() || x.empty())
    return fail(loc, "data and indices must have the same rank, at least 1");
  if (!normalizeAxis(adaptor.getAxis(), x.size()))
    return fail(loc, "axis " + Twine(adaptor.getAxis()) + " is out of range");
  return pushTensor(loc, i, elementOf(adaptor.getData()), types);
}

LogicalResult ScatterElementsOp::inferReturnTypes(MLIRContext *, Loc loc, Adaptor adaptor,
                                                  SmallVectorImpl<Type> &types) {
  if (failed(requireStatic(loc, adaptor.getOperands())))
    return failure();
  ArrayRef<int64_t> x = shapeOf(adaptor.getData()), i = shapeOf(adaptor.getIndices());
  if (x.size() != i.size() || x.empty())
    return fail(loc, "data and indices must have the same rank, at least 1");
  if (i != shapeOf(adaptor.getUpdates()))
    return fail(loc, "indices and updates must have the same shape");
  if (elementOf(adaptor.getUpdates()) != elementOf(adaptor.getData()))
    return fail(loc, "data and updates have different element types");
  if (!normalizeAxis(adaptor.getAxis(), x.size()))
    return fail(loc, "axis " + Twine(adaptor.getAxis()) + " is out of range");
  if (!isReduction(adaptor.getReduction()))
    return fail(loc, "unknown reduction '" + adaptor.getReduction() + "'");
  types.push_back(adaptor.getData().getType());
  return success();
}

LogicalResult ScatterNDOp::inferReturnTypes(MLIRContext *, Loc loc, Adaptor adaptor,
                                            SmallVectorImpl<Type> &types) {
  if (failed(requireStatic(loc, adaptor.getOperands())))
    return failure();
  ArrayRef<int64_t> x = shapeOf(adaptor.getData()), i = shapeOf(adaptor.getIndices());
  if (i.empty() || x.empty() || i.back() > (int64_t)x.size() || i.back() < 1)
    return fail(loc, "indices must end in a dim of 1 to the rank of data");
  SmallVector<int64_t> updates(i.drop_back());
  llvm::append_range(updates, x.drop_front(i.back()));
  if (ArrayRef<int64_t>(updates) != shapeOf(adaptor.getUpdates()))
    return fail(loc, "updates must have shape indices.shape[:-1] + data.shape[indices.shape[-1]:]");
  if (elementOf(adaptor.getUpdates()) != elementOf(adaptor.getData()))
    return fail(loc, "data and updates have different element types");
  if (!isReduction(adaptor.getReduction()))
    return fail(loc, "unknown reduction '" + adaptor.getReduction() + "'");
  types.push_back(adaptor.getData().getType());
  return success();
}

LogicalResult GatherNDOp::inferReturnTypes(MLIRContext *, Loc loc, Adaptor adaptor,
                                           SmallVectorImpl<Type> &types) {
  if (failed(requireStatic(loc, adaptor.getOperands())))
    return failure();
  ArrayRef<int64_t> x = shapeOf(adaptor.getData()), i = shapeOf(adaptor.getIndices());
  int64_t b = adaptor.getBatchDims();
  if (b < 0 || b >= (int64_t)std::min(x.size(), i.size()))
    return fail(loc, "batch_dims must be below the ranks of data and indices");
  if (x.take_front(b) != i.take_front(b))
    return fail(loc, "data and indices differ in the batch dims");
  int64_t last = i.back();
  if (last < 1 || last > (int64_t)x.size() - b)
    return fail(loc, "the last dim of indices must be 1 to rank(data) - batch_dims");
  SmallVector<int64_t> shape(i.drop_back());
  llvm::append_range(shape, x.drop_front(b + last));
  return pushTensor(loc, shape, elementOf(adaptor.getData()), types);
}

LogicalResult TriluOp::inferReturnTypes(MLIRContext *, Loc loc, Adaptor adaptor,
                                        SmallVectorImpl<Type> &types) {
  if (failed(requireStatic(loc, {adaptor.getInput()})))
    return failure();
  if (shapeOf(adaptor.getInput()).size() < 2)
    return fail(loc, "Trilu needs rank >= 2");
  if (Value k = adaptor.getK(); k && !constantScalar(loc, k, "k", "the mask is built at compile time"))
    return failure();
  types.push_back(adaptor.getInput().getType());
  return success();
}

template <typename Adaptor>
static LogicalResult inferCumulative(Loc loc, Adaptor adaptor, SmallVectorImpl<Type> &types) {
  if (failed(requireStatic(loc, {adaptor.getX()})))
    return failure();
  auto axis = constantScalar(loc, adaptor.getAxis(), "axis", "the kernel is specialized for it");
  if (!axis)
    return failure();
  if (!normalizeAxis(*axis, shapeOf(adaptor.getX()).size()))
    return fail(loc, "axis " + Twine(*axis) + " is out of range");
  types.push_back(adaptor.getX().getType());
  return success();
}

LogicalResult CumSumOp::inferReturnTypes(MLIRContext *, Loc loc, Adaptor adaptor,
                                         SmallVectorImpl<Type> &types) {
  return inferCumulative(loc, adaptor, types);
}

LogicalResult CumProdOp::inferReturnTypes(MLIRContext *, Loc loc, Adaptor adaptor,
                                          SmallVectorImpl<Type> &types) {
  return inferCumulative(loc, adaptor, types);
}

LogicalResult TopKOp::inferReturnTypes(MLIRContext *ctx, Loc loc, Adaptor adaptor,
                                       SmallVectorImpl<Type> &types) {
  if (failed(requireStatic(loc, {adaptor.getX()})))
    return failure();
  ArrayRef<int64_t> x = shapeOf(adaptor.getX());
  auto axis = normalizeAxis(adaptor.getAxis(), x.size());
  if (!axis)
    return fail(loc, "axis " + Twine(adaptor.getAxis()) + " is out of range");
  auto k = constantScalar(loc, adaptor.getK(), "K", "the result's shape depends on it");
  if (!k)
    return failure();
  if (*k < 0 || *k > x[*axis])
    return fail(loc, "K = " + Twine(*k) + " is outside [0, " + Twine(x[*axis]) + "]");
  SmallVector<int64_t> shape(x);
  shape[*axis] = *k;
  if (failed(pushTensor(loc, shape, elementOf(adaptor.getX()), types)))
    return failure();
  return pushTensor(loc, shape, IntegerType::get(ctx, 64), types);
}

LogicalResult OneHotOp::inferReturnTypes(MLIRContext *, Loc loc, Adaptor adaptor,
                                         SmallVectorImpl<Type> &types) {
  if (failed(requireStatic(loc, adaptor.getOperands())))
    return failure();
  ArrayRef<int64_t> i = shapeOf(adaptor.getIndices());
  auto depthValues = getConstantFloats(adaptor.getDepth());
  if (!depthValues || depthValues->size() != 1)
    return fail(loc, "depth must be a constant scalar (the result's shape depends on it)");
  float depthValue = (*depthValues)[0];
  if (!(depthValue >= 1 && depthValue <= (float)kMaxTensorElements))
    return fail(loc, "depth must be positive and at most " + Twine(kMaxTensorElements));
  int64_t depth = (int64_t)depthValue;
  if (shapeProduct(shapeOf(adaptor.getValues())) != 2)
    return fail(loc, "values must hold two elements: off and on");
  auto axis = normalizeAxis(adaptor.getAxis(), i.size() + 1);
  if (!axis)
    return fail(loc, "axis " + Twine(adaptor.getAxis()) + " is out of range");
  SmallVector<int64_t> shape(i);
  shape.insert(shape.begin() + *axis, depth);
  return pushTensor(loc, shape, elementOf(adaptor.getValues()), types);
}

LogicalResult DepthToSpaceOp::inferReturnTypes(MLIRContext *, Loc loc, Adaptor adaptor,
                                               SmallVectorImpl<Type> &types) {
  if (failed(requireStatic(loc, {adaptor.getInput()})))
    return failure();
  ArrayRef<int64_t> x = shapeOf(adaptor.getInput());
  int64_t b = adaptor.getBlocksize();
  if (x.size() != 4)
    return fail(loc, "DepthToSpace needs a 4-d input");
  if (b < 1 || b > x[1] || x[1] % (b * b) != 0)
    return fail(loc, "channels " + Twine(x[1]) + " are not a multiple of blocksize^2");
  if (adaptor.getMode() != "DCR" && adaptor.getMode() != "CRD")
    return fail(loc, "mode must be DCR or CRD");
  return pushTensor(loc, {x[0], x[1] / (b * b), x[2] * b, x[3] * b},
                    elementOf(adaptor.getInput()), types);
}

LogicalResult SpaceToDepthOp::inferReturnTypes(MLIRContext *, Loc loc, Adaptor adaptor,
                                               SmallVectorImpl<Type> &types) {
  if (failed(requireStatic(loc, {adaptor.getInput()})))
    return failure();
  ArrayRef<int64_t> x = shapeOf(adaptor.getInput());
  int64_t b = adaptor.getBlocksize();
  if (x.size() != 4)
    return fail(loc, "SpaceToDepth needs a 4-d input");
  if (b < 1 || b > x[2] || b > x[3] || x[2] % b != 0 || x[3] % b != 0)
    return fail(loc, "height and width must be multiples of blocksize");
  return pushTensor(loc, {x[0], x[1] * b * b, x[2] / b, x[3] / b},
                    elementOf(adaptor.getInput()), types);
}

namespace mote::onnx {
/// The positions Compress keeps: where the constant condition is true.
FailureOr<SmallVector<int64_t>> compressPositions(Loc loc, Value condition, int64_t dim) {
  auto flags = getConstantInts(condition);
  if (!flags)
    return fail(loc, "the condition must be a constant (the result's shape depends on it)");
  SmallVector<int64_t> kept;
  for (auto [i, f] : llvm::enumerate(*flags)) {
    if (!f)
      continue;
    if ((int64_t)i >= dim)
      return fail(loc, "the condition selects entry " + Twine(i) + " of a dim of " +
                           Twine(dim));
    kept.push_back(i);
  }
  return kept;
}
} // namespace mote::onnx

LogicalResult CompressOp::inferReturnTypes(MLIRContext *, Loc loc, Adaptor adaptor,
                                           SmallVectorImpl<Type> &types) {
  if (failed(requireStatic(loc, {adaptor.getInput()})))
    return failure();
  ArrayRef<int64_t> x = shapeOf(adaptor.getInput());
  SmallVector<int64_t> shape;
  int64_t dim;
  std::optional<int64_t> axis;
  if (auto a = adaptor.getAxisAttr()) {
    axis = normalizeAxis(a.getInt(), x.size());
    if (!axis)
      return fail(loc, "axis " + Twine(a.getInt()) + " is out of range");
    shape.assign(x.begin(), x.end());
    dim = x[*axis];
  } else {
    shape = {shapeProduct(x)};
    axis = 0;
    dim = shape[0];
  }
  auto kept = compressPositions(loc, adaptor.getCondition(), dim);
  if (failed(kept))
    return failure();
  shape[*axis] = kept->size();
  return pushTensor(loc, shape, elementOf(adaptor.getInput()), types);
}

LogicalResult EyeLikeOp::inferReturnTypes(MLIRContext *ctx, Loc loc, Adaptor adaptor,
                                          SmallVectorImpl<Type> &types) {
  if (failed(requireStatic(loc, {adaptor.getInput()})))
    return failure();
  ArrayRef<int64_t> x = shapeOf(adaptor.getInput());
  if (x.size() != 2)
    return fail(loc, "EyeLike needs a 2-d input");
  Type element = elementOf(adaptor.getInput());
  if (auto dtype = adaptor.getDtypeAttr()) {
    element = onnxElementType(ctx, dtype.getInt());
    if (!element)
      return fail(loc, "dtype " + Twine(dtype.getInt()) + " is not supported");
  }
  return pushTensor(loc, x, element, types);
}

OpFoldResult EyeLikeOp::fold(FoldAdaptor) {
  auto type = cast<RankedTensorType>(getType());
  if (type.getNumElements() > (1 << 20))
    return {};
  ConstantTensor eye = ConstantTensor::zeros(type);
  int64_t rows = type.getDimSize(0), cols = type.getDimSize(1), k = getK();
  for (int64_t i = 0; i < rows; ++i)
    if (i + k >= 0 && i + k < cols)
      eye.setInt(i * cols + i + k, 1);
  return toAttribute(eye);
}

LogicalResult ReverseSequenceOp::inferReturnTypes(MLIRContext *, Loc loc, Adaptor adaptor,
                                                  SmallVectorImpl<Type> &types) {
  if (failed(requireStatic(loc, adaptor.getOperands())))
    return failure();
  ArrayRef<int64_t> x = shapeOf(adaptor.getInput());
  int64_t b = adaptor.getBatchAxis(), t = adaptor.getTimeAxis();
  if (x.size() < 2 || b < 0 || b > 1 || t < 0 || t > 1 || b == t)
    return fail(loc, "batch_axis and time_axis must be 0 and 1 (either order) of an input "
                     "of rank >= 2");
  if (shapeOf(adaptor.getSequenceLens()) != ArrayRef<int64_t>{x[b]})
    return fail(loc, "sequence_lens must have one entry per batch entry");
  types.push_back(adaptor.getInput().getType());
  return success();
}
