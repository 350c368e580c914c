//===- CppWriter.h - one .cpp and its .h per model --------------*- C++ -*-===//
#ifndef MOTE_CODEGEN_CPPWRITER_H
#define MOTE_CODEGEN_CPPWRITER_H

#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/raw_ostream.h"

namespace mote {

/// Writes the self-contained source of an EmitC-level module: the kernels it
/// calls, its weights, the graph function (printed by EmitC's translateToCpp)
/// and the extern "C" entry points; and the header declaring them, with every
/// input's and output's name, dtype and shape and `<NAME>_ARENA_BYTES`.
/// The source includes `headerFileName`, unless it is empty (the caller then
/// puts the header text in front of the source).
mlir::LogicalResult writeCpp(mlir::ModuleOp module, llvm::StringRef name,
                             llvm::StringRef headerFileName,
                             llvm::raw_ostream &source,
                             llvm::raw_ostream &header);

/// True for a valid C identifier that is not a C or C++ keyword.
bool isSafeIdentifier(llvm::StringRef name);

} // namespace mote

#endif // MOTE_CODEGEN_CPPWRITER_H
