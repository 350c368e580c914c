//===- ONNXDialect.cpp - onnx dialect and result-type inference -----------===//
#include "dialects/ONNX/ONNXDialect.h"
#include "dialects/Utils/ConstantTensor.h"
#include "dialects/Utils/ShapeHelpers.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/TypeUtilities.h"
#include "llvm/Support/MathExtras.h"

#include <algorithm>
#include <array>
#include <cmath>

using namespace mlir;
using namespace mote;
using namespace mote::onnx;

#include "dialects/ONNX/ONNXDialect.cpp.inc"

void ONNXDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "dialects/ONNX/ONNXOps.cpp.inc"
      >();
}

Operation *ONNXDialect::materializeConstant(OpBuilder &builder, Attribute value,
                                            Type type, Location loc) {
  auto elements = dyn_cast<ElementsAttr>(value);
  if (!elements || elements.getType() != type)
    return nullptr;
  return ConstantOp::create(builder, loc, elements);
}

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

namespace {
using Loc = std::optional<Location>;

/// Appends the tensor type of `shape` and `elementType` as the result, unless
/// the shape is negative or larger than any tensor Mote accepts.
LogicalResult pushTensor(std::optional<Location> loc, ArrayRef<int64_t> shape,
                         Type elementType, SmallVectorImpl<Type> &types) {
  std::optional<int64_t> count = checkedElementCount(shape);
  if (!count)
    return emitOptionalError(loc, "the result would have a negative dim or more than ",
                             kMaxTensorElements, " elements");
  if (*count == 0)
    return emitOptionalError(loc, "the result would be empty (a dim is 0); empty "
                                  "tensors are not supported");
  types.push_back(RankedTensorType::get(shape, elementType));
  return success();
}

/// The element type of the first operand: most ops' result keeps it.
Type firstElementType(ValueRange operands) {
  return getElementTypeOrSelf(operands.front().getType());
}

ArrayRef<int64_t> shapeOf(Value v) {
  return cast<RankedTensorType>(v.getType()).getShape();
}

LogicalResult fail(Loc loc, const Twine &message) {
  return emitOptionalError(loc, message);
}

/// Every value must be a ranked, statically shaped tensor before shapes can
/// be inferred; the importer guarantees it, hand-written IR may not.
LogicalResult requireStatic(Loc loc, ValueRange values) {
  for (Value v : values) {
    auto type = dyn_cast<RankedTensorType>(v.getType());
    if (!type || !type.hasStaticShape())
      return fail(loc, "operands must have static shapes");
  }
  return success();
}

/// The numpy broadcast of every operand's shape; the element type is
/// `elementType` if given, else the first operand's.
LogicalResult inferBroadcast(Loc loc, ValueRange operands, Type elementType,
                             SmallVectorImpl<Type> &types, bool sameOperandTypes = true) {
  if (operands.empty())
    return fail(loc, "needs at least one input");
  if (failed(requireStatic(loc, operands)))
    return failure();
  SmallVector<int64_t> shape(shapeOf(operands.front()));
  for (Value v : operands.drop_front()) {
    // ONNX's broadcasting ops take one element type (except Pow's exponent
    // and Where's condition).
    if (sameOperandTypes && getElementTypeOrSelf(v.getType()) != firstElementType(operands))
      return fail(loc, "operands have different element types");
    auto next = broadcastShapes(shape, shapeOf(v));
    if (!next)
      return fail(loc, "operand shapes are not broadcast-compatible");
    shape = *next;
  }
  return pushTensor(loc, shape, elementType ? elementType : firstElementType(operands),
                    types);
}

LogicalResult inferSame(Loc loc, Value input, SmallVectorImpl<Type> &types) {
  if (failed(requireStatic(loc, {input})))
    return failure();
  types.push_back(input.getType());
  return success();
}

/// Axes given as a constant input, normalized and sorted; nullopt on error.
std::optional<SmallVector<int64_t>> constantAxes(Loc loc, Value axes,
                                                 int64_t rank) {
  auto values = getConstantInts(axes);
  if (!values) {
    (void)fail(loc, "axes must be a constant");
    return std::nullopt;
  }
  SmallVector<int64_t> out;
  for (int64_t a : *values) {
    auto n = normalizeAxis(a, rank);
    if (!n || llvm::is_contained(out, *n)) {
      (void)fail(loc, "axis " + Twine(a) + " is out of range or repeated");
      return std::nullopt;
    }
    out.push_back(*n);
  }
  llvm::sort(out);
  return out;
}

/// Reductions over constant axes; no axes reduce every dim unless
/// noop_with_empty_axes makes them the identity.
LogicalResult inferReduce(Loc loc, Value data, Value axesValue, bool keepdims,
                          bool noopWithEmptyAxes, SmallVectorImpl<Type> &types) {
  if (failed(requireStatic(loc, {data})))
    return failure();
  ArrayRef<int64_t> x = shapeOf(data);
  SmallVector<int64_t> axes;
  if (axesValue) {
    auto parsed = constantAxes(loc, axesValue, x.size());
    if (!parsed)
      return failure();
    axes = *parsed;
  }
  if (axes.empty() && !noopWithEmptyAxes)
    axes = llvm::to_vector(llvm::seq<int64_t>(0, x.size()));
  SmallVector<int64_t> shape;
  for (auto [i, d] : llvm::enumerate(x)) {
    if (!llvm::is_contained(axes, (int64_t)i))
      shape.push_back(d);
    else if (keepdims)
      shape.push_back(1);
  }
  return pushTensor(loc, shape, firstElementType(data), types);
}

/// ArgMax/ArgMin: int64 indices, the axis dropped or kept as 1.
LogicalResult inferArgReduce(MLIRContext *ctx, Loc loc, Value data, int64_t axis,
                             bool keepdims, SmallVectorImpl<Type> &types) {
  if (failed(requireStatic(loc, {data})))
    return failure();
  ArrayRef<int64_t> x = shapeOf(data);
  auto normalized = normalizeAxis(axis, x.size());
  if (!normalized)
    return fail(loc, "axis " + Twine(axis) + " is out of range");
  SmallVector<int64_t> shape(x);
  if (keepdims)
    shape[*normalized] = 1;
  else
    shape.erase(shape.begin() + *normalized);
  return pushTensor(loc, shape, IntegerType::get(ctx, 64), types);
}
} // namespace

