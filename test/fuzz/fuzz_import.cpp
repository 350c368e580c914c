//===- fuzz_import.cpp - libFuzzer target: importer and the whole pipeline ===//
//
// Each input is one model file: it is imported (binary protobuf, or textual
// ONNX when built with MOTE_FUZZ_TEXT), and when the import succeeds it goes
// through every phase up to EmitC and is written out as C++, as `motec` would
// do with it. A model may be rejected anywhere with a diagnostic; what must
// never happen is a crash, a sanitizer report, an assertion, a leak, a hang
// or an allocation of gigabytes. test/fuzz/run-fuzz.sh runs it; the
// "Fuzzing" section of docs/Architecture.md explains how.
//
// One MLIRContext is shared by all inputs (creating one with every dialect
// loaded costs more than most inputs); everything an input creates lives in
// its own module, which is destroyed after the input. The only per-input
// state the context keeps by design is uniqued types and attributes (small),
// and the builtin dialect's resource blobs (the weights: large), which are
// dropped after every input; see resetPerInputState().
//
//===----------------------------------------------------------------------===//
#include "codegen/CppWriter.h"
#include "compiler/Pipeline.h"

#include "mlir/IR/BuiltinDialect.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

using namespace mlir;

namespace {

#ifdef MOTE_FUZZ_TEXT
constexpr bool kIsText = true;
constexpr const char *kFileName = "fuzz.onnxtext";
#else
constexpr bool kIsText = false;
constexpr const char *kFileName = "fuzz.onnx";
#endif

/// Every diagnostic is formatted (so that building its message is exercised
/// too) and dropped: a rejected model is a normal outcome here.
LogicalResult swallow(Diagnostic &diag) {
  (void)diag.str();
  for (Diagnostic &note : diag.getNotes())
    (void)note.str();
  return success();
}

std::unique_ptr<MLIRContext> makeContext() {
  DialectRegistry registry;
  mote::registerMoteDialects(registry);
  // No thread pool: one input at a time, and deterministic.
  auto context =
      std::make_unique<MLIRContext>(registry, MLIRContext::Threading::DISABLED);
  context->loadAllAvailableDialects();
  context->printOpOnDiagnostic(false);
  context->printStackTraceOnDiagnostic(false);
  context->getDiagEngine().registerHandler(swallow);
  return context;
}

MLIRContext &context() {
  static std::unique_ptr<MLIRContext> ctx = makeContext();
  return *ctx;
}

/// Large constants (the importer's initializers, folded constants) are
/// `dense_resource` blobs owned by the builtin dialect's blob manager, not by
/// the module; they would pile up from input to input and their names
/// ("onnx_0", then "onnx_0_1", ...) would depend on what ran before. Once the
/// module is gone nothing refers to them, so give the dialect a fresh manager.
void resetPerInputState(MLIRContext &ctx) {
  auto *builtin = ctx.getLoadedDialect<BuiltinDialect>();
  auto *blobs = builtin->getRegisteredInterface<ResourceBlobManagerDialectInterface>();
  if (!blobs) {
    llvm::errs() << "fuzz_import: the builtin dialect has no blob manager\n";
    std::abort();
  }
  blobs->setBlobManager(std::make_shared<DialectResourceBlobManager>());
}

void compileOne(MLIRContext &ctx, llvm::StringRef bytes) {
  mote::CompileOptions options; // name "model", the generic target, emit C++
  // Symbolic dims cannot all be guessed; fix the common ones so that such
  // models get past the importer's first check.
  options.import.dims["N"] = 1;
  options.import.dims["batch"] = 1;
  options.import.dims["batch_size"] = 1;
  OwningOpRef<ModuleOp> module =
      mote::importONNXBuffer(&ctx, bytes, kFileName, kIsText, options.import);
  if (!module)
    return;
  // What `motec --emit=onnx` prints: exercises the dialects' printers.
  module->print(llvm::nulls());
  if (failed(mote::lowerModule(*module, options)))
    return;
  std::string source, header;
  llvm::raw_string_ostream sourceStream(source), headerStream(header);
  (void)mote::writeCpp(*module, options.name, "model.h", sourceStream,
                       headerStream);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  MLIRContext &ctx = context();
  compileOne(ctx, llvm::StringRef(reinterpret_cast<const char *>(data), size));
  resetPerInputState(ctx);
  return 0;
}
