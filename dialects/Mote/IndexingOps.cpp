//===- IndexingOps.cpp - verifiers of the indexing and movement kernels ---===//
//
// Codegen turns these shapes into the loop bounds of kernels/indexing.h, so
// every verifier checks the shapes against each other: IR that verifies never
// makes a kernel read or write outside its buffers. Indices that come from
// tensors are checked by the kernels themselves.
//
//===----------------------------------------------------------------------===//
#include "dialects/Mote/MoteDialect.h"
#include "dialects/Utils/ShapeHelpers.h"

#include "mlir/IR/TypeUtilities.h"

using namespace mlir;
using namespace mote;

namespace {
ArrayRef<int64_t> shapeOf(Value v) { return cast<ShapedType>(v.getType()).getShape(); }
Type elementOf(Value v) { return getElementTypeOrSelf(v.getType()); }

bool isReduction(StringRef r) {
  return r == "none" || r == "add" || r == "mul" || r == "max" || r == "min";
}

bool sameShapeAndType(Value a, Value b) {
  return shapeOf(a) == shapeOf(b) && elementOf(a) == elementOf(b);
}

bool isIntegerIndex(Value v) { return isa<IntegerType>(elementOf(v)); }

/// At most 8 dims: the kernels take shapes as mote_dims.
LogicalResult checkRank(Operation *op, ValueRange values) {
  for (Value v : values)
    if (shapeOf(v).size() > 8)
      return op->emitOpError("operands of rank above 8 are not supported");
  return success();
}
} // namespace

LogicalResult GatherElementsOp::verify() {
  if (failed(verifyKernel(*this, getOut())) || failed(checkRank(*this, getOperands())))
    return failure();
  ArrayRef<int64_t> x = shapeOf(getData()), i = shapeOf(getIndices());
  int64_t axis = getAxis();
  if (x.size() != i.size() || axis < 0 || axis >= (int64_t)x.size())
    return emitOpError("needs data and indices of one rank and an axis within it");
  if (i != shapeOf(getOut()) || elementOf(getOut()) != elementOf(getData()))
    return emitOpError("destination must have the indices' shape and the data's type");
  if (!isIntegerIndex(getIndices()))
    return emitOpError("indices must be integers");
  return success();
}

LogicalResult ScatterElementsOp::verify() {
  if (failed(verifyKernel(*this, getOut())) || failed(checkRank(*this, getOperands())))
    return failure();
  ArrayRef<int64_t> x = shapeOf(getData()), i = shapeOf(getIndices());
  int64_t axis = getAxis();
  if (x.size() != i.size() || axis < 0 || axis >= (int64_t)x.size())
    return emitOpError("needs data and indices of one rank and an axis within it");
  if (i != shapeOf(getUpdates()) || !sameShapeAndType(getData(), getOut()) ||
      elementOf(getUpdates()) != elementOf(getOut()))
    return emitOpError("updates must have the indices' shape, out the data's type");
  if (!isReduction(getReduction()) || !isIntegerIndex(getIndices()))
    return emitOpError("needs integer indices and a reduction none, add, mul, max or min");
  return success();
}

LogicalResult GatherNDOp::verify() {
  if (failed(verifyKernel(*this, getOut())) || failed(checkRank(*this, getOperands())))
    return failure();
  ArrayRef<int64_t> x = shapeOf(getData()), i = shapeOf(getIndices());
  int64_t b = getBatchDims();
  if (b < 0 || b >= (int64_t)std::min(x.size(), i.size()) ||
      x.take_front(b) != i.take_front(b) || i.back() < 1 ||
      i.back() > (int64_t)x.size() - b)
    return emitOpError("batch dims or the index tuple length do not fit the data");
  SmallVector<int64_t> shape(i.drop_back());
  llvm::append_range(shape, x.drop_front(b + i.back()));
  if (ArrayRef<int64_t>(shape) != shapeOf(getOut()) ||
      elementOf(getOut()) != elementOf(getData()) || !isIntegerIndex(getIndices()))
    return emitOpError("destination shape or type does not match data and indices");
  return success();
}