//===----------------------------------------------------------------------===//
// Constant
//===----------------------------------------------------------------------===//

OpFoldResult ConstantOp::fold(FoldAdaptor) { return getValue(); }

LogicalResult ConstantOp::inferReturnTypes(MLIRContext *, Loc loc,
                                           Adaptor adaptor,
                                           SmallVectorImpl<Type> &types) {
  auto type = dyn_cast<RankedTensorType>(adaptor.getValue().getType());
  if (!type || !type.hasStaticShape())
    return fail(loc, "constant must be a statically shaped tensor");
  types.push_back(type);
  return success();
}

//===----------------------------------------------------------------------===//
// Elementwise
//===----------------------------------------------------------------------===//


LogicalResult ClipOp::inferReturnTypes(MLIRContext *, Loc loc, Adaptor adaptor,
                                       SmallVectorImpl<Type> &types) {
  if (failed(requireStatic(loc, adaptor.getOperands())))
    return failure();
  return inferSame(loc, adaptor.getInput(), types);
}

LogicalResult ClipOp::verify() {
  for (Value bound : {getMin(), getMax()})
    if (bound && shapeProduct(shapeOf(bound)) != 1)
      return emitOpError("min and max must be scalars");
  return success();
}

//===----------------------------------------------------------------------===//
// Conv, Gemm, MatMul, BatchNormalization
//===----------------------------------------------------------------------===//

LogicalResult ConvOp::inferReturnTypes(MLIRContext *ctx, Loc loc,
                                       Adaptor adaptor,
                                       SmallVectorImpl<Type> &types) {
  if (failed(requireStatic(loc, adaptor.getOperands())))
    return failure();
  ArrayRef<int64_t> x = shapeOf(adaptor.getX()), w = shapeOf(adaptor.getW());
  if (x.size() < 3 || w.size() != x.size())
    return fail(loc, "Conv needs X and W of the same rank, at least 3");
  int64_t group = adaptor.getGroup();
  if (group < 1 || x[1] % group != 0 || w[0] % group != 0 ||
      w[1] * group != x[1])
    return fail(loc, "Conv channels (X: " + Twine(x[1]) + ", W: " +
                         Twine(w[1]) + " per group) do not match group " +
                         Twine(group));
  if (Value b = adaptor.getB())
    if (shapeOf(b).size() != 1 || shapeOf(b)[0] != w[0])
      return fail(loc, "Conv bias must have shape [" + Twine(w[0]) + "]");
  ArrayRef<int64_t> kernel = w.drop_front(2);
  if (auto ks = adaptor.getKernelShape(); ks && *ks != kernel)
    return fail(loc, "kernel_shape does not match the weights");
  auto geometry = computeWindowGeometry(
      x.drop_front(2), kernel, adaptor.getAutoPad(), adaptor.getPads(),
      adaptor.getStrides(), adaptor.getDilations(), /*ceilMode=*/false,
      [&] { return mlir::emitError(loc.value_or(UnknownLoc::get(ctx))); });
  if (failed(geometry))
    return failure();
  SmallVector<int64_t> shape = {x[0], w[0]};
  llvm::append_range(shape, geometry->output);
  return pushTensor(loc, shape, firstElementType(adaptor.getOperands()), types);
}

LogicalResult GemmOp::inferReturnTypes(MLIRContext *ctx, Loc loc,
                                       Adaptor adaptor,
                                       SmallVectorImpl<Type> &types) {
  if (failed(requireStatic(loc, adaptor.getOperands())))
    return failure();
  ArrayRef<int64_t> a = shapeOf(adaptor.getA()), b = shapeOf(adaptor.getB());
  if (a.size() != 2 || b.size() != 2)
    return fail(loc, "Gemm inputs must be 2-d");
  int64_t m = adaptor.getTransA() ? a[1] : a[0];
  int64_t ka = adaptor.getTransA() ? a[0] : a[1];
  int64_t kb = adaptor.getTransB() ? b[1] : b[0];
  int64_t n = adaptor.getTransB() ? b[0] : b[1];
  if (ka != kb)
    return fail(loc, "Gemm inner dims differ: " + Twine(ka) + " vs " + Twine(kb));
  if (Value c = adaptor.getC()) {
    auto shape = broadcastShapes({m, n}, shapeOf(c));
    if (!shape || *shape != ArrayRef<int64_t>{m, n})
      return fail(loc, "Gemm C does not broadcast to [M, N]");
  }
  return pushTensor(loc, {m, n}, firstElementType(adaptor.getOperands()), types);
}

LogicalResult MatMulOp::inferReturnTypes(MLIRContext *ctx, Loc loc,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &types) {
  if (failed(requireStatic(loc, {adaptor.getA(), adaptor.getB()})))
    return failure();
  SmallVector<int64_t> a(shapeOf(adaptor.getA())), b(shapeOf(adaptor.getB()));
  if (a.empty() || b.empty())
    return fail(loc, "MatMul inputs must have rank >= 1");
  bool vecA = a.size() == 1, vecB = b.size() == 1;
  if (vecA)
    a.insert(a.begin(), 1);
  if (vecB)
    b.push_back(1);
  if (a.back() != b[b.size() - 2])
    return fail(loc, "MatMul inner dims differ");
  auto batch = broadcastShapes(ArrayRef(a).drop_back(2), ArrayRef(b).drop_back(2));
  if (!batch)
    return fail(loc, "MatMul batch dims do not broadcast");
  SmallVector<int64_t> shape(*batch);
  if (!vecA)
    shape.push_back(a[a.size() - 2]);
  if (!vecB)
    shape.push_back(b.back());
  return pushTensor(loc, shape, firstElementType(adaptor.getOperands()), types);
}

