//===- FunctionExpansion.h - ONNX functions as lists of nodes ---*- C++ -*-===//
//
// Function ops are imported by expanding them: a node that calls a function
// of the model (FunctionProto) or an operator that ONNX's schema defines as a
// function becomes the function's body, with its names made unique, its
// formal inputs and outputs bound to the call's and its attribute references
// substituted. These helpers work on protobufs only; the importer imports the
// body's nodes like the graph's. Part of the importer library (exceptions on).
//
//===----------------------------------------------------------------------===//
#ifndef MOTE_COMPILER_FUNCTIONEXPANSION_H
#define MOTE_COMPILER_FUNCTIONEXPANSION_H

#include "mlir/IR/Location.h"
#include "mlir/IR/Types.h"
#include "mlir/Support/LLVM.h"

#include <onnx/onnx_pb.h>

#include <optional>
#include <string>
#include <vector>

namespace mote {

/// A function body ready to instantiate: the nodes, the default-domain opset
/// they are written in, and the defaults of attributes a call may omit.
struct FunctionDefinition {
  ::onnx::FunctionProto proto;
  std::vector<::onnx::AttributeProto> defaults;
  int64_t opset = 0;
  /// For messages: "function 'local.f'" or "ONNX's function for Shrink-9".
  std::string description;
  /// Identifies the function on the expansion stack (recursion check).
  std::string key;
};

/// The model-local function a node calls (matched on domain and name), as a
/// definition whose body is written in `modelOpset` unless the function
/// imports its own version of the default domain; nullopt if none.
std::optional<FunctionDefinition>
findLocalFunction(const ::onnx::ModelProto &model, const ::onnx::NodeProto &node,
                  int64_t modelOpset);

/// The function body ONNX's schema registry (libonnx 1.12) gives a
/// default-domain operator at `opset` (or at the newest opset the registry
/// knows, if the model's is newer), built for inputs of `inputTypes` when the
/// body depends on them. nullopt if the schema defines no function; failure
/// (reported at `loc`) if building the body fails.
mlir::FailureOr<std::optional<FunctionDefinition>>
findSchemaFunction(const ::onnx::NodeProto &node, int64_t opset,
                   llvm::ArrayRef<mlir::Type> inputTypes, mlir::Location loc);

/// The body's nodes for one call: tensor names prefixed with `tensorPrefix`
/// (formal inputs and outputs renamed to the call's actual ones, an omitted
/// input to the empty name), node names with `nodePrefix`, and every
/// attribute reference replaced by the call's attribute or the default.
mlir::FailureOr<std::vector<::onnx::NodeProto>>
instantiateFunction(const ::onnx::NodeProto &call, const FunctionDefinition &fn,
                    llvm::StringRef nodePrefix, llvm::StringRef tensorPrefix,
                    mlir::Location loc);

/// The newest version of the default domain that libonnx's registry knows.
int64_t schemaRegistryMaxOpset();

} // namespace mote

#endif // MOTE_COMPILER_FUNCTIONEXPANSION_H
