//===- Passes.h - every Mote pass and pipeline ------------------*- C++ -*-===//
#ifndef MOTE_PASSES_PASSES_H
#define MOTE_PASSES_PASSES_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/EmitC/IR/EmitC.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Pass/Pass.h"

#include "dialects/Mote/MoteDialect.h"

namespace mote {

#define GEN_PASS_DECL
#include "passes/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "passes/Passes.h.inc"

} // namespace mote

#endif // MOTE_PASSES_PASSES_H