LogicalResult BatchNormalizationOp::inferReturnTypes(
    MLIRContext *, Loc loc, Adaptor adaptor, SmallVectorImpl<Type> &types) {
  if (failed(requireStatic(loc, adaptor.getOperands())))
    return failure();
  ArrayRef<int64_t> x = shapeOf(adaptor.getX());
  if (x.size() < 2)
    return fail(loc, "BatchNormalization input must have rank >= 2");
  for (Value v : {adaptor.getScale(), adaptor.getB(), adaptor.getInputMean(),
                  adaptor.getInputVar()})
    if (shapeOf(v) != ArrayRef<int64_t>{x[1]})
      return fail(loc, "BatchNormalization parameters must have shape [C]");
  types.push_back(adaptor.getX().getType());
  return success();
}

//===----------------------------------------------------------------------===//
// Pooling, Softmax, ReduceMean
//===----------------------------------------------------------------------===//

template <typename Adaptor>
static LogicalResult inferPool(MLIRContext *ctx, Loc loc, Adaptor adaptor,
                               SmallVectorImpl<Type> &types) {
  if (failed(requireStatic(loc, {adaptor.getX()})))
    return failure();
  ArrayRef<int64_t> x = shapeOf(adaptor.getX());
  if (x.size() < 3)
    return fail(loc, "pooling input must have rank >= 3");
  auto geometry = computeWindowGeometry(
      x.drop_front(2), adaptor.getKernelShape(), adaptor.getAutoPad(),
      adaptor.getPads(), adaptor.getStrides(), adaptor.getDilations(),
      adaptor.getCeilMode() != 0, [&] { return mlir::emitError(loc.value_or(UnknownLoc::get(ctx))); });
  if (failed(geometry))
    return failure();
  SmallVector<int64_t> shape = {x[0], x[1]};
  llvm::append_range(shape, geometry->output);
  return pushTensor(loc, shape, firstElementType(adaptor.getOperands()), types);
}

LogicalResult MaxPoolOp::inferReturnTypes(MLIRContext *ctx, Loc loc,
                                          Adaptor adaptor,
                                          SmallVectorImpl<Type> &types) {
  return inferPool(ctx, loc, adaptor, types);
}

LogicalResult AveragePoolOp::inferReturnTypes(MLIRContext *ctx, Loc loc,
                                              Adaptor adaptor,
                                              SmallVectorImpl<Type> &types) {
  return inferPool(ctx, loc, adaptor, types);
}


LogicalResult SoftmaxOp::inferReturnTypes(MLIRContext *, Loc loc,
                                          Adaptor adaptor,
                                          SmallVectorImpl<Type> &types) {
  return inferSame(loc, adaptor.getInput(), types);
}

LogicalResult SoftmaxOp::verify() {
  if (!normalizeAxis(getAxis(), shapeOf(getInput()).size()))
    return emitOpError("axis ") << getAxis() << " is out of range";
  return success();
}

//===----------------------------------------------------------------------===//
// Data movement
//===----------------------------------------------------------------------===//

LogicalResult ReshapeOp::inferReturnTypes(MLIRContext *ctx, Loc loc,
                                          Adaptor adaptor,
                                          SmallVectorImpl<Type> &types) {
  if (failed(requireStatic(loc, {adaptor.getData()})))
    return failure();
  ArrayRef<int64_t> x = shapeOf(adaptor.getData());
  auto target = getConstantInts(adaptor.getShape());
  if (!target)
    return fail(loc, "Reshape needs a constant shape");
  SmallVector<int64_t> shape;
  int64_t inferred = -1, known = 1;
  for (auto [i, d] : llvm::enumerate(*target)) {
    if (d == 0 && !adaptor.getAllowzero()) {
      if (i >= x.size())
        return fail(loc, "Reshape copies dim " + Twine(i) + " that the input lacks");
      d = x[i];
    }
    if (d == -1) {
      if (inferred >= 0)
        return fail(loc, "Reshape shape has more than one -1");
      inferred = i;
      shape.push_back(1);
      continue;
    }
    if (d < 0)
      return fail(loc, "Reshape shape has a negative dim");
    shape.push_back(d);
    if (llvm::MulOverflow(known, d, known))
      return fail(loc, "Reshape shape is too large");
  }
  int64_t total = shapeProduct(x);
  if (inferred >= 0) {
    if (known == 0 || total % known != 0)
      return fail(loc, "Reshape cannot infer the -1 dim");
    shape[inferred] = total / known;
  } else if (known != total) {
    return fail(loc, "Reshape changes the element count from " + Twine(total) +
                         " to " + Twine(known));
  }
  return pushTensor(loc, shape, firstElementType(adaptor.getOperands()), types);
}

LogicalResult FlattenOp::inferReturnTypes(MLIRContext *ctx, Loc loc,
                                          Adaptor adaptor,
                                          SmallVectorImpl<Type> &types) {
  if (failed(requireStatic(loc, {adaptor.getInput()})))
    return failure();
  ArrayRef<int64_t> x = shapeOf(adaptor.getInput());
  int64_t axis = adaptor.getAxis();
  if (axis < 0)
    axis += x.size();
  if (axis < 0 || axis > (int64_t)x.size())
    return fail(loc, "Flatten axis is out of range");
  return pushTensor(loc, {shapeProduct(x.take_front(axis)),
                                  shapeProduct(x.drop_front(axis))}, firstElementType(adaptor.getOperands()), types);
}

