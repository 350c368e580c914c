//===- CodeSize.h - what a compiled model's code takes in flash -*- C++ -*-===//
#ifndef MOTE_COMPILER_CODESIZE_H
#define MOTE_COMPILER_CODESIZE_H

#include "mlir/IR/BuiltinOps.h"

#include <string>

namespace mote {

/// One function the graph calls (a kernel, or memcpy) and its share of the
/// code.
struct KernelCode {
  std::string callee;
  int64_t calls = 0;
  int64_t bytes = 0;
};

/// The .text of a compiled model on a Cortex-M4, estimated from the kernel
/// sizes that tools/scripts/measure-code-size.sh measured with
/// arm-none-eabi-g++ -Os (compiler/KernelCodeSizes.inc).
struct CodeSizeEstimate {
  int64_t entryPointBytes = 0;
  llvm::SmallVector<KernelCode> kernels; ///< by callee name
  int64_t bytes() const;
};

/// Estimates the code of an EmitC-level module from the calls it makes.
CodeSizeEstimate estimateCodeSize(mlir::ModuleOp emitcModule);

/// How the estimate is obtained, in a sentence for the report.
std::string codeSizeMethod();

} // namespace mote

#endif // MOTE_COMPILER_CODESIZE_H
