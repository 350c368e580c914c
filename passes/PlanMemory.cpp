//===- PlanMemory.cpp - one static arena for every intermediate buffer ----===//
//
// Live ranges in program order (the order mote-schedule-for-memory chose);
// the offsets come from ArenaPlanner (several first-fit strategies, and an
// exhaustive search on small graphs).
//
//===----------------------------------------------------------------------===//
#include "passes/ArenaPlanner.h"
#include "passes/Passes.h"

#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

namespace mote {
#define GEN_PASS_DEF_MOTEPLANMEMORY
#include "passes/Passes.h.inc"
} // namespace mote

using namespace mlir;
using namespace mote;

namespace {

struct Buffer {
  memref::AllocOp alloc;
  int64_t bytes = 0;
  int64_t firstUse = INT64_MAX, lastUse = -1;
};

/// Extends `buffer`'s live range over every use of `value` and of the views
/// derived from it.
void extendOverUses(Value value, Buffer &buffer,
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

struct MotePlanMemoryPass
    : public mote::impl::MotePlanMemoryBase<MotePlanMemoryPass> {
  using MotePlanMemoryBase::MotePlanMemoryBase;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (func.isExternal())
      return;
    if (alignment < 1 || (alignment & (alignment - 1))) {
      func.emitError("alignment must be a power of two");
      return signalPassFailure();
    }
    DenseMap<Operation *, int64_t> position;
    for (auto [i, op] : llvm::enumerate(func.getBody().front()))
      position[&op] = i;

    SmallVector<Buffer> buffers;
    WalkResult walk = func.walk([&](memref::AllocOp alloc) {
      MemRefType type = alloc.getType();
      if (!type.hasStaticShape() || !type.getLayout().isIdentity() ||
          alloc->getParentOp() != func) {
        alloc.emitError("cannot plan an allocation that is dynamic, strided "
                        "or nested in a region");
        return WalkResult::interrupt();
      }
      Buffer buffer;
      buffer.alloc = alloc;
      int64_t elementBytes = (type.getElementTypeBitWidth() + 7) / 8;
      buffer.bytes = type.getNumElements() * elementBytes;
      extendOverUses(alloc.getResult(), buffer, position);
      if (buffer.lastUse < 0)
        buffer.firstUse = buffer.lastUse = position[alloc];
      buffers.push_back(buffer);
      return WalkResult::advance();
    });
    if (walk.wasInterrupted())
      return signalPassFailure();

    SmallVector<BufferRequest> requests;
    for (const Buffer &b : buffers)
      requests.push_back({b.bytes, b.firstUse, b.lastUse});
    PlannerOptions options;
    options.alignment = alignment;
    ArenaPlan plan = planArena(requests, options);
    if (ramBudget > 0 && plan.arenaBytes > ramBudget) {
      LivePeak peak = livePeak(requests);
      Operation *peakOp = &*std::next(func.getBody().front().begin(), peak.step);
      peakOp->emitError() << "does not fit the RAM budget of " << (int64_t)ramBudget
                          << " bytes: " << peak.bytes
                          << " bytes of intermediate tensors are live here (the "
                             "arena needs "
                          << plan.arenaBytes << " bytes)";
      return signalPassFailure();
    }

    OpBuilder builder(func.getContext());
    for (auto [buffer, offset] : llvm::zip(buffers, plan.offsets)) {
      builder.setInsertionPoint(buffer.alloc);
      auto slice = ArenaSliceOp::create(
          builder, buffer.alloc.getLoc(), buffer.alloc.getType(),
          builder.getI64IntegerAttr(offset),
          builder.getDenseI64ArrayAttr({buffer.firstUse, buffer.lastUse}));
      buffer.alloc.replaceAllUsesWith(slice.getResult());
      buffer.alloc.erase();
    }
    func.walk([](memref::DeallocOp dealloc) { dealloc.erase(); });
    func->setAttr("mote.arena_bytes", builder.getI64IntegerAttr(plan.arenaBytes));
    func->setAttr("mote.arena_alignment", builder.getI64IntegerAttr(alignment));
    func->setAttr("mote.arena_plan",
                  builder.getStringAttr(plan.strategy +
                                        (plan.provedOptimal ? ", optimal" : "")));
    numBuffers += buffers.size();
    arenaBytes += plan.arenaBytes;
  }
};
} // namespace