LogicalResult SqueezeOp::inferReturnTypes(MLIRContext *ctx, Loc loc,
                                          Adaptor adaptor,
                                          SmallVectorImpl<Type> &types) {
  if (failed(requireStatic(loc, {adaptor.getData()})))
    return failure();
  ArrayRef<int64_t> x = shapeOf(adaptor.getData());
  SmallVector<int64_t> axes;
  if (Value axesValue = adaptor.getAxes()) {
    auto parsed = constantAxes(loc, axesValue, x.size());
    if (!parsed)
      return failure();
    axes = *parsed;
  } else {
    for (auto [i, d] : llvm::enumerate(x))
      if (d == 1)
        axes.push_back(i);
  }
  SmallVector<int64_t> shape;
  for (auto [i, d] : llvm::enumerate(x)) {
    if (!llvm::is_contained(axes, (int64_t)i)) {
      shape.push_back(d);
      continue;
    }
    if (d != 1)
      return fail(loc, "Squeeze axis " + Twine(i) + " has size " + Twine(d));
  }
  return pushTensor(loc, shape, firstElementType(adaptor.getOperands()), types);
}

LogicalResult UnsqueezeOp::inferReturnTypes(MLIRContext *ctx, Loc loc,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &types) {
  if (failed(requireStatic(loc, {adaptor.getData()})))
    return failure();
  ArrayRef<int64_t> x = shapeOf(adaptor.getData());
  int64_t rank = x.size();
  auto count = getConstantInts(adaptor.getAxes());
  if (!count)
    return fail(loc, "axes must be a constant");
  auto axes = constantAxes(loc, adaptor.getAxes(), rank + count->size());
  if (!axes)
    return failure();
  SmallVector<int64_t> shape;
  const int64_t *next = x.begin();
  for (int64_t i = 0; i < rank + (int64_t)axes->size(); ++i)
    shape.push_back(llvm::is_contained(*axes, i) ? 1 : *next++);
  return pushTensor(loc, shape, firstElementType(adaptor.getOperands()), types);
}

LogicalResult TransposeOp::inferReturnTypes(MLIRContext *ctx, Loc loc,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &types) {
  if (failed(requireStatic(loc, {adaptor.getData()})))
    return failure();
  ArrayRef<int64_t> x = shapeOf(adaptor.getData());
  SmallVector<int64_t> perm;
  if (auto p = adaptor.getPerm())
    perm.assign(p->begin(), p->end());
  else
    for (int64_t i = x.size() - 1; i >= 0; --i)
      perm.push_back(i);
  if (perm.size() != x.size())
    return fail(loc, "Transpose perm has the wrong length");
  SmallVector<int64_t> shape;
  SmallVector<bool> seen(x.size(), false);
  for (int64_t p : perm) {
    if (p < 0 || p >= (int64_t)x.size() || seen[p])
      return fail(loc, "Transpose perm is not a permutation");
    seen[p] = true;
    shape.push_back(x[p]);
  }
  return pushTensor(loc, shape, firstElementType(adaptor.getOperands()), types);
}

LogicalResult ConcatOp::inferReturnTypes(MLIRContext *ctx, Loc loc,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &types) {
  ValueRange inputs = adaptor.getInputs();
  if (inputs.empty())
    return fail(loc, "Concat needs at least one input");
  if (failed(requireStatic(loc, inputs)))
    return failure();
  SmallVector<int64_t> shape(shapeOf(inputs[0]));
  auto axis = normalizeAxis(adaptor.getAxis(), shape.size());
  if (!axis)
    return fail(loc, "Concat axis is out of range");
  for (Value v : inputs.drop_front()) {
    ArrayRef<int64_t> s = shapeOf(v);
    if (s.size() != shape.size())
      return fail(loc, "Concat inputs differ in rank");
    for (size_t i = 0; i < s.size(); ++i)
      if ((int64_t)i != *axis && s[i] != shape[i])
        return fail(loc, "Concat inputs differ in dim " + Twine(i));
    shape[*axis] += s[*axis];
  }
  return pushTensor(loc, shape, firstElementType(adaptor.getOperands()), types);
}

LogicalResult PadOp::inferReturnTypes(MLIRContext *ctx, Loc loc,
                                      Adaptor adaptor,
                                      SmallVectorImpl<Type> &types) {
  if (failed(requireStatic(loc, {adaptor.getData()})))
    return failure();
  ArrayRef<int64_t> x = shapeOf(adaptor.getData());
  auto pads = getConstantInts(adaptor.getPads());
  if (!pads)
    return fail(loc, "Pad needs constant pads");
  if (pads->size() != 2 * x.size())
    return fail(loc, "Pad needs " + Twine(2 * x.size()) + " pads");
  SmallVector<int64_t> shape;
  for (size_t i = 0; i < x.size(); ++i) {
    int64_t d;
    if (llvm::AddOverflow(x[i], (*pads)[i], d) ||
        llvm::AddOverflow(d, (*pads)[i + x.size()], d) || d < 0)
      return fail(loc, "Pad makes dim " + Twine(i) + " negative or too large");
    shape.push_back(d);
  }
  return pushTensor(loc, shape, firstElementType(adaptor.getOperands()), types);
}


