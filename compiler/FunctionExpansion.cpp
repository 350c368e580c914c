//===- FunctionExpansion.cpp - ONNX functions as lists of nodes -----------===//
//
// See FunctionExpansion.h. Uses ONNX's schema registry, which may throw: every
// exception becomes a diagnostic at the calling node.
//
//===----------------------------------------------------------------------===//
#include "compiler/FunctionExpansion.h"

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Diagnostics.h"
#include "llvm/ADT/StringMap.h"

#include <google/protobuf/unknown_field_set.h>
#include <onnx/defs/schema.h>

#include <algorithm>
#include <exception>

using namespace mlir;
namespace pb = ::onnx;

namespace mote {
namespace {

bool isDefaultDomain(const std::string &domain) {
  return domain.empty() || domain == "ai.onnx";
}

/// FunctionProto.attribute_proto (field 11, IR 9) postdates libonnx 1.12's
/// classes: the parser keeps it as an unknown field, read here.
std::vector<pb::AttributeProto> attributeDefaults(const pb::FunctionProto &fn) {
  std::vector<pb::AttributeProto> defaults;
  const auto &unknown = fn.GetReflection()->GetUnknownFields(fn);
  for (int i = 0; i < unknown.field_count(); ++i) {
    const auto &field = unknown.field(i);
    if (field.number() != 11 ||
        field.type() != google::protobuf::UnknownField::TYPE_LENGTH_DELIMITED)
      continue;
    pb::AttributeProto attr;
    if (attr.ParseFromString(field.length_delimited()))
      defaults.push_back(std::move(attr));
  }
  return defaults;
}

int64_t defaultDomainVersion(const pb::FunctionProto &fn, int64_t fallback) {
  for (const auto &import : fn.opset_import())
    if (isDefaultDomain(import.domain()))
      return import.version();
  return fallback;
}

/// ONNX's element type code for an MLIR element type; 0 if none.
int onnxElementType(Type type) {
  if (type.isF32())
    return pb::TensorProto::FLOAT;
  if (type.isF16())
    return pb::TensorProto::FLOAT16;
  if (type.isBF16())
    return pb::TensorProto::BFLOAT16;
  if (type.isF64())
    return pb::TensorProto::DOUBLE;
  if (type.isInteger(1))
    return pb::TensorProto::BOOL;
  if (auto integer = dyn_cast<IntegerType>(type)) {
    bool isUnsigned = integer.isUnsigned();
    switch (integer.getWidth()) {
    case 8:
      return isUnsigned ? pb::TensorProto::UINT8 : pb::TensorProto::INT8;
    case 16:
      return isUnsigned ? pb::TensorProto::UINT16 : pb::TensorProto::INT16;
    case 32:
      return isUnsigned ? pb::TensorProto::UINT32 : pb::TensorProto::INT32;
    case 64:
      return isUnsigned ? pb::TensorProto::UINT64 : pb::TensorProto::INT64;
    }
  }
  return 0;
}

pb::TypeProto typeProtoOf(Type type) {
  pb::TypeProto proto;
  auto *tensor = proto.mutable_tensor_type();
  auto shaped = dyn_cast_or_null<RankedTensorType>(type);
  if (!shaped)
    return proto;
  tensor->set_elem_type(onnxElementType(shaped.getElementType()));
  auto *shape = tensor->mutable_shape();
  for (int64_t dim : shaped.getShape()) {
    auto *d = shape->add_dim();
    if (!ShapedType::isDynamic(dim))
      d->set_dim_value(dim);
  }
  return proto;
}

/// Renames every tensor of a (sub)graph or node in place.
class Renamer {
public:
  Renamer(const pb::NodeProto &call, const pb::FunctionProto &fn,
          StringRef tensorPrefix)
      : tensorPrefix(tensorPrefix.str()) {
    for (int i = 0; i < fn.input_size(); ++i)
      map[fn.input(i)] = i < call.input_size() ? call.input(i) : std::string();
    for (int i = 0; i < fn.output_size(); ++i)
      if (i < call.output_size() && !call.output(i).empty())
        map[fn.output(i)] = call.output(i);
  }

  std::string operator()(const std::string &name) const {
    if (name.empty())
      return name;
    auto it = map.find(name);
    if (it != map.end())
      return it->second;
    return tensorPrefix + name;
  }

  void renameNode(pb::NodeProto &node) const {
    for (auto &name : *node.mutable_input())
      name = (*this)(name);
    for (auto &name : *node.mutable_output())
      name = (*this)(name);
    for (auto &attr : *node.mutable_attribute()) {
      if (attr.has_g())
        renameGraph(*attr.mutable_g());
      for (auto &g : *attr.mutable_graphs())
        renameGraph(g);
    }
  }

