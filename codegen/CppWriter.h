//===- CppWriter.h - one .cpp and its .h per model --------------*- C++ -*-===//
#ifndef MOTE_CODEGEN_CPPWRITER_H
#define MOTE_CODEGEN_CPPWRITER_H

#include "compiler/DeviceProfile.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/raw_ostream.h"

namespace mote {

/// A source file of their own for the weights, so that its object can be
/// linked into another memory (external flash): they are defined there with
/// external C linkage and declared `extern "C"` in the main source.
struct WeightsFile {
  /// The file's name, mentioned in the main source.
  llvm::StringRef fileName;
  /// The section the definitions go to (see isSafeSectionName); empty for
  /// the compiler's default, read-only data.
  llvm::StringRef section;
  llvm::raw_ostream &source;
};

/// The device profile a source is written for: its opening comment names the
/// profile and the command that builds the source (`sourceFileName`) for it.
struct TargetNote {
  const DeviceProfile &profile;
  llvm::StringRef sourceFileName;
};

/// Writes the self-contained source of an EmitC-level module: the kernels it
/// calls, its weights, the graph function (printed by EmitC's translateToCpp)
/// and the extern "C" entry points; and the header declaring them, with every
/// input's and output's name, dtype and shape and `<NAME>_ARENA_BYTES`.
/// The source includes `headerFileName`, unless it is empty (the caller then
/// puts the header text in front of the source). With `weights`, the weights
/// go to that source instead, and the header also defines
/// `<NAME>_WEIGHT_BYTES`. With `target`, the opening comment names the
/// profile and its build command. The module is consumed: it is changed on
/// the way.
mlir::LogicalResult writeCpp(mlir::ModuleOp module, llvm::StringRef name,
                             llvm::StringRef headerFileName,
                             llvm::raw_ostream &source,
                             llvm::raw_ostream &header,
                             const WeightsFile *weights = nullptr,
                             const TargetNote *target = nullptr);

/// True for a valid C identifier that is not a C or C++ keyword.
bool isSafeIdentifier(llvm::StringRef name);

/// True for a linker section name that can be written into a string literal
/// and a linker script as it is: 1 to 64 of [A-Za-z0-9_.].
bool isSafeSectionName(llvm::StringRef name);

} // namespace mote

#endif // MOTE_CODEGEN_CPPWRITER_H
