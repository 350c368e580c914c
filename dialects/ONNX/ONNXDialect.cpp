//===- ONNXDialect.cpp - onnx dialect and result-type inference -----------===//
#include "dialects/ONNX/ONNXDialect.h"
#include "dialects/Utils/ShapeHelpers.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpImplementation.h"
#include "llvm/Support/MathExtras.h"

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

/// Appends the f32 tensor type of `shape` as the result, unless the shape is
/// negative or larger than any tensor Mote accepts.
LogicalResult pushF32(MLIRContext *ctx, std::optional<Location> loc,
                      ArrayRef<int64_t> shape, SmallVectorImpl<Type> &types) {
  std::optional<int64_t> count = checkedElementCount(shape);
  if (!count)
    return emitOptionalError(loc, "the result would have a negative dim or more than ",
                             kMaxTensorElements, " elements");
  if (*count == 0)
    return emitOptionalError(loc, "the result would be empty (a dim is 0); empty "
                                  "tensors are not supported");
  types.push_back(RankedTensorType::get(shape, Float32Type::get(ctx)));
  return success();
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

LogicalResult inferBroadcast(MLIRContext *ctx, Loc loc, Value a, Value b,
                             SmallVectorImpl<Type> &types) {
  if (failed(requireStatic(loc, {a, b})))
    return failure();
  auto shape = broadcastShapes(shapeOf(a), shapeOf(b));
  if (!shape)
    return fail(loc, "operand shapes are not broadcast-compatible");
  return pushF32(ctx, loc, *shape, types);
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

#define MOTE_INFER_BINARY(OP)                                                  \
  LogicalResult OP::inferReturnTypes(MLIRContext *ctx, Loc loc,                \
                                     Adaptor adaptor,                          \
                                     SmallVectorImpl<Type> &types) {           \
    return inferBroadcast(ctx, loc, adaptor.getA(), adaptor.getB(), types);    \
  }
MOTE_INFER_BINARY(AddOp)
MOTE_INFER_BINARY(SubOp)
MOTE_INFER_BINARY(MulOp)
MOTE_INFER_BINARY(DivOp)
#undef MOTE_INFER_BINARY

#define MOTE_INFER_UNARY(OP)                                                   \
  LogicalResult OP::inferReturnTypes(MLIRContext *, Loc loc, Adaptor adaptor,  \
                                     SmallVectorImpl<Type> &types) {           \
    return inferSame(loc, adaptor.getX(), types);                              \
  }
MOTE_INFER_UNARY(ReluOp)
MOTE_INFER_UNARY(SigmoidOp)
MOTE_INFER_UNARY(TanhOp)
MOTE_INFER_UNARY(HardSwishOp)
MOTE_INFER_UNARY(LeakyReluOp)
MOTE_INFER_UNARY(HardSigmoidOp)
#undef MOTE_INFER_UNARY

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
  return pushF32(ctx, loc, shape, types);
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
  return pushF32(ctx, loc, {m, n}, types);
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
  return pushF32(ctx, loc, shape, types);
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
  return pushF32(ctx, loc, shape, types);
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

LogicalResult GlobalAveragePoolOp::inferReturnTypes(
    MLIRContext *ctx, Loc loc, Adaptor adaptor, SmallVectorImpl<Type> &types) {
  if (failed(requireStatic(loc, {adaptor.getX()})))
    return failure();
  SmallVector<int64_t> shape(shapeOf(adaptor.getX()));
  if (shape.size() < 3)
    return fail(loc, "GlobalAveragePool input must have rank >= 3");
  std::fill(shape.begin() + 2, shape.end(), 1);
  return pushF32(ctx, loc, shape, types);
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

LogicalResult ReduceMeanOp::inferReturnTypes(MLIRContext *ctx, Loc loc,
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
  }
  if (axes.empty() && !adaptor.getNoopWithEmptyAxes())
    axes = llvm::to_vector(llvm::seq<int64_t>(0, x.size()));
  SmallVector<int64_t> shape;
  for (auto [i, d] : llvm::enumerate(x)) {
    if (!llvm::is_contained(axes, (int64_t)i))
      shape.push_back(d);
    else if (adaptor.getKeepdims())
      shape.push_back(1);
  }
  return pushF32(ctx, loc, shape, types);
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
  return pushF32(ctx, loc, shape, types);
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
  return pushF32(ctx, loc, {shapeProduct(x.take_front(axis)),
                                  shapeProduct(x.drop_front(axis))}, types);
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
  return pushF32(ctx, loc, shape, types);
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
  return pushF32(ctx, loc, shape, types);
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
  return pushF32(ctx, loc, shape, types);
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
  return pushF32(ctx, loc, shape, types);
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
  return pushF32(ctx, loc, shape, types);
}

#define GET_OP_CLASSES
#include "dialects/ONNX/ONNXOps.cpp.inc"