LogicalResult GlobalAveragePoolOp::inferReturnTypes(
    MLIRContext *ctx, Loc loc, Adaptor adaptor, SmallVectorImpl<Type> &types) {
  if (failed(requireStatic(loc, {adaptor.getX()})))
    return failure();
  SmallVector<int64_t> shape(shapeOf(adaptor.getX()));
  if (shape.size() < 3)
    return fail(loc, "GlobalAveragePool input must have rank >= 3");
  std::fill(shape.begin() + 2, shape.end(), 1);
  return pushTensor(loc, shape, firstElementType(adaptor.getOperands()), types);
}

//===----------------------------------------------------------------------===//
// Element type conversions, remainders, shifts, selection
//===----------------------------------------------------------------------===//

LogicalResult CastOp::inferReturnTypes(MLIRContext *ctx, Loc loc, Adaptor adaptor,
                                       SmallVectorImpl<Type> &types) {
  Type element = onnxElementType(ctx, adaptor.getTo());
  if (!element)
    return fail(loc, "cannot cast to element type " + Twine(adaptor.getTo()) +
                         " (strings, complex and 8-bit or 4-bit floats are not supported)");
  return inferBroadcast(loc, adaptor.getInput(), element, types);
}

LogicalResult CastLikeOp::inferReturnTypes(MLIRContext *, Loc loc, Adaptor adaptor,
                                           SmallVectorImpl<Type> &types) {
  return inferBroadcast(loc, adaptor.getInput(),
                        getElementTypeOrSelf(adaptor.getTargetType().getType()), types);
}

LogicalResult ModOp::inferReturnTypes(MLIRContext *, Loc loc, Adaptor adaptor,
                                      SmallVectorImpl<Type> &types) {
  if (!adaptor.getFmod() && isa<FloatType>(firstElementType(adaptor.getOperands())))
    return fail(loc, "Mod of floats needs fmod = 1");
  return inferBroadcast(loc, adaptor.getOperands(), {}, types);
}

LogicalResult BitShiftOp::inferReturnTypes(MLIRContext *, Loc loc, Adaptor adaptor,
                                           SmallVectorImpl<Type> &types) {
  if (adaptor.getDirection() != "LEFT" && adaptor.getDirection() != "RIGHT")
    return fail(loc, "direction must be LEFT or RIGHT");
  return inferBroadcast(loc, adaptor.getOperands(), {}, types);
}

LogicalResult WhereOp::inferReturnTypes(MLIRContext *, Loc loc, Adaptor adaptor,
                                        SmallVectorImpl<Type> &types) {
  if (adaptor.getX().getType() && getElementTypeOrSelf(adaptor.getX().getType()) !=
                                      getElementTypeOrSelf(adaptor.getY().getType()))
    return fail(loc, "X and Y have different element types");
  return inferBroadcast(loc, adaptor.getOperands(),
                        getElementTypeOrSelf(adaptor.getX().getType()), types,
                        /*sameOperandTypes=*/false);
}

//===----------------------------------------------------------------------===//
// Shapes
//===----------------------------------------------------------------------===//

namespace {
/// [start, end) of Shape's dims, clamped as ONNX does.
std::pair<int64_t, int64_t> shapeRange(int64_t rank, std::optional<int64_t> start,
                                       std::optional<int64_t> end) {
  auto clampDim = [&](int64_t v) {
    if (v < 0)
      v += rank;
    return std::clamp<int64_t>(v, 0, rank);
  };
  int64_t first = start ? clampDim(*start) : 0;
  int64_t last = end ? clampDim(*end) : rank;
  return {first, std::max(first, last)};
}

RankedTensorType i64Vector(MLIRContext *ctx, int64_t n) {
  return RankedTensorType::get({n}, IntegerType::get(ctx, 64));
}
} // namespace

LogicalResult ShapeOp::inferReturnTypes(MLIRContext *ctx, Loc loc, Adaptor adaptor,
                                        SmallVectorImpl<Type> &types) {
  if (failed(requireStatic(loc, {adaptor.getData()})))
    return failure();
  auto [first, last] = shapeRange(shapeOf(adaptor.getData()).size(), adaptor.getStart(),
                                  adaptor.getEnd());
  if (last == first)
    return fail(loc, "the result would be empty; empty tensors are not supported");
  types.push_back(i64Vector(ctx, last - first));
  return success();
}

OpFoldResult ShapeOp::fold(FoldAdaptor) {
  ArrayRef<int64_t> shape = shapeOf(getData());
  auto [first, last] = shapeRange(shape.size(), getStart(), getEnd());
  return DenseElementsAttr::get(cast<RankedTensorType>(getType()),
                                shape.slice(first, last - first));
}

LogicalResult SizeOp::inferReturnTypes(MLIRContext *ctx, Loc loc, Adaptor adaptor,
                                       SmallVectorImpl<Type> &types) {
  if (failed(requireStatic(loc, {adaptor.getData()})))
    return failure();
  types.push_back(RankedTensorType::get({}, IntegerType::get(ctx, 64)));
  return success();
}

OpFoldResult SizeOp::fold(FoldAdaptor) {
  return DenseElementsAttr::get(cast<RankedTensorType>(getType()),
                                shapeProduct(shapeOf(getData())));
}

LogicalResult ConstantOfShapeOp::inferReturnTypes(MLIRContext *ctx, Loc loc,
                                                  Adaptor adaptor,
                                                  SmallVectorImpl<Type> &types) {
  auto shape = getConstantInts(adaptor.getInput());
  if (!shape)
    return fail(loc, "the shape must be a constant");
  Type element = Float32Type::get(ctx);
  if (auto value = adaptor.getValueAttr()) {
    if (value.getNumElements() != 1)
      return fail(loc, "value must hold one element");
    element = value.getElementType();
  }
  return pushTensor(loc, *shape, element, types);
}