  void renameGraph(pb::GraphProto &graph) const {
    for (auto &node : *graph.mutable_node())
      renameNode(node);
    for (auto &info : *graph.mutable_input())
      info.set_name((*this)(info.name()));
    for (auto &info : *graph.mutable_output())
      info.set_name((*this)(info.name()));
    for (auto &info : *graph.mutable_value_info())
      info.set_name((*this)(info.name()));
    for (auto &tensor : *graph.mutable_initializer())
      tensor.set_name((*this)(tensor.name()));
  }

private:
  std::string tensorPrefix;
  llvm::StringMap<std::string> map;
};

/// Replaces attribute references (ref_attr_name) in a node and its subgraphs
/// by the call's attribute or the default; drops a reference to neither.
void substituteAttributes(pb::NodeProto &node,
                          const llvm::StringMap<const pb::AttributeProto *> &actual) {
  auto *attrs = node.mutable_attribute();
  for (int i = 0; i < attrs->size();) {
    pb::AttributeProto &attr = (*attrs)[i];
    if (!attr.ref_attr_name().empty()) {
      const pb::AttributeProto *value = actual.lookup(attr.ref_attr_name());
      if (!value) {
        attrs->DeleteSubrange(i, 1);
        continue;
      }
      std::string name = attr.name();
      attr = *value;
      attr.set_name(name);
    }
    if (attr.has_g())
      for (auto &inner : *attr.mutable_g()->mutable_node())
        substituteAttributes(inner, actual);
    for (auto &g : *attr.mutable_graphs())
      for (auto &inner : *g.mutable_node())
        substituteAttributes(inner, actual);
    ++i;
  }
}

} // namespace

int64_t schemaRegistryMaxOpset() {
  const auto &map = pb::OpSchemaRegistry::DomainToVersionRange::Instance().Map();
  auto it = map.find(pb::ONNX_DOMAIN);
  return it == map.end() ? 0 : it->second.second;
}

std::optional<FunctionDefinition>
findLocalFunction(const pb::ModelProto &model, const pb::NodeProto &node,
                  int64_t modelOpset) {
  for (const auto &fn : model.functions()) {
    bool sameDomain = fn.domain() == node.domain() ||
                      (isDefaultDomain(fn.domain()) && isDefaultDomain(node.domain()));
    if (!sameDomain || fn.name() != node.op_type())
      continue;
    FunctionDefinition def;
    def.proto = fn;
    def.defaults = attributeDefaults(fn);
    def.opset = defaultDomainVersion(fn, modelOpset);
    def.description = "function '" +
                      (fn.domain().empty() ? fn.name() : fn.domain() + "." + fn.name()) +
                      "'";
    def.key = "local:" + fn.domain() + ":" + fn.name();
    return def;
  }
  return std::nullopt;
}

FailureOr<std::optional<FunctionDefinition>>
findSchemaFunction(const pb::NodeProto &node, int64_t opset,
                   ArrayRef<Type> inputTypes, Location loc) {
  try {
    int64_t version = std::min(opset, schemaRegistryMaxOpset());
    const pb::OpSchema *schema =
        pb::OpSchemaRegistry::Schema(node.op_type(), (int)version, pb::ONNX_DOMAIN);
    if (!schema || schema->Deprecated())
      return std::optional<FunctionDefinition>();
    FunctionDefinition def;
    if (schema->HasContextDependentFunction()) {
      std::vector<pb::TypeProto> types;
      for (Type type : inputTypes)
        types.push_back(typeProtoOf(type));
      pb::FunctionBodyBuildContextImpl context(node, types);
      if (!schema->BuildContextDependentFunction(context, def.proto)) {
        emitError(loc) << "unsupported operator (opset " << opset
                       << "); ONNX's function for " << node.op_type() << "-"
                       << schema->since_version()
                       << " could not be built for these inputs";
        return failure();
      }
    } else if (schema->HasFunction()) {
      def.proto = *schema->GetFunction();
    } else {
      return std::optional<FunctionDefinition>();
    }
    for (const auto &[name, attr] : schema->attributes())
      if (!attr.required && attr.default_value.type() != pb::AttributeProto::UNDEFINED) {
        pb::AttributeProto value = attr.default_value;
        value.set_name(name);
        def.defaults.push_back(std::move(value));
      }
    def.opset = defaultDomainVersion(def.proto, schema->since_version());
    def.description = "ONNX's function for " + node.op_type() + "-" +
                      std::to_string(schema->since_version());
    def.key = "schema:" + node.op_type();
    return std::optional<FunctionDefinition>(std::move(def));
  } catch (const std::exception &e) {
    emitError(loc) << "ONNX's function for " << node.op_type()
                   << " failed to build: " << e.what();
    return failure();
  }
}

FailureOr<std::vector<pb::NodeProto>>
instantiateFunction(const pb::NodeProto &call, const FunctionDefinition &fn,
                    StringRef nodePrefix, StringRef tensorPrefix, Location loc) {
  if (call.input_size() > fn.proto.input_size()) {
    emitError(loc) << "passes " << call.input_size() << " inputs to "
                   << fn.description << ", which takes " << fn.proto.input_size();
    return failure();
  }
  if (call.output_size() > fn.proto.output_size()) {
    emitError(loc) << "expects " << call.output_size() << " outputs from "
                   << fn.description << ", which has " << fn.proto.output_size();
    return failure();
  }
  llvm::StringMap<const pb::AttributeProto *> actual;
  for (const auto &attr : fn.defaults)
    actual[attr.name()] = &attr;
  for (const auto &attr : call.attribute())
    actual[attr.name()] = &attr;

  Renamer rename(call, fn.proto, tensorPrefix);
  std::vector<pb::NodeProto> nodes;
  nodes.reserve(fn.proto.node_size());
  for (auto [i, original] : llvm::enumerate(fn.proto.node())) {
    pb::NodeProto node = original;
    std::string inner = !original.name().empty() ? original.name()
                        : original.output_size() ? original.output(0)
                                                 : "#" + std::to_string(i);
    node.set_name((nodePrefix + "/" + inner).str());
    substituteAttributes(node, actual);
    rename.renameNode(node);
    nodes.push_back(std::move(node));
  }
  return nodes;
}

} // namespace mote
