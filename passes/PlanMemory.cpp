//===- PlanMemory.cpp - one static arena for every intermediate buffer ----===//
//
// Live ranges in program order (the order mote-schedule-for-memory chose);
// the offsets come from ArenaPlanner (several first-fit strategies, and an
// exhaustive search on small graphs). The passes before it decide what shares
// a buffer (in-place kernels, views); this one only places the buffers it is
// given.
//
//===----------------------------------------------------------------------===//
#include "passes/ArenaPlanner.h"
#include "passes/BufferLiveness.h"
#include "passes/Passes.h"

namespace mote {
#define GEN_PASS_DEF_MOTEPLANMEMORY
#include "passes/Passes.h.inc"
} // namespace mote

using namespace mlir;
using namespace mote;

namespace {

/// An in-place convolution reads its input and writes its output from one
/// address: the two buffers must get the same offset.
void tieInPlaceBuffers(func::FuncOp func, ArrayRef<LiveBuffer> buffers,
                       MutableArrayRef<BufferRequest> requests) {
  DenseMap<Operation *, int64_t> index;
  for (auto [i, buffer] : llvm::enumerate(buffers))
    index[buffer.alloc] = i;
  func.walk([&](Conv2DInPlaceOp conv) {
    memref::AllocOp in = rootAllocation(conv.getInput());
    memref::AllocOp out = rootAllocation(conv.getOut());
    if (in && out && in != out)
      requests[index.lookup(out)].sameOffsetAs = index.lookup(in);
  });
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
    DenseMap<Operation *, int64_t> position = schedulePositions(func);
    FailureOr<SmallVector<LiveBuffer>> collected = collectLiveBuffers(func, position);
    if (failed(collected))
      return signalPassFailure();
    SmallVector<LiveBuffer> &buffers = *collected;

    SmallVector<BufferRequest> requests;
    for (const LiveBuffer &b : buffers)
      requests.push_back(b.request());
    tieInPlaceBuffers(func, buffers, requests);
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
          builder, buffer.alloc.getLoc(), buffer.alloc.getType(), /*base=*/Value(),
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
