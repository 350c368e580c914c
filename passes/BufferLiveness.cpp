//===- BufferLiveness.cpp - live ranges of the buffers of one function ----===//
#include "passes/BufferLiveness.h"

#include "mlir/Interfaces/ViewLikeInterface.h"

using namespace mlir;

namespace mote {

DenseMap<Operation *, int64_t> schedulePositions(func::FuncOp func) {
  DenseMap<Operation *, int64_t> position;
  for (auto [i, op] : llvm::enumerate(func.getBody().front()))
    position[&op] = i;
  return position;
}

/// Extends `buffer`'s live range over every use of `value` and of the views
/// derived from it.
static void extendOverUses(Value value, LiveBuffer &buffer,
                           const DenseMap<Operation *, int64_t> &position) {
  for (OpOperand &use : value.getUses()) {
    Operation *user = use.getOwner();
    // Freeing a buffer does not read it.
    if (isa<memref::DeallocOp>(user))
      continue;
    // Uses nested in a region count at the position of their top-level op.
    while (!position.count(user) && user->getParentOp())
      user = user->getParentOp();
    auto it = position.find(user);
    if (it == position.end())
      continue;
    buffer.firstUse = std::min(buffer.firstUse, it->second);
    buffer.lastUse = std::max(buffer.lastUse, it->second);
    if (auto view = dyn_cast<ViewLikeOpInterface>(user))
      if (view.getViewSource() == value)
        for (Value result : user->getResults())
          extendOverUses(result, buffer, position);
  }
}

FailureOr<SmallVector<LiveBuffer>>
collectLiveBuffers(func::FuncOp func,
                   const DenseMap<Operation *, int64_t> &position) {
  SmallVector<LiveBuffer> buffers;
  WalkResult walk = func.walk([&](memref::AllocOp alloc) {
    MemRefType type = alloc.getType();
    if (!type.hasStaticShape() || !type.getLayout().isIdentity() ||
        alloc->getParentOp() != func) {
      alloc.emitError("cannot plan an allocation that is dynamic, strided "
                      "or nested in a region");
      return WalkResult::interrupt();
    }
    LiveBuffer buffer;
    buffer.alloc = alloc;
    int64_t elementBytes = (type.getElementTypeBitWidth() + 7) / 8;
    buffer.bytes = type.getNumElements() * elementBytes;
    extendOverUses(alloc.getResult(), buffer, position);
    if (buffer.lastUse < 0)
      buffer.firstUse = buffer.lastUse = position.lookup(alloc);
    buffers.push_back(buffer);
    return WalkResult::advance();
  });
  if (walk.wasInterrupted())
    return failure();
  return buffers;
}

memref::AllocOp rootAllocation(Value value) {
  while (value) {
    if (auto alloc = value.getDefiningOp<memref::AllocOp>())
      return alloc;
    auto view = value.getDefiningOp<ViewLikeOpInterface>();
    value = view ? view.getViewSource() : Value();
  }
  return nullptr;
}

} // namespace mote
