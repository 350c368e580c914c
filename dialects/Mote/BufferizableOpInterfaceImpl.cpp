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

  /// Binary ops and activations read element i of a same-shaped operand
  /// before they write element i of the destination (runtime-stub/KERNELS.md
  /// allows y == x there), so a destination equivalent to such an operand
  /// is no read-after-write conflict: they can run in place.
  bool bufferizesToElementwiseAccess(Operation *op, const AnalysisState &,
                                     ArrayRef<OpOperand *> opOperands) const {
    if (!isa<mote::BinaryOp, mote::ActivationOp, mote::UnaryOp>(op))
      return false;
    Type outType = cast<DestinationStyleOpInterface>(op).getDpsInits()[0].getType();
    return llvm::all_of(opOperands, [&](OpOperand *operand) {
      return operand->get().getType() == outType;
    });
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
    attachAll<Conv2DOp, GemmOp, MatMulOp, BinaryOp, ActivationOp, UnaryOp, WhereOp,
              StridedCopyOp, GatherOp, ArgReduceOp, PoolOp,
              SoftmaxOp, TransposeOp, ConcatOp, PadOp, ReduceOp>(ctx);
    // Normalizations (ops-norm).
    attachAll<NormalizeOp, LRNOp>(ctx);
    // Indexing and data movement (IndexingOps.cpp).
    attachAll<GatherElementsOp, ScatterElementsOp, GatherNDOp, ScatterNDOp, CumulativeOp,
              TopKOp, OneHotOp, PadAnyOp, ReverseSequenceOp>(ctx);
    attachAll<ResizeOp>(ctx); // ops-attn
  });
}
