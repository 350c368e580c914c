//===- BufferizableOpInterfaceImpl.cpp - bufferizing mote kernels ---------===//
//
// Every mote op is in destination-passing style, so the upstream DPS model
// answers the aliasing questions; bufferizing is the same for every op: swap
// each tensor operand for its buffer and drop the result.
//
//===----------------------------------------------------------------------===//
#include "dialects/Mote/MoteDialect.h"

#include "mlir/Dialect/Bufferization/IR/BufferizableOpInterface.h"
#include "mlir/Dialect/Bufferization/IR/DstBufferizableOpInterfaceImpl.h"

using namespace mlir;
using namespace mlir::bufferization;

namespace {
template <typename OpTy>
struct KernelOpInterface
    : public DstBufferizableOpInterfaceExternalModel<KernelOpInterface<OpTy>,
                                                     OpTy> {
  LogicalResult bufferize(Operation *op, RewriterBase &rewriter,
                          const BufferizationOptions &options,
                          BufferizationState &state) const {
    SmallVector<Value> operands;
    for (Value operand : op->getOperands()) {
      FailureOr<Value> buffer = getBuffer(rewriter, operand, options, state);
      if (failed(buffer))
        return failure();
      operands.push_back(*buffer);
    }
    rewriter.setInsertionPoint(op);
    OperationState bufferForm(op->getLoc(), op->getName(), operands,
                              TypeRange{},
                              op->getDiscardableAttrDictionary().getValue());
    bufferForm.propertiesAttr = op->getPropertiesAsAttribute();
    rewriter.create(bufferForm);
    replaceOpWithBufferizedValues(rewriter, op, operands.back());
    return success();
  }
};

template <typename... Ops>
void attachAll(MLIRContext *ctx) {
  (Ops::template attachInterface<KernelOpInterface<Ops>>(*ctx), ...);
}
} // namespace

void mote::registerBufferizableOpInterfaceExternalModels(
    DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *ctx, MoteDialect *) {
    attachAll<Conv2DOp, GemmOp, MatMulOp, BinaryOp, ActivationOp, PoolOp,
              SoftmaxOp, TransposeOp, ConcatOp, PadOp, ReduceOp>(ctx);
  });
}