OpFoldResult ConstantOfShapeOp::fold(FoldAdaptor) {
  auto type = cast<RankedTensorType>(getType());
  if (auto value = getValueAttr()) {
    if (auto dense = dyn_cast<DenseElementsAttr>(value))
      return DenseElementsAttr::get(type, dense.getValues<Attribute>()[0]);
    return {};
  }
  return DenseElementsAttr::get(type, FloatAttr::get(type.getElementType(), 0.0));
}

namespace {
Attribute getConstantAttr(Value v) {
  Attribute attr;
  if (v && matchPattern(v, m_Constant(&attr)))
    return attr;
  return {};
}

/// start, limit and delta of a Range, read as doubles, if all are constants.
std::optional<std::array<double, 3>> rangeBounds(ValueRange operands) {
  std::array<double, 3> out;
  for (auto [i, v] : llvm::enumerate(operands)) {
    auto constant = readConstant(getConstantAttr(v));
    if (!constant || constant->size() != 1)
      return std::nullopt;
    out[i] = constant->asDouble(0);
  }
  return out;
}
} // namespace

LogicalResult RangeOp::inferReturnTypes(MLIRContext *, Loc loc, Adaptor adaptor,
                                        SmallVectorImpl<Type> &types) {
  auto bounds = rangeBounds(adaptor.getOperands());
  if (!bounds)
    return fail(loc, "start, limit and delta must be constant scalars (the result's "
                     "size depends on them)");
  auto [start, limit, delta] = *bounds;
  if (delta == 0)
    return fail(loc, "delta is 0");
  double count = std::ceil((limit - start) / delta);
  if (!(count <= (double)kMaxTensorElements))
    return fail(loc, "the result would be too large");
  return pushTensor(loc, {std::max<int64_t>(0, (int64_t)count)},
                    firstElementType(adaptor.getOperands()), types);
}

OpFoldResult RangeOp::fold(FoldAdaptor) {
  auto bounds = rangeBounds(getOperands());
  auto type = cast<RankedTensorType>(getType());
  if (!bounds || type.getNumElements() > (1 << 16))
    return {};
  ConstantTensor result = ConstantTensor::zeros(type);
  for (int64_t i = 0; i < result.size(); ++i)
    result.set(i, (*bounds)[0] + i * (*bounds)[2]);
  if (!result.isFloat()) // integer ranges step exactly
    for (int64_t i = 0; i < result.size(); ++i)
      result.setInt(i, (int64_t)(*bounds)[0] + i * (int64_t)(*bounds)[2]);
  return toAttribute(result);
}

//===----------------------------------------------------------------------===//
// Strided data movement
//===----------------------------------------------------------------------===//

LogicalResult ExpandOp::inferReturnTypes(MLIRContext *, Loc loc, Adaptor adaptor,
                                         SmallVectorImpl<Type> &types) {
  if (failed(requireStatic(loc, {adaptor.getInput()})))
    return failure();
  auto target = getConstantInts(adaptor.getShape());
  if (!target)
    return fail(loc, "the shape must be a constant");
  auto shape = broadcastShapes(shapeOf(adaptor.getInput()), *target);
  if (!shape)
    return fail(loc, "the input cannot be broadcast to the shape");
  return pushTensor(loc, *shape, firstElementType(adaptor.getOperands()), types);
}

LogicalResult SliceOp::inferReturnTypes(MLIRContext *ctx, Loc loc, Adaptor adaptor,
                                        SmallVectorImpl<Type> &types) {
  if (failed(requireStatic(loc, {adaptor.getData()})))
    return failure();
  auto starts = getConstantInts(adaptor.getStarts());
  auto ends = getConstantInts(adaptor.getEnds());
  std::optional<SmallVector<int64_t>> axes = SmallVector<int64_t>(),
                                      steps = SmallVector<int64_t>();
  if (adaptor.getAxes())
    axes = getConstantInts(adaptor.getAxes());
  if (adaptor.getSteps())
    steps = getConstantInts(adaptor.getSteps());
  if (!starts || !ends || !axes || !steps)
    return fail(loc, "starts, ends, axes and steps must be constants");
  auto geometry = computeSliceGeometry(shapeOf(adaptor.getData()), *starts, *ends, *axes,
                                       *steps, [&] { return mlir::emitError(loc.value_or(UnknownLoc::get(ctx))); });
  if (failed(geometry))
    return failure();
  return pushTensor(loc, geometry->size, firstElementType(adaptor.getOperands()), types);
}

LogicalResult TileOp::inferReturnTypes(MLIRContext *, Loc loc, Adaptor adaptor,
                                       SmallVectorImpl<Type> &types) {
  if (failed(requireStatic(loc, {adaptor.getInput()})))
    return failure();
  ArrayRef<int64_t> x = shapeOf(adaptor.getInput());
  auto repeats = getConstantInts(adaptor.getRepeats());
  if (!repeats || repeats->size() != x.size())
    return fail(loc, "repeats must be a constant with one entry per dim");
  SmallVector<int64_t> shape;
  for (auto [d, r] : llvm::zip(x, *repeats)) {
    if (r < 0)
      return fail(loc, "a repeat count is negative");
    shape.push_back(d * r);
  }
  return pushTensor(loc, shape, firstElementType(adaptor.getOperands()), types);
}

LogicalResult GatherOp::inferReturnTypes(MLIRContext *, Loc loc, Adaptor adaptor,
                                         SmallVectorImpl<Type> &types) {
  if (failed(requireStatic(loc, adaptor.getOperands())))
    return failure();
  ArrayRef<int64_t> x = shapeOf(adaptor.getData());
  auto axis = normalizeAxis(adaptor.getAxis(), x.size());
  if (!axis)
    return fail(loc, "axis " + Twine(adaptor.getAxis()) + " is out of range");
  SmallVector<int64_t> shape(x.take_front(*axis));
  llvm::append_range(shape, shapeOf(adaptor.getIndices()));
  llvm::append_range(shape, x.drop_front(*axis + 1));
  return pushTensor(loc, shape, firstElementType(adaptor.getOperands()), types);
}

