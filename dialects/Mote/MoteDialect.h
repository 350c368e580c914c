//===- MoteDialect.h - the mote kernel dialect ------------------*- C++ -*-===//
#ifndef MOTE_DIALECTS_MOTE_MOTEDIALECT_H
#define MOTE_DIALECTS_MOTE_MOTEDIALECT_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/Interfaces/DestinationStyleOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/IR/TypeUtilities.h"

namespace mlir {
class DialectRegistry;
}

#include "dialects/Mote/MoteDialect.h.inc"
#include "dialects/Mote/MoteEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "dialects/Mote/MoteAttrs.h.inc"

namespace mote {
/// Buffer-form kernels read their inputs and write their destination;
/// tensor-form kernels have no memory effects.
void getKernelEffects(
    mlir::Operation *op,
    llvm::SmallVectorImpl<
        mlir::SideEffects::EffectInstance<mlir::MemoryEffects::Effect>>
        &effects);

/// The rules every kernel op's verifier starts with (MoteDialect.cpp): all
/// operands tensors or all memrefs, static shapes, one result of `out`'s type
/// in tensor form.
mlir::LogicalResult verifyKernel(mlir::Operation *op, mlir::Value out);

/// Lets one-shot bufferization turn tensor-form kernels into buffer form.
void registerBufferizableOpInterfaceExternalModels(
    mlir::DialectRegistry &registry);
} // namespace mote

#define GET_OP_CLASSES
#include "dialects/Mote/MoteOps.h.inc"

#endif // MOTE_DIALECTS_MOTE_MOTEDIALECT_H
