//===- MoteDialect.cpp - mote dialect, verifiers and effects --------------===//
#include "dialects/Mote/MoteDialect.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "mlir/IR/OpImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mote;

#include "dialects/Mote/MoteDialect.cpp.inc"
#include "dialects/Mote/MoteEnums.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "dialects/Mote/MoteAttrs.cpp.inc"

void MoteDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "dialects/Mote/MoteOps.cpp.inc"
      >();
  addAttributes<
#define GET_ATTRDEF_LIST
#include "dialects/Mote/MoteAttrs.cpp.inc"
      >();
}

void mote::getKernelEffects(
    Operation *op,
    SmallVectorImpl<SideEffects::EffectInstance<MemoryEffects::Effect>>
        &effects) {
  auto dps = cast<DestinationStyleOpInterface>(op);
  for (OpOperand &operand : op->getOpOperands()) {
    if (!isa<MemRefType>(operand.get().getType()))
      continue;
    if (dps.isDpsInit(&operand))
      effects.emplace_back(MemoryEffects::Write::get(), &operand);
    else
      effects.emplace_back(MemoryEffects::Read::get(), &operand);
  }
}

/// The rules every kernel op shares: either all tensors and one result of the
/// destination's type, or all memrefs and no result; static shapes.
static LogicalResult verifyKernel(Operation *op, Value out) {
  bool onTensors = isa<RankedTensorType>(out.getType());
  for (Value operand : op->getOperands()) {
    auto type = dyn_cast<ShapedType>(operand.getType());
    if (!type || isa<RankedTensorType>(type) != onTensors ||
        (!onTensors && !isa<MemRefType>(type)))
      return op->emitOpError("operands must be all ranked tensors or all memrefs");
    if (!type.hasStaticShape())
      return op->emitOpError("operands must have static shapes");
  }
  if (!onTensors)
    return op->getNumResults() == 0
               ? success()
               : op->emitOpError("buffer form has no results");
  if (op->getNumResults() != 1 || op->getResult(0).getType() != out.getType())
    return op->emitOpError("tensor form has one result of the destination's type");
  return success();
}

static ArrayRef<int64_t> shapeOf(Value v) {
  return cast<ShapedType>(v.getType()).getShape();
}

LogicalResult Conv2DOp::verify() {
  if (failed(verifyKernel(*this, getOut())))
    return failure();
  ArrayRef<int64_t> x = shapeOf(getInput()), w = shapeOf(getFilter()),
                    y = shapeOf(getOut());
  if (x.size() != 4 || w.size() != 4 || y.size() != 4)
    return emitOpError("input, filter and destination must be 4-d (NCHW)");
  if (getStrides().size() != 2 || getDilations().size() != 2 ||
      getPads().size() != 4)
    return emitOpError("needs 2 strides, 2 dilations and 4 pads");
  int64_t group = getGroup();
  if (group < 1 || x[1] != w[1] * group || w[0] % group != 0 ||
      y[1] != w[0])
    return emitOpError("channel counts do not match the group");
  if (getBias() && shapeOf(getBias()) != ArrayRef<int64_t>{w[0]})
    return emitOpError("bias must have one value per output channel");
  return success();
}

LogicalResult GemmOp::verify() {
  if (failed(verifyKernel(*this, getOut())))
    return failure();
  if (shapeOf(getA()).size() != 2 || shapeOf(getB()).size() != 2 ||
      shapeOf(getOut()).size() != 2)
    return emitOpError("operands must be 2-d");
  return success();
}

LogicalResult MatMulOp::verify() {
  if (failed(verifyKernel(*this, getOut())))
    return failure();
  if (shapeOf(getA()).size() < 2 || shapeOf(getB()).size() < 2)
    return emitOpError("operands must have rank >= 2");
  return success();
}

LogicalResult BinaryOp::verify() { return verifyKernel(*this, getOut()); }
LogicalResult ActivationOp::verify() { return verifyKernel(*this, getOut()); }
LogicalResult TransposeOp::verify() { return verifyKernel(*this, getOut()); }
LogicalResult ConcatOp::verify() { return verifyKernel(*this, getOut()); }
LogicalResult ReduceOp::verify() { return verifyKernel(*this, getOut()); }

LogicalResult PoolOp::verify() {
  if (failed(verifyKernel(*this, getOut())))
    return failure();
  int64_t rank = shapeOf(getInput()).size();
  size_t spatial = rank - 2;
  if ((rank != 4 && rank != 5) || getKernel().size() != spatial ||
      getStrides().size() != spatial || getDilations().size() != spatial ||
      getPads().size() != 2 * spatial)
    return emitOpError("needs a 4-d or 5-d input and kernel, strides, "
                       "dilations and begin/end pads for each spatial dim");
  return success();
}

LogicalResult SoftmaxOp::verify() {
  if (failed(verifyKernel(*this, getOut())))
    return failure();
  int64_t axis = getAxis();
  if (axis < 0 || axis >= (int64_t)shapeOf(getInput()).size())
    return emitOpError("axis is out of range");
  return success();
}

LogicalResult PadOp::verify() {
  if (failed(verifyKernel(*this, getOut())))
    return failure();
  if (getPads().size() != 2 * shapeOf(getInput()).size())
    return emitOpError("needs a begin and an end pad per dim");
  return success();
}

#define GET_OP_CLASSES
#include "dialects/Mote/MoteOps.cpp.inc"
