//===- ForwardOutputs.cpp - write outputs in place ------------------------===//
#include "passes/Passes.h"

#include "dialects/Utils/ShapeHelpers.h"

#include "mlir/Dialect/MemRef/IR/MemRef.h"

namespace mote {
#define GEN_PASS_DEF_MOTEFORWARDOUTPUTS
#include "passes/Passes.h.inc"
} // namespace mote

using namespace mlir;
using namespace mote;

namespace {

/// The allocation `value` is, directly or through views (collapse/expand
/// shape), and the views on the way.
memref::AllocOp rootAllocation(Value value, SmallVectorImpl<Operation *> &views) {
  while (value) {
    if (auto alloc = value.getDefiningOp<memref::AllocOp>())
      return alloc;
    Operation *def = value.getDefiningOp();
    if (!isa_and_nonnull<memref::CollapseShapeOp, memref::ExpandShapeOp>(def))
      return nullptr;
    views.push_back(def);
    value = def->getOperand(0);
  }
  return nullptr;
}

/// Every use of `value` and of the views made from it, transitively.
void collectUsers(Value value, SmallVectorImpl<Operation *> &users) {
  for (Operation *user : value.getUsers()) {
    users.push_back(user);
    if (isa<memref::CollapseShapeOp, memref::ExpandShapeOp>(user))
      collectUsers(user->getResult(0), users);
  }
}

/// `copy %buffer, %out` can become "compute into %out" when %out is an
/// argument used only by this copy, %buffer is a plain allocation (or a view
/// of one) of the same element count, and nothing reads the allocation after
/// the copy.
bool canForward(memref::CopyOp copy, memref::AllocOp &alloc,
                SmallVectorImpl<Operation *> &views) {
  auto out = dyn_cast<BlockArgument>(copy.getTarget());
  alloc = rootAllocation(copy.getSource(), views);
  if (!out || !alloc || !out.hasOneUse() ||
      alloc.getType().getNumElements() !=
          cast<MemRefType>(out.getType()).getNumElements() ||
      alloc.getType().getElementType() !=
          cast<MemRefType>(out.getType()).getElementType())
    return false;
  Block *block = copy->getBlock();
  if (out.getOwner() != block || alloc->getBlock() != block)
    return false;
  SmallVector<Operation *> users;
  collectUsers(alloc.getResult(), users);
  return llvm::all_of(users, [&](Operation *user) {
    return user->getBlock() == block &&
           (user == copy || user->isBeforeInBlock(copy));
  });
}

/// The out-parameter seen with the allocation's shape: itself, or a
/// reinterpretation of the same contiguous memory.
Value asAllocationType(OpBuilder &b, Value out, MemRefType type) {
  if (out.getType() == type)
    return out;
  return memref::ReinterpretCastOp::create(b, out.getLoc(), type, out,
                                           /*offset=*/0, type.getShape(),
                                           stridesOf(type.getShape()));
}

struct MoteForwardOutputsPass
    : public mote::impl::MoteForwardOutputsBase<MoteForwardOutputsPass> {
  void runOnOperation() override {
    SmallVector<memref::CopyOp> copies;
    getOperation().walk([&](memref::CopyOp copy) { copies.push_back(copy); });
    for (memref::CopyOp copy : copies) {
      memref::AllocOp alloc;
      SmallVector<Operation *> views;
      if (!canForward(copy, alloc, views))
        continue;
      Value out = copy.getTarget();
      copy.erase();
      OpBuilder b(alloc);
      Value replacement = asAllocationType(b, out, alloc.getType());
      alloc->replaceAllUsesWith(ValueRange{replacement});
      alloc->erase();
      // The views that only led to the copy are dead now.
      for (Operation *view : views)
        if (view->use_empty())
          view->erase();
      ++numForwarded;
    }
  }
};
} // namespace