LogicalResult ScatterNDOp::verify() {
  if (failed(verifyKernel(*this, getOut())) || failed(checkRank(*this, getOperands())))
    return failure();
  ArrayRef<int64_t> x = shapeOf(getData()), i = shapeOf(getIndices());
  if (i.empty() || i.back() < 1 || i.back() > (int64_t)x.size())
    return emitOpError("the index tuple length must be 1 to the data's rank");
  SmallVector<int64_t> updates(i.drop_back());
  llvm::append_range(updates, x.drop_front(i.back()));
  if (ArrayRef<int64_t>(updates) != shapeOf(getUpdates()) ||
      !sameShapeAndType(getData(), getOut()) ||
      elementOf(getUpdates()) != elementOf(getOut()))
    return emitOpError("updates or destination do not match data and indices");
  if (!isReduction(getReduction()) || !isIntegerIndex(getIndices()))
    return emitOpError("needs integer indices and a reduction none, add, mul, max or min");
  return success();
}

LogicalResult CumulativeOp::verify() {
  if (failed(verifyKernel(*this, getOut())))
    return failure();
  int64_t axis = getAxis();
  if (shapeOf(getInput()) != shapeOf(getOut()) || axis < 0 ||
      axis >= (int64_t)shapeOf(getInput()).size())
    return emitOpError("needs the input's shape and an axis within its rank");
  return success();
}

LogicalResult TopKOp::verify() {
  if (failed(verifyKernel(*this, getOut())))
    return failure();
  ArrayRef<int64_t> x = shapeOf(getInput()), y = shapeOf(getOut());
  int64_t axis = getAxis();
  if (axis < 0 || axis >= (int64_t)x.size() || y.size() != x.size() || y[axis] > x[axis])
    return emitOpError("needs an axis within the rank and k no larger than its dim");
  for (size_t d = 0; d < x.size(); ++d)
    if ((int64_t)d != axis && x[d] != y[d])
      return emitOpError("destination differs from the input in dim ") << d;
  if (!elementOf(getOut()).isInteger(64))
    return emitOpError("destination must hold int64 indices");
  return success();
}

LogicalResult OneHotOp::verify() {
  if (failed(verifyKernel(*this, getOut())) || failed(checkRank(*this, getOperands())))
    return failure();
  ArrayRef<int64_t> i = shapeOf(getIndices()), y = shapeOf(getOut());
  int64_t axis = getAxis();
  if (axis < 0 || axis > (int64_t)i.size() || y.size() != i.size() + 1)
    return emitOpError("destination must be the indices' shape with one dim inserted");
  SmallVector<int64_t> shape(y);
  shape.erase(shape.begin() + axis);
  if (ArrayRef<int64_t>(shape) != i || shapeProduct(shapeOf(getValues())) != 2 ||
      elementOf(getValues()) != elementOf(getOut()))
    return emitOpError("needs two values of the destination's type and matching shapes");
  return success();
}

LogicalResult PadAnyOp::verify() {
  if (failed(verifyKernel(*this, getOut())) || failed(checkRank(*this, getOperands())))
    return failure();
  ArrayRef<int64_t> x = shapeOf(getInput()), y = shapeOf(getOut());
  ArrayRef<int64_t> pads = getPads();
  if (pads.size() != 2 * x.size() || y.size() != x.size())
    return emitOpError("needs a begin and an end pad per dim");
  for (size_t d = 0; d < x.size(); ++d)
    if (y[d] != x[d] + pads[d] + pads[d + x.size()])
      return emitOpError("destination dim ") << d << " does not match the pads";
  StringRef mode = getMode();
  if (mode != "constant" && mode != "reflect" && mode != "edge" && mode != "wrap")
    return emitOpError("mode must be constant, reflect, edge or wrap");
  if (elementOf(getInput()) != elementOf(getOut()))
    return emitOpError("input and destination types differ");
  return success();
}

LogicalResult ReverseSequenceOp::verify() {
  if (failed(verifyKernel(*this, getOut())))
    return failure();
  ArrayRef<int64_t> x = shapeOf(getInput());
  int64_t b = getBatchAxis(), t = getTimeAxis();
  if (x.size() < 2 || b < 0 || b > 1 || t < 0 || t > 1 || b == t)
    return emitOpError("batch and time axes must be 0 and 1");
  if (shapeOf(getLens()) != ArrayRef<int64_t>{x[b]} || !isIntegerIndex(getLens()) ||
      !sameShapeAndType(getInput(), getOut()))
    return emitOpError("needs one integer length per batch entry and out of the input's type");
  return success();
}
