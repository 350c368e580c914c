//===- Pipeline.h - the compiler as a library -------------------*- C++ -*-===//
//
// One options struct and one builder per phase; motec and mote-opt are thin
// wrappers over these, so that what a user runs is what the lit tests run.
//
//===----------------------------------------------------------------------===//
#ifndef MOTE_COMPILER_PIPELINE_H
#define MOTE_COMPILER_PIPELINE_H

#include "compiler/DeviceProfile.h"
#include "compiler/Importer.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/PassManager.h"

namespace mote {

/// The levels at which the compiler can stop and print.
enum class EmitLevel { ONNX, Mote, Loops, EmitC, Cpp };

struct CompileOptions {
  /// Prefix of every emitted C symbol; a C identifier.
  std::string name = "model";
  /// The device profile (--target). lowerModule records its ISA, features,
  /// vector width and layout on the module as `mote.target`, where passes
  /// read them; the C++ writer names it and its build flags.
  DeviceProfile target;
  EmitLevel emit = EmitLevel::Cpp;
  /// Bytes of RAM the arena may take; 0 for no limit.
  int64_t ramBudget = 0;
  /// The caller passes the arena to `<name>_run` instead of a static array.
  bool externalArena = false;
  /// Kernels may write over an input that dies at them (elementwise ops,
  /// depthwise and pointwise convolutions). Off: plain lifetime sharing.
  bool inPlace = true;
  ImportOptions import;
};

/// Every dialect, interface model and extension the pipelines rely on.
void registerMoteDialects(mlir::DialectRegistry &registry);

/// Registers the passes and the named pipelines (for mote-opt).
void registerMotePassesAndPipelines();

/// onnx → mote: lowering, constant folding, BN folding, activation fusion;
/// with `inPlace`, elementwise kernels write over an input that dies there.
void buildImportToKernelsPipeline(mlir::OpPassManager &pm, bool inPlace = true);
/// mote on tensors → mote on buffers in one planned arena ("loops" level).
/// With `inPlace`, convolutions write over their input where that lowers the
/// arena; `ramBudget` (bytes, 0 for none) makes planning fail beyond it.
void buildKernelsToBuffersPipeline(mlir::OpPassManager &pm, bool inPlace,
                                   int64_t ramBudget = 0);
/// buffers → EmitC, ready for translateToCpp.
void buildBuffersToEmitCPipeline(mlir::OpPassManager &pm, llvm::StringRef name,
                                 bool externalArena = false);

/// `mote.target`: the profile's name, isa, features, vector_bits and layout,
/// as the module attribute passes read the target from.
mlir::DictionaryAttr getTargetAttr(mlir::MLIRContext *context,
                                   const DeviceProfile &profile);

/// Runs the phases that take `module` from level `from` to level `to`
/// (EmitC when C++ is asked for, since C++ is printed from EmitC).
mlir::LogicalResult lowerModule(mlir::ModuleOp module,
                                const CompileOptions &options,
                                EmitLevel from, EmitLevel to);

/// From the onnx level to `options.emit`.
inline mlir::LogicalResult lowerModule(mlir::ModuleOp module,
                                       const CompileOptions &options) {
  return lowerModule(module, options, EmitLevel::ONNX, options.emit);
}

} // namespace mote

#endif // MOTE_COMPILER_PIPELINE_H
