//===- Importer.h - ONNX protobuf and text into the onnx dialect -*- C++ -*-===//
#ifndef MOTE_COMPILER_IMPORTER_H
#define MOTE_COMPILER_IMPORTER_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/ADT/StringMap.h"

namespace mote {

/// The ONNX node an op or diagnostic comes from, as the importer located it.
struct NodeOrigin {
  std::string node;   // node name, or its first output's name
  std::string opType; // ONNX operator, or "initializer"
};
std::optional<NodeOrigin> nodeOrigin(mlir::Location loc);

struct ImportOptions {
  /// Sizes for symbolic dims (`--dim NAME=N`); every symbolic dim needs one.
  llvm::StringMap<int64_t> dims;
  /// Graph inputs whose value is fixed at compile time (`--freeze-input
  /// NAME=FILE.pb`): each becomes a constant read from a TensorProto file and
  /// leaves the model's interface. For inputs a static memory plan needs to
  /// know (shapes, axes, pads, split sizes given as inputs).
  llvm::StringMap<std::string> frozenInputs;
};

/// Reads a model (binary protobuf, or textual ONNX when the file name ends in
/// `.onnxtext`) and builds a module holding one `func.func @main` in the onnx
/// dialect. Problems are reported as MLIR diagnostics located at the file and
/// node; the result is null after an error.
mlir::OwningOpRef<mlir::ModuleOp> importONNXFile(mlir::MLIRContext *context,
                                                 llvm::StringRef path,
                                                 const ImportOptions &options);

/// The same for a model already in memory; `path` names it in diagnostics and
/// anchors external data.
mlir::OwningOpRef<mlir::ModuleOp>
importONNXBuffer(mlir::MLIRContext *context, llvm::StringRef bytes,
                 llvm::StringRef path, bool isText, const ImportOptions &options);

} // namespace mote

#endif // MOTE_COMPILER_IMPORTER_H
