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

#endif // MOTE_DIALECTS_ONNX_ONNXDIALECT_H
