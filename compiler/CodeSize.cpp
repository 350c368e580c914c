//===- CodeSize.cpp - what a compiled model's code takes in flash ---------===//
//
// The emitted kernels are static inline functions called with literal
// arguments, so their cost depends on the C++ compiler's choices: at -Os, GCC
// inlines a kernel into the graph function where that is smaller (and folds
// the literal arguments into it), and otherwise keeps one copy and calls it.
// The measured table gives both costs per kernel; the estimate takes the
// smaller, as the compiler does.
//
//===----------------------------------------------------------------------===//
#include "compiler/CodeSize.h"

#include "mlir/Dialect/EmitC/IR/EmitC.h"

#include <map>

using namespace mlir;

namespace mote {
namespace {

/// Bytes of .text of one kernel, measured with literal arguments taken from
/// the calls motec emits for sample models.
struct KernelCodeSize {
  const char *callee;
  int64_t inlinedBytes; ///< one call inlined, specialized for its arguments
  int64_t sharedBytes;  ///< the one copy that several calls share
  int64_t callBytes;    ///< one call of that copy: argument set-up and branch
};

#include "compiler/KernelCodeSizes.inc"

const KernelCodeSize *measured(StringRef callee) {
  for (const KernelCodeSize &size : kKernelCodeSizes)
    if (callee == size.callee)
      return &size;
  return nullptr;
}

/// Kernels whose measured size includes another kernel they call (measured on
/// its own, the caller carries a private copy of it). In a model that calls
/// both, one copy of the callee serves both, and is counted with the callee.
constexpr std::pair<const char *, const char *> kKernelsCallingKernels[] = {
    {"mote_conv2d_in_place_f32", "mote_conv2d_f32"},
};

/// `calls` calls to one kernel, each inlined or all sharing one copy,
/// whichever is smaller.
int64_t bytesOfCalls(const KernelCodeSize &size, int64_t calls) {
  return std::min(calls * size.inlinedBytes,
                  size.sharedBytes + calls * size.callBytes);
}
} // namespace

int64_t CodeSizeEstimate::bytes() const {
  int64_t total = entryPointBytes;
  for (const KernelCode &kernel : kernels)
    total += kernel.bytes;
  return total;
}

CodeSizeEstimate estimateCodeSize(ModuleOp module) {
  std::map<std::string, int64_t> calls; // ordered: the report is reproducible
  module.walk([&](emitc::CallOpaqueOp call) { ++calls[call.getCallee().str()]; });
  CodeSizeEstimate estimate;
  estimate.entryPointBytes = kEntryPointBytes;
  for (const auto &[callee, count] : calls) {
    // Every kernel has a row (the CTest code-size-table keeps the table
    // current); a callee without one would add nothing.
    const KernelCodeSize *size = measured(callee);
    estimate.kernels.push_back({callee, count, size ? bytesOfCalls(*size, count) : 0});
  }
  for (KernelCode &kernel : estimate.kernels)
    for (auto [caller, callee] : kKernelsCallingKernels)
      if (kernel.callee == caller && calls.count(callee))
        kernel.bytes = std::max<int64_t>(0, kernel.bytes - measured(callee)->sharedBytes);
  return estimate;
}

std::string codeSizeMethod() {
  return std::string("Cortex-M4 .text, from kernel sizes measured by "
                     "tools/scripts/measure-code-size.sh with ") +
         kCodeSizeToolchain +
         ": per kernel the smaller of inlining every call and one shared "
         "copy plus its call sites, plus the entry points; the C library "
         "functions called (memcpy, expf, ...) and the input/output tables "
         "are not counted";
}

} // namespace mote
