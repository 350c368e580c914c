//===- ForwardOutputs.cpp - write outputs in place ------------------------===//
#include "passes/Passes.h"

#include "mlir/Dialect/MemRef/IR/MemRef.h"

namespace mote {
#define GEN_PASS_DEF_MOTEFORWARDOUTPUTS
#include "passes/Passes.h.inc"
} // namespace mote

using namespace mlir;
using namespace mote;

namespace {

/// `copy %alloc, %out` can become "compute into %out" when %out is an
/// argument used only by this copy, %alloc is a plain allocation of the same
/// type that is used only in the function's top-level block, and no use of
/// %alloc comes after the copy.
bool canForward(memref::CopyOp copy) {
  auto out = dyn_cast<BlockArgument>(copy.getTarget());
  auto alloc = copy.getSource().getDefiningOp<memref::AllocOp>();
  if (!out || !alloc || !out.hasOneUse() ||
      alloc.getType() != copy.getTarget().getType())
    return false;
  Block *block = copy->getBlock();
  if (out.getOwner() != block || alloc->getBlock() != block)
    return false;
  return llvm::all_of(alloc->getUsers(), [&](Operation *user) {
    return user->getBlock() == block &&
           (user == copy || user->isBeforeInBlock(copy));
  });
}

struct MoteForwardOutputsPass
    : public mote::impl::MoteForwardOutputsBase<MoteForwardOutputsPass> {
  void runOnOperation() override {
    SmallVector<memref::CopyOp> copies;
    getOperation().walk([&](memref::CopyOp copy) {
      if (canForward(copy))
        copies.push_back(copy);
    });
    for (memref::CopyOp copy : copies) {
      Value out = copy.getTarget();
      Operation *alloc = copy.getSource().getDefiningOp();
      copy.erase();
      alloc->replaceAllUsesWith(ValueRange{out});
      alloc->erase();
      ++numForwarded;
    }
  }
};
} // namespace
