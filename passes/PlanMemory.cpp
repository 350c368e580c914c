//===- PlanMemory.cpp - one static arena for every intermediate buffer ----===//
//
// A first, simple planner (the full one with in-place execution, scheduling
// and exact search is its own piece of work): live ranges in program order,
// then greedy first-fit by decreasing size.
//
//===----------------------------------------------------------------------===//
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
  int64_t offset = -1;
  bool overlapsInTime(const Buffer &other) const {
    return firstUse <= other.lastUse && other.firstUse <= lastUse;
  }
};

int64_t alignTo(int64_t value, int64_t alignment) {
  return (value + alignment - 1) / alignment * alignment;
}

/// Extends `buffer`'s live range over every use of `value` and of the views
/// derived from it.
void extendOverUses(Value value, Buffer &buffer,
                    const DenseMap<Operation *, int64_t> &position) {
  for (OpOperand &use : value.getUses()) {
    Operation *user = use.getOwner();
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

/// The lowest aligned offset at which `buffer` overlaps no placed buffer that
/// is live at the same time.
int64_t firstFit(const Buffer &buffer, ArrayRef<Buffer *> placed) {
  SmallVector<std::pair<int64_t, int64_t>> busy;
  for (Buffer *other : placed)
    if (other->overlapsInTime(buffer))
      busy.push_back({other->offset, other->offset + other->bytes});
  llvm::sort(busy);
  int64_t offset = 0;
  for (auto [begin, end] : busy) {
    if (offset + buffer.bytes <= begin)
      break;
    offset = std::max(offset, end);
  }
  return offset;
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
      buffer.bytes = alignTo(type.getNumElements() * elementBytes, alignment);
      extendOverUses(alloc.getResult(), buffer, position);
      if (buffer.lastUse < 0)
        buffer.firstUse = buffer.lastUse = position[alloc];
      buffers.push_back(buffer);
      return WalkResult::advance();
    });
    if (walk.wasInterrupted())
      return signalPassFailure();

    // Largest first, ties by first use; buffers are distinct allocations in
    // program order, so a total order by (size, first use, position) is
    // deterministic.
    SmallVector<Buffer *> order;
    for (Buffer &b : buffers)
      order.push_back(&b);
    llvm::sort(order, [](Buffer *a, Buffer *b) {
      return std::make_tuple(b->bytes, a->firstUse, a) <
             std::make_tuple(a->bytes, b->firstUse, b);
    });
    SmallVector<Buffer *> placed;
    int64_t arenaSize = 0;
    for (Buffer *buffer : order) {
      buffer->offset = firstFit(*buffer, placed);
      arenaSize = std::max(arenaSize, buffer->offset + buffer->bytes);
      placed.push_back(buffer);
    }

    OpBuilder builder(func.getContext());
    for (Buffer &buffer : buffers) {
      builder.setInsertionPoint(buffer.alloc);
      auto slice = ArenaSliceOp::create(
          builder, buffer.alloc.getLoc(), buffer.alloc.getType(),
          builder.getI64IntegerAttr(buffer.offset),
          builder.getDenseI64ArrayAttr({buffer.firstUse, buffer.lastUse}));
      buffer.alloc.replaceAllUsesWith(slice.getResult());
      buffer.alloc.erase();
    }
    func.walk([](memref::DeallocOp dealloc) { dealloc.erase(); });
    func->setAttr("mote.arena_bytes", builder.getI64IntegerAttr(arenaSize));
    func->setAttr("mote.arena_alignment", builder.getI64IntegerAttr(alignment));
    numBuffers += buffers.size();
    arenaBytes += arenaSize;
  }
};
} // namespace
