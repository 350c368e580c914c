//===- Report.h - what a compiled model costs -------------------*- C++ -*-===//
#ifndef MOTE_COMPILER_REPORT_H
#define MOTE_COMPILER_REPORT_H

#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/raw_ostream.h"

namespace mote {

/// The numbers an embedded engineer asks for, read off the buffer-level
/// ("loops") module after memory planning.
struct ModelReport {
  int64_t arenaBytes = 0;
  int64_t weightBytes = 0;
  int64_t totalMacs = 0;
  int64_t kernelCount = 0;
};

/// Summarizes a planned module; with `json`, writes the full report: arena,
/// weights, every planned buffer (offset, size, live range, producer) and
/// every kernel (node, op, MACs).
ModelReport summarize(mlir::ModuleOp plannedModule, llvm::raw_ostream *json,
                      llvm::StringRef modelPath, llvm::StringRef name,
                      llvm::StringRef target);

} // namespace mote

#endif // MOTE_COMPILER_REPORT_H
