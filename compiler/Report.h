//===- Report.h - what a compiled model costs -------------------*- C++ -*-===//
#ifndef MOTE_COMPILER_REPORT_H
#define MOTE_COMPILER_REPORT_H

#include "compiler/CodeSize.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/raw_ostream.h"

namespace mote {

/// The numbers an embedded engineer asks for, read off the buffer-level
/// ("loops") module after memory planning.
struct ModelReport {
  int64_t arenaBytes = 0;
  /// Every intermediate tensor's bytes added up: the arena without planning.
  int64_t intermediateBytes = 0;
  /// The most bytes of intermediate tensors one kernel reads and writes (the
  /// graph's inputs and outputs are the caller's): no arena can be smaller
  /// unless kernels run in place.
  int64_t largestKernelBytes = 0;
  std::string largestKernelNode;
  int64_t weightBytes = 0;
  int64_t totalMacs = 0;
  int64_t kernelCount = 0;
};

/// Summarizes a planned module; with `json`, writes the full report: arena,
/// flash (the weights and `code`, the code's estimate), every planned buffer
/// (offset, size, live range, producer) and every kernel (node, op, MACs).
ModelReport summarize(mlir::ModuleOp plannedModule, llvm::raw_ostream *json,
                      llvm::StringRef modelPath, llvm::StringRef name,
                      llvm::StringRef target, const CodeSizeEstimate &code);

/// Draws the memory plan as SVG: x is the schedule step, y the arena offset;
/// one rectangle per buffer, labelled with the node that writes it, and the
/// step where the most bytes are live marked, so that the layer setting the
/// peak stands out.
void writePlanSvg(mlir::ModuleOp plannedModule, llvm::raw_ostream &os);

} // namespace mote

#endif // MOTE_COMPILER_REPORT_H