// The softmax family and normalizations (their section of ONNXOps.td).
#include "dialects/ONNX/NormalizationInference.inc"

//===----------------------------------------------------------------------===//
// Attention (ops-attn)
//===----------------------------------------------------------------------===//

FailureOr<AttentionOp::Geometry>
AttentionOp::geometry(Loc loc, Value q, Value k, Value v, Value pastKey, Value pastValue,
                      std::optional<int64_t> qHeads, std::optional<int64_t> kvHeads) {
  if (failed(requireStatic(loc, {q, k, v})))
    return failure();
  ArrayRef<int64_t> qs = shapeOf(q), ks = shapeOf(k), vs = shapeOf(v);
  Geometry g{};
  if (qs.size() != ks.size() || qs.size() != vs.size() || (qs.size() != 3 && qs.size() != 4))
    return fail(loc, "Attention Q, K and V must all be 3-d or all 4-d");
  g.threeD = qs.size() == 3;
  g.batch = qs[0];
  if (ks[0] != g.batch || vs[0] != g.batch)
    return fail(loc, "Attention Q, K and V have different batch sizes");
  if (g.threeD) {
    if (!qHeads || !kvHeads || *qHeads <= 0 || *kvHeads <= 0)
      return fail(loc, "3-d Attention needs positive q_num_heads and kv_num_heads");
    g.qHeads = *qHeads;
    g.kvHeads = *kvHeads;
    if (qs[2] % g.qHeads || ks[2] % g.kvHeads || vs[2] % g.kvHeads)
      return fail(loc, "Attention hidden sizes are not multiples of the head counts");
    g.qSeq = qs[1];
    g.kvSeq = ks[1];
    g.headSize = qs[2] / g.qHeads;
    if (ks[2] / g.kvHeads != g.headSize)
      return fail(loc, "Attention Q and K have different head sizes");
    if (vs[1] != g.kvSeq)
      return fail(loc, "Attention K and V have different sequence lengths");
    g.vHeadSize = vs[2] / g.kvHeads;
  } else {
    g.qHeads = qs[1];
    g.kvHeads = ks[1];
    g.qSeq = qs[2];
    g.kvSeq = ks[2];
    g.headSize = qs[3];
    if (ks[3] != g.headSize)
      return fail(loc, "Attention Q and K have different head sizes");
    if (vs[1] != g.kvHeads || vs[2] != g.kvSeq)
      return fail(loc, "Attention K and V have different head counts or sequence lengths");
    g.vHeadSize = vs[3];
  }
  if (g.qHeads % g.kvHeads)
    return fail(loc, "Attention q_num_heads must be a multiple of kv_num_heads");
  if (!pastKey != !pastValue)
    return fail(loc, "Attention needs both past_key and past_value, or neither");
  if (pastKey) {
    if (failed(requireStatic(loc, {pastKey, pastValue})))
      return failure();
    ArrayRef<int64_t> pk = shapeOf(pastKey), pv = shapeOf(pastValue);
    if (pk.size() != 4 || pv.size() != 4 || pk[0] != g.batch || pk[1] != g.kvHeads ||
        pk[3] != g.headSize || pv[0] != g.batch || pv[1] != g.kvHeads ||
        pv[2] != pk[2] || pv[3] != g.vHeadSize)
      return fail(loc, "Attention past_key or past_value does not match K and V");
    g.pastSeq = pk[2];
  }
  return g;
}

LogicalResult AttentionOp::inferReturnTypes(MLIRContext *, Loc loc, Adaptor adaptor,
                                            SmallVectorImpl<Type> &types) {
  auto optional = [](std::optional<uint64_t> v) -> std::optional<int64_t> {
    if (v)
      return static_cast<int64_t>(*v);
    return std::nullopt;
  };
  auto g = geometry(loc, adaptor.getQ(), adaptor.getK(), adaptor.getV(),
                    adaptor.getPastKey(), adaptor.getPastValue(),
                    optional(adaptor.getQNumHeads()), optional(adaptor.getKvNumHeads()));
  if (failed(g))
    return failure();
  Type element = firstElementType(adaptor.getOperands());
  for (Value v : {adaptor.getK(), adaptor.getV(), adaptor.getPastKey(), adaptor.getPastValue()})
    if (v && getElementTypeOrSelf(v.getType()) != element)
      return fail(loc, "Attention Q, K, V and the past have different element types");
  int64_t total = g->totalSeq();
  if (Value mask = adaptor.getAttnMask()) {
    if (failed(requireStatic(loc, {mask})))
      return failure();
    Type maskElement = getElementTypeOrSelf(mask.getType());
    if (!maskElement.isInteger(1) && maskElement != element)
      return fail(loc, "Attention attn_mask must be bool or of Q's element type");
    SmallVector<int64_t> m(shapeOf(mask));
    if (m.empty() || m.size() > 4 || m.back() > total)
      return fail(loc, "Attention attn_mask must have rank 1 to 4 and at most "
                       "total_sequence_length columns");
    m.back() = total;
    auto shape = broadcastShapes(m, {g->batch, g->qHeads, g->qSeq, total});
    if (!shape || *shape != ArrayRef<int64_t>{g->batch, g->qHeads, g->qSeq, total})
      return fail(loc, "Attention attn_mask does not broadcast to "
                       "[batch, q_num_heads, q_sequence_length, total_sequence_length]");
  }
  if (Value lengths = adaptor.getNonpadKvSeqlen()) {
    if (failed(requireStatic(loc, {lengths})))
      return failure();
    if (shapeOf(lengths) != ArrayRef<int64_t>{g->batch})
      return fail(loc, "Attention nonpad_kv_seqlen must be [batch]");
  }
  if (adaptor.getQkMatmulOutputMode() > 3)
    return fail(loc, "Attention qk_matmul_output_mode must be 0 to 3");
  SmallVector<int64_t> y = {g->batch, g->qHeads, g->qSeq, g->vHeadSize};
  if (g->threeD)
    y = {g->batch, g->qSeq, g->qHeads * g->vHeadSize};
  if (failed(pushTensor(loc, y, element, types)) ||
      failed(pushTensor(loc, {g->batch, g->kvHeads, total, g->headSize}, element, types)) ||
      failed(pushTensor(loc, {g->batch, g->kvHeads, total, g->vHeadSize}, element, types)))
    return failure();
  return pushTensor(loc, {g->batch, g->qHeads, g->qSeq, total}, element, types);
}

