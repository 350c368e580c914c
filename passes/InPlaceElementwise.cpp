//===- InPlaceElementwise.cpp - write over an input that dies -------------===//
#include "passes/Passes.h"

#include "mlir/IR/Matchers.h"

namespace mote {
#define GEN_PASS_DEF_MOTEINPLACEELEMENTWISE
#include "passes/Passes.h.inc"
} // namespace mote

using namespace mlir;
using namespace mote;

namespace {

/// An input the kernel may overwrite: computed by a kernel (not a graph
/// input, not a constant), of the destination's type, read by nothing else.
bool isReusable(Value input, Operation *kernel, Type outType) {
  if (input.getType() != outType || isa<BlockArgument>(input) ||
      matchPattern(input, m_Constant()))
    return false;
  return llvm::all_of(input.getUsers(),
                      [&](Operation *user) { return user == kernel; });
}

template <typename OpTy>
bool reuseInput(OpTy op, ValueRange candidates) {
  if (!op->getNumResults() || !op.getOut().template getDefiningOp<tensor::EmptyOp>())
    return false;
  for (Value input : candidates) {
    if (!isReusable(input, op, op.getOut().getType()))
      continue;
    op.getOutMutable().assign(input);
    return true;
  }
  return false;
}

struct MoteInPlaceElementwisePass
    : public mote::impl::MoteInPlaceElementwiseBase<MoteInPlaceElementwisePass> {
  void runOnOperation() override {
    getOperation().walk([&](Operation *op) {
      bool changed = false;
      if (auto binary = dyn_cast<BinaryOp>(op))
        changed = reuseInput(binary, {binary.getLhs(), binary.getRhs()});
      else if (auto act = dyn_cast<ActivationOp>(op))
        changed = reuseInput(act, {act.getInput()});
      numInPlace += changed;
    });
  }
};
} // namespace
