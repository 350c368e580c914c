//===- FuseActivations.cpp - apply activations where results are written -===//
#include "passes/Passes.h"

#include "mlir/IR/PatternMatch.h"
#include "llvm/ADT/TypeSwitch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mote {
#define GEN_PASS_DEF_MOTEFUSEACTIVATIONS
#include "passes/Passes.h.inc"
} // namespace mote

using namespace mlir;
using namespace mote;

namespace {

/// Kernels that can apply an activation to what they write, if they do not
/// apply one already.
bool acceptsActivation(Operation *producer) {
  return llvm::TypeSwitch<Operation *, bool>(producer)
      .Case<Conv2DOp, GemmOp>(
          [](auto kernel) { return kernel.getAct() == ActivationKind::none; })
      .Case([](BinaryOp kernel) {
        return kernel.isFloatArithmetic() && kernel.getAct() == ActivationKind::none;
      })
      .Default([](Operation *) { return false; });
}

void setActivation(Operation *producer, ActivationOp act) {
  for (StringRef name : {"act", "act_alpha", "act_beta"})
    producer->setAttr(name, act->getAttr(name));
}

struct FuseIntoProducer : OpRewritePattern<ActivationOp> {
  FuseIntoProducer(MLIRContext *ctx, llvm::Statistic &fused)
      : OpRewritePattern(ctx), fused(fused) {}
  llvm::Statistic &fused;

  LogicalResult matchAndRewrite(ActivationOp op, PatternRewriter &rewriter) const override {
    Operation *producer = op.getInput().getDefiningOp();
    if (!op->getNumResults() || !producer || !producer->hasOneUse() ||
        producer->getNumResults() != 1 ||
        producer->getResult(0).getType() != op->getResult(0).getType())
      return failure();
    if (!acceptsActivation(producer))
      return failure();
    rewriter.modifyOpInPlace(producer, [&] { setActivation(producer, op); });
    rewriter.replaceOp(op, producer->getResult(0));
    ++fused;
    return success();
  }
};

struct MoteFuseActivationsPass
    : public mote::impl::MoteFuseActivationsBase<MoteFuseActivationsPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<FuseIntoProducer>(&getContext(), numFused);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