//===----------------------------------------------------------------------===//
// Resize (ops-attn)
//===----------------------------------------------------------------------===//

FailureOr<ResizeOp::Plan> ResizeOp::plan(Loc loc, Value x, Value roi, Value scales,
                                         Value sizes, std::optional<ArrayRef<int64_t>> axesAttr,
                                         StringRef policy) {
  if (failed(requireStatic(loc, {x})))
    return failure();
  ArrayRef<int64_t> in = shapeOf(x);
  int64_t rank = in.size();
  SmallVector<int64_t> axes;
  if (axesAttr && !axesAttr->empty()) {
    for (int64_t a : *axesAttr) {
      auto n = normalizeAxis(a, rank);
      if (!n || llvm::is_contained(axes, *n))
        return fail(loc, "Resize axis " + Twine(a) + " is out of range or repeated");
      axes.push_back(*n);
    }
  } else {
    for (int64_t a = 0; a < rank; ++a)
      axes.push_back(a);
  }
  int64_t n = axes.size();
  Plan plan;
  plan.outShape.assign(in.begin(), in.end());
  plan.scales.assign(rank, 1.0);
  plan.roiStart.assign(rank, 0.0);
  plan.roiEnd.assign(rank, 1.0);
  // An empty tensor stands for an absent input in older files.
  auto isEmpty = [](Value v) {
    auto type = dyn_cast<RankedTensorType>(v.getType());
    return type && type.hasStaticShape() && type.getNumElements() == 0;
  };
  if (roi && !isEmpty(roi)) {
    auto values = getConstantFloats(roi);
    if (!values)
      return fail(loc, "Resize roi must be a constant");
    if ((int64_t)values->size() != 2 * n)
      return fail(loc, "Resize roi must hold 2 entries per resized axis");
    for (int64_t i = 0; i < n; ++i) {
      plan.roiStart[axes[i]] = (*values)[i];
      plan.roiEnd[axes[i]] = (*values)[i + n];
    }
  }
  bool haveScales = scales && !isEmpty(scales), haveSizes = sizes && !isEmpty(sizes);
  if (haveScales == haveSizes)
    return fail(loc, "Resize needs exactly one of scales and sizes");
  if (haveScales) {
    auto values = getConstantFloats(scales);
    if (!values)
      return fail(loc, "Resize scales must be a constant");
    if ((int64_t)values->size() != n)
      return fail(loc, "Resize scales must have one entry per resized axis");
    for (int64_t i = 0; i < n; ++i) {
      double scale = (*values)[i];
      if (!(scale > 0))
        return fail(loc, "Resize scales must be positive");
      int64_t a = axes[i];
      plan.scales[a] = scale;
      plan.outShape[a] = static_cast<int64_t>(
          std::floor(in[a] * (plan.roiEnd[a] - plan.roiStart[a]) * scale));
    }
  } else {
    auto values = getConstantInts(sizes);
    if (!values)
      return fail(loc, "Resize sizes must be a constant");
    if ((int64_t)values->size() != n)
      return fail(loc, "Resize sizes must have one entry per resized axis");
    if (policy != "stretch" && policy != "not_larger" && policy != "not_smaller")
      return fail(loc, "Resize keep_aspect_ratio_policy '" + policy + "' is unknown");
    std::optional<double> common;
    if (policy != "stretch")
      for (int64_t i = 0; i < n; ++i) {
        double s = static_cast<double>((*values)[i]) / in[axes[i]];
        common = !common ? s : policy == "not_larger" ? std::min(*common, s)
                                                      : std::max(*common, s);
      }
    for (int64_t i = 0; i < n; ++i) {
      int64_t a = axes[i];
      if ((*values)[i] <= 0)
        return fail(loc, "Resize sizes must be positive");
      if (common) {
        plan.scales[a] = *common;
        plan.outShape[a] = static_cast<int64_t>(std::floor(in[a] * *common + 0.5));
      } else {
        plan.scales[a] = static_cast<double>((*values)[i]) / in[a];
        plan.outShape[a] = (*values)[i];
      }
    }
  }
  return plan;
}

LogicalResult ResizeOp::inferReturnTypes(MLIRContext *, Loc loc, Adaptor adaptor,
                                         SmallVectorImpl<Type> &types) {
  std::optional<ArrayRef<int64_t>> axes;
  if (auto attr = adaptor.getAxesAttr())
    axes = attr.asArrayRef();
  auto p = plan(loc, adaptor.getX(), adaptor.getRoi(), adaptor.getScales(),
                adaptor.getSizes(), axes, adaptor.getKeepAspectRatioPolicy());
  if (failed(p))
    return failure();
  return pushTensor(loc, p->outShape, firstElementType(adaptor.getOperands()), types);
}

#define GET_OP_CLASSES
#include "dialects/ONNX/ONNXOps.cpp.inc"
