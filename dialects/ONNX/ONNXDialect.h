//===- ONNXDialect.h - the onnx import dialect ------------------*- C++ -*-===//
#ifndef MOTE_DIALECTS_ONNX_ONNXDIALECT_H
#define MOTE_DIALECTS_ONNX_ONNXDIALECT_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "dialects/ONNX/ONNXDialect.h.inc"

#define GET_OP_CLASSES
#include "dialects/ONNX/ONNXOps.h.inc"

namespace mote::onnx {
/// The value of `op` computed at compile time from its constant `operands`
/// (ConstantEval.cpp), for the ops shape computations use: elementwise math,
/// comparisons and casts, Where, Gather, Slice, Concat, Expand, reshapes.
/// Null if the op is not one of them or the result would be large.
mlir::Attribute evaluateConstantOp(mlir::Operation *op,
                                   llvm::ArrayRef<mlir::Attribute> operands);
} // namespace mote::onnx

#endif // MOTE_DIALECTS_ONNX_ONNXDIALECT_H
