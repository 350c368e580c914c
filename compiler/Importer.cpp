//===- Importer.cpp - ONNX protobuf and text into the onnx dialect --------===//
//
// This is the one translation unit that touches ONNX's C++ library (and so the
// one compiled with exceptions): it parses the model, validates it, and builds
// onnx dialect ops at the semantics of the newest opset Mote knows. Every
// problem becomes an MLIR error located at the file and the node.
//
//===----------------------------------------------------------------------===//
#include "compiler/Importer.h"
#include "compiler/FunctionExpansion.h"

#include "dialects/ONNX/ONNXDialect.h"
#include "dialects/Utils/ConstantTensor.h"
#include "mlir/IR/Matchers.h"
#include "dialects/Utils/ShapeHelpers.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/AsmState.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Verifier.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <onnx/defs/parser.h>
#include <onnx/onnx_pb.h>

#include <limits>
#include <queue>

using namespace mlir;
/// ONNX's protobuf classes; `onnx::` is Mote's dialect.
namespace pb = ::onnx;

namespace mote {
namespace {

/// The emitted header describes each input and output with at most this many
/// dims (mote_io_info::shape).
constexpr int64_t kMaxIORank = 8;


//===----------------------------------------------------------------------===//
// Locations: file + node name + op type, read back by the CLI's diagnostics
//===----------------------------------------------------------------------===//

Location nodeLoc(MLIRContext *ctx, StringRef path, StringRef nodeName,
                 StringRef opType) {
  return FusedLoc::get(ctx,
                       {FileLineColLoc::get(ctx, path, 0, 0),
                        NameLoc::get(StringAttr::get(ctx, nodeName))},
                       StringAttr::get(ctx, opType));
}

class Importer {
public:
  Importer(MLIRContext *ctx, StringRef path, const ImportOptions &options)
      : ctx(ctx), path(path), options(options), builder(ctx),
        fileLoc(FileLineColLoc::get(ctx, path, 0, 0)) {}

  OwningOpRef<ModuleOp> run(const pb::ModelProto &model);

private:
  // Graph-level steps.
  LogicalResult readOpset(const pb::ModelProto &model);
  LogicalResult importInputs(const pb::GraphProto &graph);
  FailureOr<Value> lookup(StringRef name, Location loc);
  FailureOr<SmallVector<const pb::NodeProto *>>
  topologicalOrder(const pb::GraphProto &graph);
  LogicalResult importNode(const pb::NodeProto &node, int index);
  LogicalResult importOutputs(const pb::GraphProto &graph, func::FuncOp func);
  LogicalResult checkDeclaredOutput(const pb::ValueInfoProto &output, Value value);

  // Tensors and types.
  FailureOr<RankedTensorType> typeOfValueInfo(const pb::ValueInfoProto &info);
  Value foldIfConstant(Operation *op);
  LogicalResult importFrozenInputs(const pb::GraphProto &graph);
  void suggestFreezing(ValueRange operands, Location loc, bool floatLists = false);
  LogicalResult normalizeSliceOperands(const pb::NodeProto &node,
                                       SmallVectorImpl<Value> &operands,
                                       SmallVectorImpl<NamedAttribute> &attrs, Location loc);
  FailureOr<ElementsAttr> subByteTensorToAttr(const pb::TensorProto &tensor,
                                             const std::string &raw, bool hasRaw,
                                             ArrayRef<int64_t> shape, Type element,
                                             Location loc);
  LogicalResult importResize(const pb::NodeProto &node, ArrayRef<Value> operands,
                             SmallVectorImpl<NamedAttribute> &attrs, Location loc);
  FailureOr<ElementsAttr> genericTensorToAttr(const pb::TensorProto &tensor,
                                             const std::string &raw, bool hasRaw,
                                             ArrayRef<int64_t> shape, Location loc);
  FailureOr<ElementsAttr> tensorToAttr(const pb::TensorProto &tensor,
                                       Location loc);
  FailureOr<std::string> readExternalData(const pb::TensorProto &tensor,
                                          Location loc);
  FailureOr<SmallVector<int64_t>> checkedShape(ArrayRef<int64_t> dims,
                                               Location loc, StringRef what);

  // Node helpers.
  Value constantI64(ArrayRef<int64_t> values, Location loc);
  Value constantF32(float value, Location loc);
  FailureOr<Operation *> createOp(StringRef opName, ValueRange operands,
                                  ArrayRef<NamedAttribute> attrs, Location loc);
  LogicalResult bind(const pb::NodeProto &node, ArrayRef<Value> results,
                     Location loc);
  LogicalResult onlyFirstOutputUsed(const pb::NodeProto &node, Location loc);
  LogicalResult importFunctionCall(const pb::NodeProto &node,
                                   const FunctionDefinition &fn,
                                   StringRef displayName, Location loc);
  LogicalResult importAttention(const pb::NodeProto &node, ArrayRef<Value> operands,
                                SmallVectorImpl<NamedAttribute> &attrs, Location loc);

  MLIRContext *ctx;
  std::string path;
  const ImportOptions &options;
  OpBuilder builder;
  Location fileLoc;
  int64_t opset = 0;
  llvm::StringMap<Value> values;
  /// Initializers not yet materialized; each becomes a constant at its first
  /// use, so that the IR (and the emitted file) follows the graph, not the
  /// order in which the file happens to list its initializers.
  llvm::StringMap<const pb::TensorProto *> pendingInitializers;
  /// Tensors some node produces, to tell a cycle from a dangling name.
  llvm::StringSet<> producedByNodes;
  llvm::StringSet<> consumed;
  int64_t resourceCount = 0;
  /// The graph input each function argument stands for.
  SmallVector<std::string> argumentNames;
  /// The model, for its local functions.
  const pb::ModelProto *model = nullptr;
  /// The functions being expanded, outermost first (FunctionDefinition::key).
  SmallVector<std::string> expansionStack;
  int64_t expansionCount = 0;
};

//===----------------------------------------------------------------------===//
// Attributes
//===----------------------------------------------------------------------===//

/// How an ONNX attribute maps onto the dialect's attribute of the same name.
enum class AttrKind { Float, Int, SignedInt, Ints, String, Ignored };
struct AttrSpec {
  const char *name;
  AttrKind kind;
};

/// Elementwise ops without attributes (beyond the tables below).
const char *const kAttributeFreeOps[] = {
    "Abs", "Neg", "Exp", "Log", "Sqrt", "Reciprocal", "Floor", "Ceil", "Round",
    "Sin", "Cos", "Tan", "Asin", "Acos", "Atan", "Sinh", "Cosh", "Asinh", "Acosh",
    "Atanh", "Erf", "Sign", "Not", "BitwiseNot", "Softplus", "Softsign", "Mish",
    "IsNaN", "Pow", "PRelu", "And", "Or", "Xor", "BitwiseAnd", "BitwiseOr",
    "BitwiseXor", "Equal", "Less", "LessOrEqual", "Greater", "GreaterOrEqual",
    "Max", "Min", "Sum", "Mean", "Where", "Size", "Range", "Expand", "Slice",
    "Tile", "ConstantOfShape"};
const char *const kReduceOps[] = {
    "ReduceMean", "ReduceSum", "ReduceMax", "ReduceMin", "ReduceProd", "ReduceL1",
    "ReduceL2", "ReduceLogSum", "ReduceLogSumExp", "ReduceSumSquare"};

bool isReduceOp(StringRef opType) { return llvm::is_contained(kReduceOps, opType); }

/// The attributes each op accepts; anything else is an error, so that a model
/// never compiles with an attribute silently dropped.
const llvm::StringMap<std::vector<AttrSpec>> &attributeTable() {
  using K = AttrKind;
  static const llvm::StringMap<std::vector<AttrSpec>> table = [] {
    llvm::StringMap<std::vector<AttrSpec>> table = {
      {"Add", {{"broadcast", K::Ignored}, {"axis", K::Ignored}}},
      {"Sub", {{"broadcast", K::Ignored}, {"axis", K::Ignored}}},
      {"Mul", {{"broadcast", K::Ignored}, {"axis", K::Ignored}}},
      {"Div", {{"broadcast", K::Ignored}, {"axis", K::Ignored}}},
      {"Relu", {}},
      {"Sigmoid", {}},
      {"Tanh", {}},
      {"HardSwish", {}},
      {"LeakyRelu", {{"alpha", K::Float}}},
      {"HardSigmoid", {{"alpha", K::Float}, {"beta", K::Float}}},
      {"Clip", {}},
      {"Conv",
       {{"auto_pad", K::String}, {"dilations", K::Ints}, {"group", K::Int},
        {"kernel_shape", K::Ints}, {"pads", K::Ints}, {"strides", K::Ints}}},
      {"Gemm",
       {{"alpha", K::Float}, {"beta", K::Float}, {"transA", K::Int},
        {"transB", K::Int}, {"broadcast", K::Ignored}}},
      {"MatMul", {}},
      {"BatchNormalization", {{"epsilon", K::Float}, {"momentum", K::Ignored}}},
      {"MaxPool",
       {{"auto_pad", K::String}, {"ceil_mode", K::Int}, {"dilations", K::Ints},
        {"kernel_shape", K::Ints}, {"pads", K::Ints}, {"strides", K::Ints},
        {"storage_order", K::Int}}},
      {"AveragePool",
       {{"auto_pad", K::String}, {"ceil_mode", K::Int}, {"dilations", K::Ints},
        {"kernel_shape", K::Ints}, {"pads", K::Ints}, {"strides", K::Ints},
        {"count_include_pad", K::Int}}},
      {"GlobalAveragePool", {}},
      {"Softmax", {{"axis", K::SignedInt}}},
      {"Reshape", {{"allowzero", K::Int}}},
      {"Flatten", {{"axis", K::SignedInt}}},
      {"Squeeze", {}},
      {"Unsqueeze", {}},
      {"Transpose", {{"perm", K::Ints}}},
      {"Concat", {{"axis", K::SignedInt}}},
      {"Pad", {{"mode", K::String}}},
      {"Elu", {{"alpha", K::Float}}},
      {"Celu", {{"alpha", K::Float}}},
      {"ThresholdedRelu", {{"alpha", K::Float}}},
      {"Selu", {{"alpha", K::Float}, {"gamma", K::Float}}},
      {"Shrink", {{"bias", K::Float}, {"lambd", K::Float}}},
      {"Gelu", {{"approximate", K::String}}},
      {"IsInf", {{"detect_negative", K::Int}, {"detect_positive", K::Int}}},
      {"Cast", {{"to", K::Int}, {"saturate", K::Int}}},
      {"CastLike", {{"saturate", K::Int}}},
      {"Mod", {{"fmod", K::Int}}},
      {"BitShift", {{"direction", K::String}}},
      {"Shape", {{"start", K::Int}, {"end", K::Int}}},
      {"Gather", {{"axis", K::Int}}},
      {"ArgMax", {{"axis", K::Int}, {"keepdims", K::Int}, {"select_last_index", K::Int}}},
      {"ArgMin", {{"axis", K::Int}, {"keepdims", K::Int}, {"select_last_index", K::Int}}},
      // Softmax family and normalizations (ops-norm).
      {"LogSoftmax", {{"axis", K::SignedInt}}},
      {"Hardmax", {{"axis", K::SignedInt}}},
      {"LayerNormalization",
       {{"axis", K::SignedInt}, {"epsilon", K::Float}, {"stash_type", K::Int}}},
      {"RMSNormalization",
       {{"axis", K::SignedInt}, {"epsilon", K::Float}, {"stash_type", K::Int}}},
      {"InstanceNormalization", {{"epsilon", K::Float}}},
      {"GroupNormalization",
       {{"num_groups", K::Int}, {"epsilon", K::Float}, {"stash_type", K::Int}}},
      {"LpNormalization", {{"axis", K::SignedInt}, {"p", K::Int}}},
      {"MeanVarianceNormalization", {{"axes", K::Ints}}},
      {"LRN", {{"size", K::Int}, {"alpha", K::Float}, {"beta", K::Float}, {"bias", K::Float}}},
      // Indexing and data movement.
      {"Split", {{"axis", K::SignedInt}, {"num_outputs", K::Int}}},
      {"GatherElements", {{"axis", K::SignedInt}}},
      {"ScatterElements", {{"axis", K::SignedInt}, {"reduction", K::String}}},
      {"Scatter", {{"axis", K::SignedInt}}},
      {"ScatterND", {{"reduction", K::String}}},
      {"GatherND", {{"batch_dims", K::Int}}},
      {"Trilu", {{"upper", K::Int}}},
      {"CumSum", {{"exclusive", K::Int}, {"reverse", K::Int}}},
      {"CumProd", {{"exclusive", K::Int}, {"reverse", K::Int}}},
      {"TopK", {{"axis", K::SignedInt}, {"largest", K::Int}, {"sorted", K::Int}}},
      {"OneHot", {{"axis", K::SignedInt}}},
      {"DepthToSpace", {{"blocksize", K::Int}, {"mode", K::String}}},
      {"SpaceToDepth", {{"blocksize", K::Int}}},
      {"Compress", {{"axis", K::SignedInt}}},
      {"EyeLike", {{"dtype", K::Int}, {"k", K::SignedInt}}},
      {"ReverseSequence", {{"batch_axis", K::Int}, {"time_axis", K::Int}}},
      {"Attention",
       {{"is_causal", K::Int}, {"kv_num_heads", K::Int}, {"q_num_heads", K::Int},
        {"qk_matmul_output_mode", K::Int}, {"scale", K::Float}, {"softcap", K::Float},
        {"softmax_precision", K::Int}}},
      {"Resize",
       {{"antialias", K::Int}, {"axes", K::Ints}, {"coordinate_transformation_mode", K::String},
        {"cubic_coeff_a", K::Float}, {"exclude_outside", K::Int},
        {"extrapolation_value", K::Float}, {"keep_aspect_ratio_policy", K::String},
        {"mode", K::String}, {"nearest_mode", K::String}}},
      {"Upsample", {{"mode", K::String}}},
  };
    // Ops with no attributes, and the reductions, which share theirs.
    for (const char *op : kAttributeFreeOps)
      table[op];
    for (const char *op : kReduceOps)
      table[op] = {{"keepdims", K::Int}, {"noop_with_empty_axes", K::Int}};
    return table;
  }();
  return table;
}

/// Attributes that older opsets had and that the importer turns into inputs
/// or checks itself; they are consumed before the table above is applied.
bool isHandledSpecially(StringRef opType, StringRef attr) {
  if (attr == "consumed_inputs")
    return true; // opset < 6 memory hint, meaningless here
  return llvm::StringSwitch<bool>(opType)
      .Case("Clip", attr == "min" || attr == "max")
      .Cases({"Squeeze", "Unsqueeze"}, attr == "axes")
      .Case("Slice", attr == "starts" || attr == "ends" || attr == "axes")
      .Case("ConstantOfShape", attr == "value")
      .Case("Reshape", attr == "shape")
      .Case("Pad", attr == "pads" || attr == "value" || attr == "paddings")
      .Case("BatchNormalization",
            attr == "training_mode" || attr == "spatial" || attr == "is_test")
      .Case("Dropout", attr == "ratio" || attr == "is_test" || attr == "seed")
      .Case("Constant", true)
      .Case("Split", attr == "split")
      .Case("TopK", attr == "k")
      .Case("Upsample", attr == "scales")
      .Default(isReduceOp(opType) && attr == "axes");
}

/// "FLOAT", "INT64"...; newer codes this protobuf does not know by number.
std::string dataTypeName(int code) {
  std::string name =
      pb::TensorProto::DataType_IsValid(code)
          ? pb::TensorProto::DataType_Name((pb::TensorProto::DataType)code)
          : "";
  return name.empty() ? "with code " + std::to_string(code) : name;
}

const pb::AttributeProto *findAttr(const pb::NodeProto &node,
                                     StringRef name) {
  for (const auto &attr : node.attribute())
    if (attr.name() == name)
      return &attr;
  return nullptr;
}

/// The ONNX attribute type each kind must have. Old files may leave `type`
/// unset; then the field that is present decides.
pb::AttributeProto::AttributeType expectedType(AttrKind kind) {
  switch (kind) {
  case AttrKind::Float: return pb::AttributeProto::FLOAT;
  case AttrKind::Int:
  case AttrKind::SignedInt: return pb::AttributeProto::INT;
  case AttrKind::Ints: return pb::AttributeProto::INTS;
  case AttrKind::String: return pb::AttributeProto::STRING;
  case AttrKind::Ignored: break;
  }
  return pb::AttributeProto::UNDEFINED;
}

pb::AttributeProto::AttributeType actualType(const pb::AttributeProto &attr) {
  if (attr.type() != pb::AttributeProto::UNDEFINED)
    return attr.type();
  if (attr.has_f()) return pb::AttributeProto::FLOAT;
  if (attr.has_i()) return pb::AttributeProto::INT;
  if (attr.has_s()) return pb::AttributeProto::STRING;
  if (attr.ints_size()) return pb::AttributeProto::INTS;
  if (attr.floats_size()) return pb::AttributeProto::FLOATS;
  return pb::AttributeProto::UNDEFINED;
}

FailureOr<SmallVector<NamedAttribute>>
convertAttributes(const pb::NodeProto &node, Builder &b, Location loc) {
  const auto &table = attributeTable();
  auto specs = table.find(node.op_type());
  SmallVector<NamedAttribute> out;
  for (const auto &attr : node.attribute()) {
    if (isHandledSpecially(node.op_type(), attr.name()))
      continue;
    const AttrSpec *spec = nullptr;
    for (const AttrSpec &s : specs->second)
      if (attr.name() == s.name)
        spec = &s;
    if (!spec)
      return emitError(loc) << "unsupported attribute '" << attr.name() << "'";
    StringRef name = spec->name;
    pb::AttributeProto::AttributeType want = expectedType(spec->kind);
    pb::AttributeProto::AttributeType have = actualType(attr);
    // An empty list may arrive with its type unset.
    bool emptyInts = want == pb::AttributeProto::INTS &&
                     have == pb::AttributeProto::UNDEFINED;
    if (spec->kind != AttrKind::Ignored && want != have && !emptyInts)
      return emitError(loc) << "attribute '" << attr.name() << "' must be of type "
                            << pb::AttributeProto::AttributeType_Name(want) << ", not "
                            << pb::AttributeProto::AttributeType_Name(have);
    switch (spec->kind) {
    case AttrKind::Ignored:
      continue;
    case AttrKind::Float:
      out.push_back(b.getNamedAttr(name, b.getF32FloatAttr(attr.f())));
      break;
    case AttrKind::Int:
      out.push_back(b.getNamedAttr(name, b.getI64IntegerAttr(attr.i())));
      break;
    case AttrKind::SignedInt:
      out.push_back(b.getNamedAttr(
          name, b.getIntegerAttr(b.getIntegerType(64, /*isSigned=*/true), attr.i())));
      break;
    case AttrKind::Ints: {
      SmallVector<int64_t> ints(attr.ints().begin(), attr.ints().end());
      out.push_back(b.getNamedAttr(name, b.getDenseI64ArrayAttr(ints)));
      break;
    }
    case AttrKind::String:
      out.push_back(b.getNamedAttr(name, b.getStringAttr(attr.s())));
      break;
    }
  }
  return out;
}

//===----------------------------------------------------------------------===//
// Tensors
//===----------------------------------------------------------------------===//

FailureOr<SmallVector<int64_t>>
Importer::checkedShape(ArrayRef<int64_t> dims, Location loc, StringRef what) {
  int64_t count = 1;
  for (int64_t d : dims) {
    if (d < 0)
      return emitError(loc) << what << " has a negative dim " << d;
    if (d != 0 && count > kMaxTensorElements / d)
      return emitError(loc) << what << " has more than " << kMaxTensorElements
                            << " elements";
    count *= d;
  }
  return SmallVector<int64_t>(dims);
}

FailureOr<std::string> Importer::readExternalData(const pb::TensorProto &tensor,
                                                  Location loc) {
  std::string location;
  int64_t offset = 0, length = -1;
  for (const auto &entry : tensor.external_data()) {
    if (entry.key() == "location")
      location = entry.value();
    else if (entry.key() == "offset" || entry.key() == "length") {
      char *end = nullptr;
      long long v = std::strtoll(entry.value().c_str(), &end, 10);
      if (entry.value().empty() || *end || v < 0)
        return emitError(loc) << "external data " << entry.key() << " '"
                              << entry.value() << "' is not a valid size";
      (entry.key() == "offset" ? offset : length) = v;
    }
  }
  // External files must live in the model's own directory tree: no absolute
  // paths, no '..', and no symlink that leads elsewhere.
  if (location.empty() || llvm::sys::path::is_absolute(location) ||
      llvm::is_contained(llvm::make_range(llvm::sys::path::begin(location),
                                          llvm::sys::path::end(location)),
                         ".."))
    return emitError(loc) << "external data location '" << location
                          << "' is outside the model's directory";
  SmallString<256> dir(path), file;
  llvm::sys::path::remove_filename(dir);
  if (dir.empty())
    dir = ".";
  SmallString<256> realDir, realFile;
  file = dir;
  llvm::sys::path::append(file, location);
  if (llvm::sys::fs::real_path(dir, realDir) || llvm::sys::fs::real_path(file, realFile))
    return emitError(loc) << "cannot open external data file '" << location << "'";
  if (!StringRef(realFile).starts_with(std::string(realDir) + "/"))
    return emitError(loc) << "external data location '" << location
                          << "' is outside the model's directory";
  auto buffer = llvm::MemoryBuffer::getFile(realFile, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!buffer)
    return emitError(loc) << "cannot read external data file '" << location << "'";
  StringRef data = (*buffer)->getBuffer();
  if (offset > (int64_t)data.size() ||
      (length >= 0 && length > (int64_t)data.size() - offset))
    return emitError(loc) << "external data range is outside file '" << location << "'";
  return data.substr(offset, length < 0 ? StringRef::npos : length).str();
}

FailureOr<ElementsAttr> Importer::tensorToAttr(const pb::TensorProto &tensor,
                                               Location loc) {
  std::string what = "tensor '" + tensor.name() + "'";
  auto shape = checkedShape(SmallVector<int64_t>(tensor.dims().begin(),
                                                 tensor.dims().end()),
                            loc, what);
  if (failed(shape))
    return failure();
  int64_t count = shapeProduct(*shape);
  std::string raw = tensor.raw_data();
  if (tensor.data_location() == pb::TensorProto::EXTERNAL) {
    auto external = readExternalData(tensor, loc);
    if (failed(external))
      return failure();
    raw = std::move(*external);
  }
  bool hasRaw = tensor.has_raw_data() ||
                tensor.data_location() == pb::TensorProto::EXTERNAL;
  auto sizeError = [&](int64_t have, int64_t unit) {
    return emitError(loc) << what << " holds " << have << " bytes of data but "
                          << "its shape needs " << count * unit;
  };
  switch (tensor.data_type()) {
  case pb::TensorProto::FLOAT: {
    auto type = RankedTensorType::get(*shape, builder.getF32Type());
    SmallVector<float> data;
    if (hasRaw) {
      if ((int64_t)raw.size() != count * 4)
        return sizeError(raw.size(), 4);
      data.resize(count);
      std::memcpy(data.data(), raw.data(), raw.size());
    } else {
      if (tensor.float_data_size() != count)
        return sizeError(int64_t(tensor.float_data_size()) * 4, 4);
      data.assign(tensor.float_data().begin(), tensor.float_data().end());
    }
    return makeF32Elements(type, data, "onnx_" + std::to_string(resourceCount++));
  }
  case pb::TensorProto::BOOL: {
    // Flags such as Dropout's training_mode; one byte per element in raw
    // data, one int32 per element otherwise.
    SmallVector<bool> data;
    if (hasRaw) {
      if ((int64_t)raw.size() != count)
        return sizeError(raw.size(), 1);
      for (char c : raw)
        data.push_back(c != 0);
    } else {
      if (tensor.int32_data_size() != count)
        return sizeError(tensor.int32_data_size(), 1);
      for (int32_t v : tensor.int32_data())
        data.push_back(v != 0);
    }
    auto type = RankedTensorType::get(*shape, builder.getI1Type());
    return cast<ElementsAttr>(DenseElementsAttr::get(type, ArrayRef<bool>(data)));
  }
  default:
    return genericTensorToAttr(tensor, raw, hasRaw, *shape, loc);
  }
}

/// 4-bit and 2-bit types: ONNX packs them, low bits first, in raw_data or
/// in int32_data (a byte per int32); the attribute holds one per element.
FailureOr<ElementsAttr> Importer::subByteTensorToAttr(const pb::TensorProto &tensor,
                                                      const std::string &raw, bool hasRaw,
                                                      ArrayRef<int64_t> shape, Type element,
                                                      Location loc) {
  unsigned bits = element.getIntOrFloatBitWidth();
  int64_t count = shapeProduct(shape), perByte = 8 / bits;
  std::string packed = raw;
  if (!hasRaw)
    for (int32_t v : tensor.int32_data())
      packed.push_back((char)v);
  int64_t need = (count + perByte - 1) / perByte;
  if ((int64_t)packed.size() != need)
    return emitError(loc) << "tensor '" << tensor.name() << "' holds " << packed.size()
                          << " bytes of data but its shape needs " << need;
  SmallVector<APInt> values;
  for (int64_t i = 0; i < count; ++i) {
    unsigned byte = (unsigned char)packed[i / perByte];
    APInt v(bits, (byte >> ((i % perByte) * bits)) & ((1u << bits) - 1));
    values.push_back(v);
  }
  auto type = RankedTensorType::get(shape, element);
  if (auto floatType = dyn_cast<FloatType>(element)) {
    SmallVector<APFloat> floats;
    for (const APInt &v : values)
      floats.push_back(APFloat(floatType.getFloatSemantics(), v));
    return cast<ElementsAttr>(DenseElementsAttr::get(type, floats));
  }
  return cast<ElementsAttr>(DenseElementsAttr::get(type, values));
}

/// Every other supported type: the data as little-endian bytes, from
/// raw_data or from the typed field ONNX stores that type in.
FailureOr<ElementsAttr> Importer::genericTensorToAttr(const pb::TensorProto &tensor,
                                                      const std::string &raw, bool hasRaw,
                                                      ArrayRef<int64_t> shape, Location loc) {
  std::string what = "tensor '" + tensor.name() + "'";
  Type element = onnxElementType(ctx, tensor.data_type());
  if (!element)
    return emitError(loc) << what << " has element type "
                          << dataTypeName(tensor.data_type())
                          << ", which is not supported";
  int64_t count = shapeProduct(shape);
  unsigned bits = element.getIntOrFloatBitWidth();
  if (bits < 8)
    return subByteTensorToAttr(tensor, raw, hasRaw, shape, element, loc);
  unsigned bytes = bits / 8;
  std::string data;
  if (hasRaw) {
    data = raw;
  } else {
    // Narrow types live in int32_data (16-bit floats as their bits), the
    // wide unsigned ones in uint64_data, double in double_data.
    auto append = [&](uint64_t v) { data.append(reinterpret_cast<const char *>(&v), bytes); };
    switch (tensor.data_type()) {
    case pb::TensorProto::INT64:
      for (int64_t v : tensor.int64_data()) append(v);
      break;
    case pb::TensorProto::UINT32:
    case pb::TensorProto::UINT64:
      for (uint64_t v : tensor.uint64_data()) append(v);
      break;
    case pb::TensorProto::DOUBLE:
      for (double v : tensor.double_data()) {
        uint64_t bits;
        std::memcpy(&bits, &v, 8);
        append(bits);
      }
      break;
    default:
      for (int32_t v : tensor.int32_data()) append((uint64_t)(uint32_t)v);
      break;
    }
  }
  if ((int64_t)data.size() != count * bytes)
    return emitError(loc) << what << " holds " << data.size() << " bytes of data but "
                          << "its shape needs " << count * bytes;
  auto type = RankedTensorType::get(shape, element);
  return cast<ElementsAttr>(
      DenseElementsAttr::getFromRawBuffer(type, ArrayRef<char>(data.data(), data.size())));
}

FailureOr<RankedTensorType>
Importer::typeOfValueInfo(const pb::ValueInfoProto &info) {
  Location loc = fileLoc;
  std::string what = "input '" + info.name() + "'";
  if (!info.has_type() || !info.type().has_tensor_type())
    return emitError(loc) << what << " is not a tensor";
  const auto &tensor = info.type().tensor_type();
  Type element = onnxElementType(ctx, tensor.elem_type());
  if (!element)
    return emitError(loc) << what << " has element type "
                          << dataTypeName(tensor.elem_type())
                          << ", which is not supported";
  if (!tensor.has_shape())
    return emitError(loc) << what << " has no shape";
  SmallVector<int64_t> dims;
  for (const auto &dim : tensor.shape().dim()) {
    if (dim.has_dim_value()) {
      dims.push_back(dim.dim_value());
      continue;
    }
    if (dim.has_dim_param()) {
      auto it = options.dims.find(dim.dim_param());
      if (it == options.dims.end())
        return emitError(loc) << what << " has symbolic dim '" << dim.dim_param()
                              << "'; give its size with --dim "
                              << dim.dim_param() << "=N";
      dims.push_back(it->second);
      continue;
    }
    return emitError(loc) << what << " has a dim of unknown size";
  }
  if (dims.size() > kMaxIORank)
    return emitError(loc) << what << " has rank " << dims.size()
                          << "; inputs and outputs have at most " << kMaxIORank
                          << " dims";
  auto shape = checkedShape(dims, loc, what);
  if (failed(shape))
    return failure();
  if (shapeProduct(*shape) == 0) {
    emitError(loc) << what << " is empty (a dim is 0); empty tensors "
                              "are not supported";
    // An empty list of axes or pads is a value the compiler can use.
    if (isa<IntegerType>(element) && dims.size() == 1)
      emitRemark(loc) << "if '" << info.name() << "' holds axes, pads or a shape, give its "
                      << "value with --freeze-input " << info.name() << "=FILE.pb";
    return failure();
  }
  return RankedTensorType::get(*shape, element);
}

//===----------------------------------------------------------------------===//
// Graph
//===----------------------------------------------------------------------===//

LogicalResult Importer::readOpset(const pb::ModelProto &model) {
  for (const auto &import : model.opset_import())
    if (import.domain().empty() || import.domain() == "ai.onnx")
      opset = import.version();
  if (opset <= 0)
    return emitError(fileLoc) << "the model imports no version of the default "
                                 "ONNX operator set";
  return success();
}

FailureOr<Value> Importer::lookup(StringRef name, Location loc) {
  auto it = values.find(name);
  if (it != values.end())
    return it->second;
  auto pending = pendingInitializers.find(name);
  if (pending == pendingInitializers.end()) {
    if (producedByNodes.contains(name))
      return emitError(loc) << "input '" << name
                            << "' is produced by a node on a cycle of the graph";
    return emitError(loc) << "input '" << name
                          << "' is not produced by any node, initializer or graph input";
  }
  Location tensorLoc = nodeLoc(ctx, path, name, "initializer");
  auto attr = tensorToAttr(*pending->second, tensorLoc);
  if (failed(attr))
    return failure();
  if (attr->getElementType().isF32() && attr->getNumElements() == 0)
    return emitError(tensorLoc) << "tensor '" << name << "' is empty; empty "
                                                          "tensors are not supported";
  Value constant = onnx::ConstantOp::create(builder, tensorLoc, *attr);
  values[name] = constant;
  pendingInitializers.erase(pending);
  return constant;
}

/// ONNX requires nodes in topological order, but not every exporter obeys;
/// Kahn's algorithm keeps the file's order where it is valid and finds cycles.
FailureOr<SmallVector<const pb::NodeProto *>>
Importer::topologicalOrder(const pb::GraphProto &graph) {
  llvm::StringMap<int> producer;
  for (auto [i, node] : llvm::enumerate(graph.node()))
    for (const auto &out : node.output())
      if (!out.empty()) {
        producer.insert({out, (int)i});
        producedByNodes.insert(out);
      }
  int n = graph.node_size();
  std::vector<int> pendingInputs(n, 0);
  std::vector<std::vector<int>> consumers(n);
  for (auto [i, node] : llvm::enumerate(graph.node()))
    for (const auto &in : node.input()) {
      auto it = producer.find(in);
      if (in.empty() || it == producer.end() || values.count(in) ||
          pendingInitializers.count(in))
        continue;
      ++pendingInputs[i];
      consumers[it->second].push_back(i);
    }
  // A min-heap on the file position keeps valid files in their own order.
  std::priority_queue<int, std::vector<int>, std::greater<int>> ready;
  for (int i = 0; i < n; ++i)
    if (pendingInputs[i] == 0)
      ready.push(i);
  SmallVector<const pb::NodeProto *> order;
  while (!ready.empty()) {
    int i = ready.top();
    ready.pop();
    order.push_back(&graph.node(i));
    for (int c : consumers[i])
      if (--pendingInputs[c] == 0)
        ready.push(c);
  }
  if ((int)order.size() != n) {
    int stuck = 0;
    while (pendingInputs[stuck] == 0)
      ++stuck;
    const pb::NodeProto &node = graph.node(stuck);
    Location loc = nodeLoc(ctx, path,
                           node.name().empty() && node.output_size()
                               ? node.output(0)
                               : node.name(),
                           node.op_type());
    return emitError(loc) << "the graph has a cycle through this node";
  }
  return order;
}

/// A graph output whose declared static shape disagrees with what the graph
/// computes means the model and Mote read some op differently: refuse it
/// rather than emit a header that lies. Symbolic and missing dims are free.
LogicalResult Importer::checkDeclaredOutput(const pb::ValueInfoProto &output,
                                            Value value) {
  auto type = cast<RankedTensorType>(value.getType());
  if (type.getRank() > kMaxIORank)
    return emitError(fileLoc) << "graph output '" << output.name() << "' has rank "
                              << type.getRank() << "; inputs and outputs have at most "
                              << kMaxIORank << " dims";
  if (!output.type().has_tensor_type())
    return success();
  const auto &tensor = output.type().tensor_type();
  if (tensor.elem_type() != pb::TensorProto::UNDEFINED &&
      onnxElementType(ctx, tensor.elem_type()) != type.getElementType())
    return emitError(fileLoc) << "graph output '" << output.name()
                              << "' is declared with element type "
                              << dataTypeName(tensor.elem_type())
                              << " but computed as " << type.getElementType();
  if (!tensor.has_shape())
    return success();
  const auto &dims = tensor.shape().dim();
  bool mismatch = dims.size() != type.getRank();
  for (int i = 0; !mismatch && i < dims.size(); ++i)
    mismatch = dims[i].has_dim_value() && dims[i].dim_value() != type.getDimSize(i);
  if (!mismatch)
    return success();
  std::string declared;
  for (const auto &d : dims)
    declared += (declared.empty() ? "" : "x") +
                (d.has_dim_value() ? std::to_string(d.dim_value()) : "?");
  return emitError(fileLoc) << "graph output '" << output.name()
                            << "' is declared as [" << declared
                            << "] but the graph computes " << type;
}

LogicalResult Importer::importOutputs(const pb::GraphProto &graph,
                                      func::FuncOp func) {
  SmallVector<Value> results;
  llvm::StringSet<> seen;
  for (const auto &output : graph.output()) {
    if (!seen.insert(output.name()).second)
      return emitError(fileLoc) << "graph output '" << output.name()
                                << "' is listed twice";
    if (!values.count(output.name()) &&
        !pendingInitializers.count(output.name()))
      return emitError(fileLoc) << "graph output '" << output.name()
                                << "' is not produced by any node";
    auto value = lookup(output.name(), fileLoc);
    if (failed(value))
      return failure();
    if (failed(checkDeclaredOutput(output, *value)))
      return failure();
    results.push_back(*value);
  }
  if (results.empty())
    return emitError(fileLoc) << "the graph has no outputs";
  func::ReturnOp::create(builder, fileLoc, results);
  func.setFunctionType(builder.getFunctionType(func.getArgumentTypes(),
                                               ValueRange(results).getTypes()));
  return success();
}

OwningOpRef<ModuleOp> Importer::run(const pb::ModelProto &model) {
  if (failed(readOpset(model)))
    return nullptr;
  this->model = &model;
  const pb::GraphProto &graph = model.graph();
  for (const auto &node : graph.node())
    for (const auto &input : node.input())
      consumed.insert(input);
  for (const auto &output : graph.output())
    consumed.insert(output.name());

  OwningOpRef<ModuleOp> module = ModuleOp::create(fileLoc);
  builder.setInsertionPointToEnd(module->getBody());

  // Graph inputs that are also initializers are constants (IR < 4 lists them
  // as both); the rest become function arguments.
  llvm::StringSet<> initializerNames;
  for (const auto &tensor : graph.initializer())
    initializerNames.insert(tensor.name());
  SmallVector<Type> argTypes;
  SmallVector<Attribute> inputNames, outputNames;
  SmallVector<std::string> argNames;
  for (const auto &input : graph.input()) {
    if (initializerNames.contains(input.name()) ||
        options.frozenInputs.count(input.name()))
      continue;
    auto type = typeOfValueInfo(input);
    if (failed(type))
      return nullptr;
    argTypes.push_back(*type);
    argNames.push_back(input.name());
    inputNames.push_back(builder.getStringAttr(input.name()));
  }
  for (const auto &output : graph.output())
    outputNames.push_back(builder.getStringAttr(output.name()));

  auto func = func::FuncOp::create(builder, fileLoc, "main",
                                   builder.getFunctionType(argTypes, {}));
  Block *body = func.addEntryBlock();
  argumentNames = argNames;
  for (auto [name, arg] : llvm::zip(argNames, body->getArguments())) {
    if (values.count(name)) {
      emitError(fileLoc) << "graph input '" << name << "' is listed twice";
      return nullptr;
    }
    values[name] = arg;
    // The caller's inputs are read-only: bufferization must never write them.
    func.setArgAttr(arg.getArgNumber(), "bufferization.writable",
                    builder.getBoolAttr(false));
  }
  builder.setInsertionPointToStart(body);
  if (failed(importFrozenInputs(graph)))
    return nullptr;
  for (const auto &tensor : graph.initializer())
    if (!values.count(tensor.name()))
      pendingInitializers.insert({tensor.name(), &tensor});
  auto order = topologicalOrder(graph);
  if (failed(order))
    return nullptr;
  for (auto [index, node] : llvm::enumerate(*order))
    if (failed(importNode(*node, index)))
      return nullptr;
  if (failed(importOutputs(graph, func)))
    return nullptr;

  (*module)->setAttr("mote.inputs", builder.getArrayAttr(inputNames));
  (*module)->setAttr("mote.outputs", builder.getArrayAttr(outputNames));
  auto typeAttrs = [&](TypeRange types) {
    return builder.getArrayAttr(llvm::to_vector(llvm::map_range(
        types, [](Type t) -> Attribute { return TypeAttr::get(t); })));
  };
  (*module)->setAttr("mote.input_types", typeAttrs(func.getArgumentTypes()));
  (*module)->setAttr("mote.output_types", typeAttrs(func.getResultTypes()));
  (*module)->setAttr("mote.opset", builder.getI64IntegerAttr(opset));
  if (failed(verify(*module)))
    return nullptr;
  return module;
}

//===----------------------------------------------------------------------===//
// Nodes
//===----------------------------------------------------------------------===//

Value Importer::constantI64(ArrayRef<int64_t> data, Location loc) {
  auto type = RankedTensorType::get({(int64_t)data.size()}, builder.getI64Type());
  return onnx::ConstantOp::create(builder, loc, DenseElementsAttr::get(type, data));
}

Value Importer::constantF32(float value, Location loc) {
  auto type = RankedTensorType::get({}, builder.getF32Type());
  return onnx::ConstantOp::create(builder, loc,
                                  DenseElementsAttr::get(type, ArrayRef(value)));
}

/// Builds an onnx op from operands and attributes, inferring its result type;
/// a shape the op cannot have is reported at the node, never asserted.
template <typename OpTy>
FailureOr<Operation *> buildOp(OpBuilder &builder, ValueRange operands,
                               ArrayRef<NamedAttribute> attrs, Location loc) {
  MLIRContext *ctx = builder.getContext();
  OperationState state(loc, OpTy::getOperationName());
  state.addOperands(operands);
  state.addAttributes(attrs);
  DictionaryAttr dict = state.attributes.getDictionary(ctx);
  auto &props = state.getOrAddProperties<typename OpTy::Properties>();
  if (failed(OpTy::setPropertiesFromAttr(props, dict,
                                         [&] { return emitError(loc); })))
    return failure();
  // Absent attributes take their defaults before type inference reads them.
  OpTy::populateDefaultProperties(state.name, props);
  SmallVector<Type> types;
  if (failed(OpTy::inferReturnTypes(ctx, loc, operands, dict,
                                    state.getRawProperties(), {}, types)))
    return failure();
  state.addTypes(types);
  Operation *op = builder.create(state);
  if (failed(verify(op))) {
    op->erase();
    return failure();
  }
  return op;
}

/// How many inputs each op takes once older opsets are rewritten, and the
/// attributes it cannot do without: checked before an op is built, because
/// type inference reads operands and attributes by position.
struct Signature {
  int minInputs, maxInputs;
  std::vector<const char *> requiredAttrs;
};

const char *const kUnaryOps[] = {"Abs", "Neg", "Exp", "Log", "Sqrt", "Reciprocal", "Floor", "Ceil", "Round", "Sin", "Cos", "Tan", "Asin", "Acos", "Atan", "Sinh", "Cosh", "Asinh", "Acosh", "Atanh", "Erf", "Sign", "Not", "BitwiseNot", "Softplus", "Softsign", "Mish", "Elu", "Selu", "Celu", "ThresholdedRelu", "Shrink", "Gelu", "IsNaN", "IsInf"};
const char *const kBinaryOps[] = {"Pow", "PRelu", "And", "Or", "Xor", "BitwiseAnd", "BitwiseOr", "BitwiseXor", "Equal", "Less", "LessOrEqual", "Greater", "GreaterOrEqual", "Mod"};
const char *const kVariadicOps[] = {"Max", "Min", "Sum", "Mean"};

const llvm::StringMap<Signature> &signatureTable() {
  static const llvm::StringMap<Signature> table = [] {
    llvm::StringMap<Signature> table = {
      {"Add", {2, 2, {}}},        {"Sub", {2, 2, {}}},
      {"Mul", {2, 2, {}}},        {"Div", {2, 2, {}}},
      {"Relu", {1, 1, {}}},       {"Sigmoid", {1, 1, {}}},
      {"Tanh", {1, 1, {}}},       {"HardSwish", {1, 1, {}}},
      {"LeakyRelu", {1, 1, {}}},  {"HardSigmoid", {1, 1, {}}},
      {"Clip", {1, 3, {}}},       {"Conv", {2, 3, {}}},
      {"Gemm", {2, 3, {}}},       {"MatMul", {2, 2, {}}},
      {"BatchNormalization", {5, 5, {}}},
      {"MaxPool", {1, 1, {"kernel_shape"}}},
      {"AveragePool", {1, 1, {"kernel_shape"}}},
      {"GlobalAveragePool", {1, 1, {}}},
      {"Softmax", {1, 1, {}}},
      {"Reshape", {2, 2, {}}},    {"Flatten", {1, 1, {}}},
      {"Squeeze", {1, 2, {}}},    {"Unsqueeze", {2, 2, {}}},
      {"Transpose", {1, 1, {}}},  {"Concat", {1, 1 << 20, {"axis"}}},
      {"Pad", {2, 3, {}}},
      {"Cast", {1, 1, {"to"}}},
      {"CastLike", {2, 2, {}}},
      {"BitShift", {2, 2, {"direction"}}},
      {"Where", {3, 3, {}}},
      {"Shape", {1, 1, {}}},
      {"Size", {1, 1, {}}},
      {"ConstantOfShape", {1, 1, {}}},
      {"Range", {3, 3, {}}},
      {"Expand", {2, 2, {}}},
      {"Slice", {3, 5, {}}},
      {"Tile", {2, 2, {}}},
      {"Gather", {2, 2, {}}},
      {"ArgMax", {1, 1, {}}},
      {"ArgMin", {1, 1, {}}},
      // Softmax family and normalizations (ops-norm).
      {"LogSoftmax", {1, 1, {}}},
      {"Hardmax", {1, 1, {}}},
      {"LayerNormalization", {2, 3, {}}},
      {"RMSNormalization", {2, 2, {}}},
      {"InstanceNormalization", {3, 3, {}}},
      {"GroupNormalization", {3, 3, {"num_groups"}}},
      {"LpNormalization", {1, 1, {}}},
      {"MeanVarianceNormalization", {1, 1, {}}},
      {"LRN", {1, 1, {"size"}}},
      {"Split", {1, 2, {}}},
      {"GatherElements", {2, 2, {}}},
      {"ScatterElements", {3, 3, {}}},
      {"Scatter", {3, 3, {}}},
      {"ScatterND", {3, 3, {}}},
      {"GatherND", {2, 2, {}}},
      {"Trilu", {1, 2, {}}},
      {"CumSum", {2, 2, {}}},
      {"CumProd", {2, 2, {}}},
      {"TopK", {2, 2, {}}},
      {"OneHot", {3, 3, {}}},
      {"DepthToSpace", {1, 1, {"blocksize"}}},
      {"SpaceToDepth", {1, 1, {"blocksize"}}},
      {"Compress", {2, 2, {}}},
      {"EyeLike", {1, 1, {}}},
      {"ReverseSequence", {2, 2, {}}},
      {"Attention", {3, 7, {}}},
      {"Resize", {1, 4, {}}},
      {"Upsample", {1, 2, {}}},
    };
    for (const char *op : kUnaryOps)
      table[op] = {1, 1, {}};
    for (const char *op : kBinaryOps)
      table[op] = {2, 2, {}};
    for (const char *op : kVariadicOps)
      table[op] = {1, 1 << 20, {}};
    for (const char *op : kReduceOps)
      table[op] = {1, 2, {}};
    return table;
  }();
  return table;
}

LogicalResult checkSignature(StringRef opType, size_t inputs,
                             ArrayRef<NamedAttribute> attrs, Location loc) {
  const Signature &sig = signatureTable().find(opType)->second;
  if ((int)inputs < sig.minInputs || (int)inputs > sig.maxInputs) {
    InFlightDiagnostic diag = emitError(loc) << "takes ";
    if (sig.minInputs == sig.maxInputs)
      diag << sig.minInputs;
    else if (sig.maxInputs >= (1 << 20))
      diag << "at least " << sig.minInputs;
    else
      diag << sig.minInputs << " to " << sig.maxInputs;
    return diag << (sig.maxInputs == 1 ? " input" : " inputs") << ", not " << inputs;
  }
  for (const char *name : sig.requiredAttrs)
    if (!llvm::any_of(attrs, [&](NamedAttribute a) { return a.getName() == name; }))
      return emitError(loc) << "needs the attribute '" << name << "'";
  return success();
}

using OpBuildFn = FailureOr<Operation *> (*)(OpBuilder &, ValueRange,
                                             ArrayRef<NamedAttribute>, Location);

const llvm::StringMap<OpBuildFn> &builderTable() {
  static const llvm::StringMap<OpBuildFn> table = {
      {"Add", buildOp<onnx::AddOp>},
      {"Sub", buildOp<onnx::SubOp>},
      {"Mul", buildOp<onnx::MulOp>},
      {"Div", buildOp<onnx::DivOp>},
      {"Relu", buildOp<onnx::ReluOp>},
      {"Sigmoid", buildOp<onnx::SigmoidOp>},
      {"Tanh", buildOp<onnx::TanhOp>},
      {"HardSwish", buildOp<onnx::HardSwishOp>},
      {"LeakyRelu", buildOp<onnx::LeakyReluOp>},
      {"HardSigmoid", buildOp<onnx::HardSigmoidOp>},
      {"Clip", buildOp<onnx::ClipOp>},
      {"Conv", buildOp<onnx::ConvOp>},
      {"Gemm", buildOp<onnx::GemmOp>},
      {"MatMul", buildOp<onnx::MatMulOp>},
      {"BatchNormalization", buildOp<onnx::BatchNormalizationOp>},
      {"MaxPool", buildOp<onnx::MaxPoolOp>},
      {"AveragePool", buildOp<onnx::AveragePoolOp>},
      {"GlobalAveragePool", buildOp<onnx::GlobalAveragePoolOp>},
      {"Softmax", buildOp<onnx::SoftmaxOp>},
      {"ReduceMean", buildOp<onnx::ReduceMeanOp>},
      {"Reshape", buildOp<onnx::ReshapeOp>},
      {"Flatten", buildOp<onnx::FlattenOp>},
      {"Squeeze", buildOp<onnx::SqueezeOp>},
      {"Unsqueeze", buildOp<onnx::UnsqueezeOp>},
      {"Transpose", buildOp<onnx::TransposeOp>},
      {"Concat", buildOp<onnx::ConcatOp>},
      {"Pad", buildOp<onnx::PadOp>},
      {"Abs", buildOp<onnx::AbsOp>},
      {"Neg", buildOp<onnx::NegOp>},
      {"Exp", buildOp<onnx::ExpOp>},
      {"Log", buildOp<onnx::LogOp>},
      {"Sqrt", buildOp<onnx::SqrtOp>},
      {"Reciprocal", buildOp<onnx::ReciprocalOp>},
      {"Floor", buildOp<onnx::FloorOp>},
      {"Ceil", buildOp<onnx::CeilOp>},
      {"Round", buildOp<onnx::RoundOp>},
      {"Sin", buildOp<onnx::SinOp>},
      {"Cos", buildOp<onnx::CosOp>},
      {"Tan", buildOp<onnx::TanOp>},
      {"Asin", buildOp<onnx::AsinOp>},
      {"Acos", buildOp<onnx::AcosOp>},
      {"Atan", buildOp<onnx::AtanOp>},
      {"Sinh", buildOp<onnx::SinhOp>},
      {"Cosh", buildOp<onnx::CoshOp>},
      {"Asinh", buildOp<onnx::AsinhOp>},
      {"Acosh", buildOp<onnx::AcoshOp>},
      {"Atanh", buildOp<onnx::AtanhOp>},
      {"Erf", buildOp<onnx::ErfOp>},
      {"Sign", buildOp<onnx::SignOp>},
      {"Not", buildOp<onnx::NotOp>},
      {"BitwiseNot", buildOp<onnx::BitwiseNotOp>},
      {"Softplus", buildOp<onnx::SoftplusOp>},
      {"Softsign", buildOp<onnx::SoftsignOp>},
      {"Mish", buildOp<onnx::MishOp>},
      {"Elu", buildOp<onnx::EluOp>},
      {"Selu", buildOp<onnx::SeluOp>},
      {"Celu", buildOp<onnx::CeluOp>},
      {"ThresholdedRelu", buildOp<onnx::ThresholdedReluOp>},
      {"Shrink", buildOp<onnx::ShrinkOp>},
      {"Gelu", buildOp<onnx::GeluOp>},
      {"IsNaN", buildOp<onnx::IsNaNOp>},
      {"IsInf", buildOp<onnx::IsInfOp>},
      {"Pow", buildOp<onnx::PowOp>},
      {"PRelu", buildOp<onnx::PReluOp>},
      {"And", buildOp<onnx::AndOp>},
      {"Or", buildOp<onnx::OrOp>},
      {"Xor", buildOp<onnx::XorOp>},
      {"BitwiseAnd", buildOp<onnx::BitwiseAndOp>},
      {"BitwiseOr", buildOp<onnx::BitwiseOrOp>},
      {"BitwiseXor", buildOp<onnx::BitwiseXorOp>},
      {"Equal", buildOp<onnx::EqualOp>},
      {"Less", buildOp<onnx::LessOp>},
      {"LessOrEqual", buildOp<onnx::LessOrEqualOp>},
      {"Greater", buildOp<onnx::GreaterOp>},
      {"GreaterOrEqual", buildOp<onnx::GreaterOrEqualOp>},
      {"Mod", buildOp<onnx::ModOp>},
      {"Max", buildOp<onnx::MaxOp>},
      {"Min", buildOp<onnx::MinOp>},
      {"Sum", buildOp<onnx::SumOp>},
      {"Mean", buildOp<onnx::MeanOp>},
      {"ReduceSum", buildOp<onnx::ReduceSumOp>},
      {"ReduceMax", buildOp<onnx::ReduceMaxOp>},
      {"ReduceMin", buildOp<onnx::ReduceMinOp>},
      {"ReduceProd", buildOp<onnx::ReduceProdOp>},
      {"ReduceL1", buildOp<onnx::ReduceL1Op>},
      {"ReduceL2", buildOp<onnx::ReduceL2Op>},
      {"ReduceLogSum", buildOp<onnx::ReduceLogSumOp>},
      {"ReduceLogSumExp", buildOp<onnx::ReduceLogSumExpOp>},
      {"ReduceSumSquare", buildOp<onnx::ReduceSumSquareOp>},
      {"Cast", buildOp<onnx::CastOp>},
      {"CastLike", buildOp<onnx::CastLikeOp>},
      {"BitShift", buildOp<onnx::BitShiftOp>},
      {"Where", buildOp<onnx::WhereOp>},
      {"Shape", buildOp<onnx::ShapeOp>},
      {"Size", buildOp<onnx::SizeOp>},
      {"ConstantOfShape", buildOp<onnx::ConstantOfShapeOp>},
      {"Range", buildOp<onnx::RangeOp>},
      {"Expand", buildOp<onnx::ExpandOp>},
      {"Slice", buildOp<onnx::SliceOp>},
      {"Tile", buildOp<onnx::TileOp>},
      {"Gather", buildOp<onnx::GatherOp>},
      {"ArgMax", buildOp<onnx::ArgMaxOp>},
      {"ArgMin", buildOp<onnx::ArgMinOp>},
      // Softmax family and normalizations (ops-norm).
      {"LogSoftmax", buildOp<onnx::LogSoftmaxOp>},
      {"Hardmax", buildOp<onnx::HardmaxOp>},
      {"LayerNormalization", buildOp<onnx::LayerNormalizationOp>},
      {"RMSNormalization", buildOp<onnx::RMSNormalizationOp>},
      {"InstanceNormalization", buildOp<onnx::InstanceNormalizationOp>},
      {"GroupNormalization", buildOp<onnx::GroupNormalizationOp>},
      {"LpNormalization", buildOp<onnx::LpNormalizationOp>},
      {"MeanVarianceNormalization", buildOp<onnx::MeanVarianceNormalizationOp>},
      {"LRN", buildOp<onnx::LRNOp>},
      {"Split", buildOp<onnx::SplitOp>},
      {"GatherElements", buildOp<onnx::GatherElementsOp>},
      {"ScatterElements", buildOp<onnx::ScatterElementsOp>},
      {"Scatter", buildOp<onnx::ScatterElementsOp>}, // opsets 9-10: the same op
      {"ScatterND", buildOp<onnx::ScatterNDOp>},
      {"GatherND", buildOp<onnx::GatherNDOp>},
      {"Trilu", buildOp<onnx::TriluOp>},
      {"CumSum", buildOp<onnx::CumSumOp>},
      {"CumProd", buildOp<onnx::CumProdOp>},
      {"TopK", buildOp<onnx::TopKOp>},
      {"OneHot", buildOp<onnx::OneHotOp>},
      {"DepthToSpace", buildOp<onnx::DepthToSpaceOp>},
      {"SpaceToDepth", buildOp<onnx::SpaceToDepthOp>},
      {"Compress", buildOp<onnx::CompressOp>},
      {"EyeLike", buildOp<onnx::EyeLikeOp>},
      {"ReverseSequence", buildOp<onnx::ReverseSequenceOp>},
      {"Attention", buildOp<onnx::AttentionOp>},
      {"Resize", buildOp<onnx::ResizeOp>},
      {"Upsample", buildOp<onnx::ResizeOp>},
  };
  return table;
}

FailureOr<Operation *> Importer::createOp(StringRef opType, ValueRange operands,
                                          ArrayRef<NamedAttribute> attrs,
                                          Location loc) {
  return builderTable().lookup(opType)(builder, operands, attrs, loc);
}

LogicalResult Importer::bind(const pb::NodeProto &node,
                             ArrayRef<Value> results, Location loc) {
  for (auto [i, name] : llvm::enumerate(node.output())) {
    if (name.empty())
      continue;
    if (i >= results.size()) {
      if (consumed.contains(name))
        return emitError(loc) << "output " << i << " ('" << name
                              << "') is not supported";
      continue;
    }
    if (!values.insert({name, results[i]}).second)
      return emitError(loc) << "tensor '" << name << "' is produced twice";
  }
  return success();
}

LogicalResult Importer::onlyFirstOutputUsed(const pb::NodeProto &node,
                                            Location loc) {
  // Extra outputs of BatchNormalization and Dropout exist only in training.
  bool training = node.op_type() == "BatchNormalization" || node.op_type() == "Dropout";
  for (int i = 1; i < node.output_size(); ++i)
    if (!node.output(i).empty() && consumed.contains(node.output(i)))
      return emitError(loc) << "output " << i << " ('" << node.output(i) << "') is "
                            << (training ? "only produced in training and is " : "")
                            << "not supported";
  return success();
}

/// Reads an optional attribute of ints (older opsets) as a constant operand.
std::optional<SmallVector<int64_t>> intsAttr(const pb::NodeProto &node,
                                             StringRef name) {
  if (const auto *attr = findAttr(node, name))
    return SmallVector<int64_t>(attr->ints().begin(), attr->ints().end());
  return std::nullopt;
}

LogicalResult Importer::importNode(const pb::NodeProto &node, int index) {
  StringRef opType = node.op_type();
  std::string displayName =
      !node.name().empty() ? node.name()
      : node.output_size() ? node.output(0)
                           : "#" + std::to_string(index);
  Location loc = nodeLoc(ctx, path, displayName, opType);
  if (auto fn = findLocalFunction(*model, node, opset))
    return importFunctionCall(node, *fn, displayName, loc);
  if (!node.domain().empty() && node.domain() != "ai.onnx")
    return emitError(loc) << "operator domain '" << node.domain()
                          << "' is not supported";

  // Operands in order; an empty name is an omitted optional input.
  SmallVector<Value> operands;
  for (const auto &name : node.input()) {
    if (name.empty()) {
      operands.push_back(nullptr);
      continue;
    }
    auto value = lookup(name, loc);
    if (failed(value))
      return failure();
    operands.push_back(*value);
  }
  auto operand = [&](size_t i) -> Value {
    return i < operands.size() ? operands[i] : Value();
  };

  // Ops that import as what they compute in inference.
  if (opType == "Identity" || opType == "Dropout") {
    if (!operand(0))
      return emitError(loc) << "needs an input";
    if (opType == "Dropout") {
      if (const auto *mode = findAttr(node, "is_test"); mode && mode->i() == 0 && opset < 7)
        return emitError(loc) << "training-mode Dropout is not supported";
      if (Value training = operand(2)) {
        auto flag = getConstantInts(training);
        if (!flag || (flag->size() == 1 && (*flag)[0] != 0))
          return emitError(loc) << "training-mode Dropout is not supported";
      }
      if (failed(onlyFirstOutputUsed(node, loc)))
        return failure();
    }
    return bind(node, {operand(0)}, loc);
  }
  if (opType == "Constant") {
    const pb::AttributeProto *value = findAttr(node, "value");
    if (value && value->has_t()) {
      auto attr = tensorToAttr(value->t(), loc);
      if (failed(attr))
        return failure();
      return bind(node, {onnx::ConstantOp::create(builder, loc, *attr)}, loc);
    }
    if (const auto *f = findAttr(node, "value_float"))
      return bind(node, {constantF32(f->f(), loc)}, loc);
    if (const auto *i = findAttr(node, "value_ints"))
      return bind(node, {constantI64(SmallVector<int64_t>(i->ints().begin(), i->ints().end()), loc)}, loc);
    if (const auto *i = findAttr(node, "value_int")) {
      auto type = RankedTensorType::get({}, builder.getI64Type());
      return bind(node, {onnx::ConstantOp::create(builder, loc,
                             DenseElementsAttr::get(type, ArrayRef<int64_t>(i->i())))}, loc);
    }
    if (const auto *fs = findAttr(node, "value_floats")) {
      SmallVector<float> data(fs->floats().begin(), fs->floats().end());
      auto type = RankedTensorType::get({(int64_t)data.size()}, builder.getF32Type());
      return bind(node, {onnx::ConstantOp::create(builder, loc,
                             DenseElementsAttr::get(type, ArrayRef<float>(data)))}, loc);
    }
    return emitError(loc) << "only tensor, float and int Constant values are supported";
  }

  if (!builderTable().count(opType)) {
    // An op ONNX defines as a function is imported as its body.
    SmallVector<Type> inputTypes;
    for (Value v : operands)
      inputTypes.push_back(v ? v.getType() : Type());
    auto fn = findSchemaFunction(node, opset, inputTypes, loc);
    if (failed(fn))
      return failure();
    if (*fn)
      return importFunctionCall(node, **fn, displayName, loc);
    return emitError(loc) << "unsupported operator (opset " << opset << ")";
  }
  auto attrs = convertAttributes(node, builder, loc);
  if (failed(attrs))
    return failure();
  // Split and TopK have several results, and LayerNormalization's Mean and
  // InvStdDev are results of its op: all are bound together below.
  bool multipleResults =
      opType == "Split" || opType == "TopK" || opType == "LayerNormalization";
  // Attention, Resize and Upsample have optional inputs in the middle.
  if (opType == "Attention")
    return importAttention(node, operands, *attrs, loc);
  if (opType == "Resize" || opType == "Upsample")
    return importResize(node, operands, *attrs, loc);
  if (!multipleResults && failed(onlyFirstOutputUsed(node, loc)))
    return failure();

  // Older opsets: attributes that later became inputs, and semantics that
  // changed, are rewritten into the newest form.
  if ((opType == "Squeeze" || opType == "Unsqueeze" || isReduceOp(opType)) &&
      !operand(1)) {
    operands.resize(1);
    if (auto axes = intsAttr(node, "axes"))
      operands.push_back(constantI64(*axes, loc));
    else if (opType == "Unsqueeze")
      return emitError(loc) << "needs axes";
  }
  if (opType == "Reshape" && !operand(1)) {
    auto shape = intsAttr(node, "shape");
    if (!shape)
      return emitError(loc) << "needs a shape";
    operands = {operand(0), constantI64(*shape, loc)};
  }
  if (opType == "Clip") {
    Value min = operand(1), max = operand(2);
    if (const auto *a = findAttr(node, "min"))
      min = constantF32(a->f(), loc);
    if (const auto *a = findAttr(node, "max"))
      max = constantF32(a->f(), loc);
    operands = {operand(0)};
    if (min)
      operands.push_back(min);
    if (max)
      operands.push_back(max);
    attrs->push_back(builder.getNamedAttr(
        "operandSegmentSizes",
        builder.getDenseI32ArrayAttr({1, min ? 1 : 0, max ? 1 : 0})));
  }
  if (opType == "Pad") {
    Value pads = operand(1), value = operand(2);
    if (auto p = intsAttr(node, "pads"))
      pads = constantI64(*p, loc);
    else if (auto p = intsAttr(node, "paddings"))
      pads = constantI64(*p, loc);
    if (const auto *v = findAttr(node, "value"))
      value = constantF32(v->f(), loc);
    if (!pads)
      return emitError(loc) << "needs pads";
    if (Value axesValue = operand(3)) {
      // Opset 18: pads only for the listed axes; widen to every dim.
      auto axes = getConstantInts(axesValue);
      auto partial = getConstantInts(pads);
      int64_t rank = cast<RankedTensorType>(operand(0).getType()).getRank();
      if (!axes || !partial || partial->size() != 2 * axes->size()) {
        emitError(loc) << "needs constant axes and matching pads";
        suggestFreezing({pads, axesValue, value}, loc);
        return failure();
      }
      SmallVector<int64_t> full(2 * rank, 0);
      for (auto [i, a] : llvm::enumerate(*axes)) {
        auto axis = normalizeAxis(a, rank);
        if (!axis)
          return emitError(loc) << "axis " << a << " is out of range";
        full[*axis] = (*partial)[i];
        full[*axis + rank] = (*partial)[i + axes->size()];
      }
      pads = constantI64(full, loc);
    }
    operands = {operand(0), pads};
    if (value)
      operands.push_back(value);
  }
  if (opType == "Split") {
    // Before opset 13 the sizes were an attribute; without sizes (and before
    // opset 18's num_outputs) the axis splits evenly into the node's outputs.
    Value split = operand(1);
    if (auto sizes = intsAttr(node, "split"))
      split = constantI64(*sizes, loc);
    operands.resize(1);
    if (split)
      operands.push_back(split);
    else if (!findAttr(node, "num_outputs"))
      attrs->push_back(builder.getNamedAttr("num_outputs",
                                            builder.getI64IntegerAttr(node.output_size())));
  }
  if (opType == "TopK" && !operand(1)) {
    // Before opset 10, k was an attribute.
    const auto *k = findAttr(node, "k");
    if (!k)
      return emitError(loc) << "needs k";
    operands = {operand(0), constantI64({k->i()}, loc)};
  }
  if (opType == "Trilu" && !operand(1))
    operands.resize(1);
  if (opType == "Slice" && failed(normalizeSliceOperands(node, operands, *attrs, loc)))
    return failure();
  if (opType == "ConstantOfShape") {
    if (const auto *value = findAttr(node, "value")) {
      if (!value->has_t())
        return emitError(loc) << "attribute 'value' must be a tensor";
      auto attr = tensorToAttr(value->t(), loc);
      if (failed(attr))
        return failure();
      attrs->push_back(builder.getNamedAttr("value", *attr));
    }
  }
  if (opType == "BatchNormalization") {
    if (const auto *t = findAttr(node, "training_mode"); t && t->i() != 0)
      return emitError(loc) << "training-mode BatchNormalization is not supported";
    if (const auto *s = findAttr(node, "spatial"); s && s->i() != 1)
      return emitError(loc) << "non-spatial BatchNormalization is not supported";
  }
  if (opType == "Conv" || opType == "Gemm" || opType == "LayerNormalization") {
    // An omitted optional bias is simply absent.
    while (!operands.empty() && !operands.back())
      operands.pop_back();
  }
  if (llvm::is_contained(operands, Value()))
    return emitError(loc) << "an input that is required is missing";

  // Before opset 13, Softmax, LogSoftmax and Hardmax flattened the input to
  // 2-d around the axis.
  if ((opType == "Softmax" || opType == "LogSoftmax" || opType == "Hardmax") &&
      opset < 13) {
    if (failed(checkSignature(opType, operands.size(), *attrs, loc)))
      return failure();
    auto inputType = cast<RankedTensorType>(operand(0).getType());
    int64_t axis = 1;
    if (const auto *a = findAttr(node, "axis"))
      axis = a->i();
    auto signedI64 = builder.getIntegerType(64, true);
    auto flat = createOp("Flatten", {operand(0)},
                         {builder.getNamedAttr("axis", builder.getIntegerAttr(signedI64, axis))},
                         loc);
    if (failed(flat))
      return failure();
    auto softmax = createOp(opType, {(*flat)->getResult(0)},
                            {builder.getNamedAttr("axis", builder.getIntegerAttr(signedI64, 1))},
                            loc);
    if (failed(softmax))
      return failure();
    auto back = createOp("Reshape",
                         {(*softmax)->getResult(0), constantI64(inputType.getShape(), loc)},
                         {}, loc);
    if (failed(back))
      return failure();
    return bind(node, {(*back)->getResult(0)}, loc);
  }

  if (failed(checkSignature(opType, operands.size(), *attrs, loc)))
    return failure();
  auto op = createOp(opType, operands, *attrs, loc);
  if (failed(op)) {
    suggestFreezing(operands, loc);
    return failure();
  }
  if (multipleResults) { // never folded
    if (opType != "LayerNormalization" &&
        (*op)->getNumResults() != (unsigned)node.output_size())
      return emitError(loc) << "computes " << (*op)->getNumResults() << " outputs but the node "
                            << "names " << node.output_size();
    SmallVector<Value> results((*op)->getResults());
    return bind(node, results, loc);
  }
  return bind(node, {foldIfConstant(*op)}, loc);
}

/// Functions nested deeper than this are refused (a recursion the stack
/// check cannot see, e.g. through ever-new schema bodies, still ends).
constexpr size_t kMaxExpansionDepth = 32;

/// Imports a call of a function as the function's body, in place.
LogicalResult Importer::importFunctionCall(const pb::NodeProto &node,
                                           const FunctionDefinition &fn,
                                           StringRef displayName, Location loc) {
  if (llvm::is_contained(expansionStack, fn.key))
    return emitError(loc) << fn.description
                          << " calls itself; recursive functions are not supported";
  if (expansionStack.size() >= kMaxExpansionDepth)
    return emitError(loc) << "functions nested more than " << kMaxExpansionDepth
                          << " deep are not supported";
  // Output names are unique in the graph, so the first one makes the body's
  // tensor names unique too.
  std::string tensorPrefix;
  for (const auto &name : node.output())
    if (!name.empty()) {
      tensorPrefix = name;
      break;
    }
  if (tensorPrefix.empty())
    tensorPrefix = displayName.str() + "#" + std::to_string(expansionCount++);
  tensorPrefix += "::";
  auto body = instantiateFunction(node, fn, displayName, tensorPrefix, loc);
  if (failed(body))
    return failure();
  for (const auto &inner : *body)
    for (const auto &input : inner.input())
      consumed.insert(input);

  expansionStack.push_back(fn.key);
  int64_t callerOpset = std::exchange(opset, fn.opset);
  LogicalResult result = success();
  for (auto [i, inner] : llvm::enumerate(*body))
    if (failed(importNode(inner, (int)i))) {
      result = failure();
      break;
    }
  opset = callerOpset;
  expansionStack.pop_back();
  if (failed(result))
    return failure();
  for (auto [i, name] : llvm::enumerate(node.output()))
    if (!name.empty() && !values.count(name) && consumed.contains(name))
      return emitError(loc) << fn.description << " does not produce output " << i
                            << " ('" << name << "')";
  return success();
}

/// Attention: four optional inputs (an empty name omits one) and up to four
/// outputs, each bound when the node names it.
LogicalResult Importer::importAttention(const pb::NodeProto &node, ArrayRef<Value> operands,
                                        SmallVectorImpl<NamedAttribute> &attrs,
                                        Location loc) {
  if (failed(checkSignature("Attention", operands.size(), attrs, loc)))
    return failure();
  SmallVector<Value> present;
  SmallVector<int32_t> segments;
  for (size_t i = 0; i < 7; ++i) {
    Value v = i < operands.size() ? operands[i] : Value();
    if (i < 3 && !v)
      return emitError(loc) << "an input that is required is missing";
    if (v)
      present.push_back(v);
    segments.push_back(v ? 1 : 0);
  }
  attrs.push_back(builder.getNamedAttr("operandSegmentSizes",
                                      builder.getDenseI32ArrayAttr(segments)));
  auto op = createOp("Attention", present, attrs, loc);
  if (failed(op))
    return failure();
  if (node.output_size() > 4)
    return emitError(loc) << "has more than 4 outputs";
  SmallVector<Value> results((*op)->getResults().begin(), (*op)->getResults().end());
  return bind(node, results, loc);
}

/// Resize (opset 11+: X, roi, scales, sizes; opset 10: X, scales) and
/// Upsample (X, scales, or a scales attribute before opset 9) become the
/// opset 19 Resize; the older forms sample asymmetrically, nearest rounding
/// down.
LogicalResult Importer::importResize(const pb::NodeProto &node, ArrayRef<Value> operands,
                                     SmallVectorImpl<NamedAttribute> &attrs, Location loc) {
  StringRef opType = node.op_type();
  if (failed(checkSignature(opType, operands.size(), attrs, loc)))
    return failure();
  if (failed(onlyFirstOutputUsed(node, loc)))
    return failure();
  auto operand = [&](size_t i) { return i < operands.size() ? operands[i] : Value(); };
  if (!operand(0))
    return emitError(loc) << "an input that is required is missing";
  Value roi, scales, sizes;
  bool legacy = opType == "Upsample" || opset < 11;
  if (legacy) {
    scales = operand(1);
    if (const auto *attr = findAttr(node, "scales")) {
      SmallVector<float> values(attr->floats().begin(), attr->floats().end());
      auto type = RankedTensorType::get({(int64_t)values.size()}, builder.getF32Type());
      scales = onnx::ConstantOp::create(builder, loc,
                                        DenseElementsAttr::get(type, ArrayRef<float>(values)));
    }
    if (!scales)
      return emitError(loc) << "needs scales";
    for (NamedAttribute &attr : attrs)
      if (attr.getName() == "mode")
        if (auto mode = dyn_cast<StringAttr>(attr.getValue()); mode && mode.getValue() == "bilinear")
          attr.setValue(builder.getStringAttr("linear"));
    attrs.push_back(builder.getNamedAttr("coordinate_transformation_mode",
                                        builder.getStringAttr("asymmetric")));
    attrs.push_back(builder.getNamedAttr("nearest_mode", builder.getStringAttr("floor")));
  } else {
    roi = operand(1);
    scales = operand(2);
    sizes = operand(3);
  }
  SmallVector<Value> present = {operand(0)};
  for (Value v : {roi, scales, sizes})
    if (v)
      present.push_back(v);
  attrs.push_back(builder.getNamedAttr(
      "operandSegmentSizes",
      builder.getDenseI32ArrayAttr({1, roi ? 1 : 0, scales ? 1 : 0, sizes ? 1 : 0})));
  auto op = createOp("Resize", present, attrs, loc);
  if (failed(op)) {
    suggestFreezing(present, loc, /*floatLists=*/true);
    return failure();
  }
  return bind(node, {foldIfConstant(*op)}, loc);
}

/// Graph inputs given with --freeze-input become constants.
LogicalResult Importer::importFrozenInputs(const pb::GraphProto &graph) {
  for (const auto &entry : options.frozenInputs) {
    StringRef name = entry.getKey(), file = entry.getValue();
    const pb::ValueInfoProto *input = nullptr;
    for (const auto &candidate : graph.input())
      if (candidate.name() == name)
        input = &candidate;
    if (!input)
      return emitError(fileLoc) << "--freeze-input: the model has no input '" << name << "'";
    auto buffer = llvm::MemoryBuffer::getFile(file);
    pb::TensorProto tensor;
    if (!buffer || !tensor.ParseFromArray((*buffer)->getBufferStart(),
                                          (int)(*buffer)->getBufferSize()))
      return emitError(fileLoc) << "--freeze-input: cannot read a TensorProto from '"
                                << file << "'";
    if (input->type().tensor_type().elem_type() != tensor.data_type())
      return emitError(fileLoc) << "--freeze-input: '" << file
                                << "' does not hold input '" << name << "''s element type";
    auto value = tensorToAttr(tensor, fileLoc);
    if (failed(value))
      return failure();
    values[name] = onnx::ConstantOp::create(builder, fileLoc, *value);
  }
  return success();
}

/// When an op cannot be built because a shape-like operand is not a
/// constant, and that operand is a graph input, say how to fix it.
void Importer::suggestFreezing(ValueRange operands, Location loc, bool floatLists) {
  for (Value operand : operands) {
    auto arg = dyn_cast_or_null<BlockArgument>(operand);
    auto type = operand ? dyn_cast<RankedTensorType>(operand.getType()) : nullptr;
    // Shapes, axes and pads are integer lists; Range's bounds are scalars.
    // Resize's scales and roi are float lists.
    bool shapeLike = type && (((isa<IntegerType>(type.getElementType()) || floatLists) &&
                               type.getRank() <= 1) ||
                              type.getRank() == 0);
    if (floatLists && operand == operands.front())
      continue; // the data itself
    if (!arg || !shapeLike)
      continue;
    emitRemark(loc) << "graph input '" << argumentNames[arg.getArgNumber()]
                    << "' must be known at compile time here; give its value with "
                       "--freeze-input "
                    << argumentNames[arg.getArgNumber()] << "=FILE.pb";
  }
}

/// Shape computations must be constants before the ops that read them are
/// built (a Reshape's type depends on its shape input), so every op is folded
/// as soon as it is created: by its folder (Shape, Size...) or, when all its
/// inputs are constants, by evaluating it.
Value Importer::foldIfConstant(Operation *op) {
  SmallVector<Attribute> constants;
  for (Value operand : op->getOperands()) {
    Attribute attr;
    constants.push_back(matchPattern(operand, m_Constant(&attr)) ? attr : Attribute());
  }
  SmallVector<OpFoldResult> folded;
  Attribute value;
  if (succeeded(op->fold(constants, folded)) && folded.size() == 1)
    value = dyn_cast_if_present<Attribute>(folded[0]);
  if (!value && llvm::all_of(constants, [](Attribute a) { return a; }))
    value = onnx::evaluateConstantOp(op, constants);
  auto elements = dyn_cast_or_null<ElementsAttr>(value);
  if (!elements || elements.getType() != op->getResult(0).getType())
    return op->getResult(0);
  Value constant = onnx::ConstantOp::create(builder, op->getLoc(), elements);
  op->erase();
  return constant;
}

/// Slice before opset 10 took starts, ends and axes as attributes; later
/// versions take them (and steps) as inputs, any of the last two omitted.
LogicalResult Importer::normalizeSliceOperands(const pb::NodeProto &node,
                                               SmallVectorImpl<Value> &operands,
                                               SmallVectorImpl<NamedAttribute> &attrs,
                                               Location loc) {
  auto operandAt = [&](size_t i) { return i < operands.size() ? operands[i] : Value(); };
  Value data = operandAt(0), starts = operandAt(1), ends = operandAt(2),
        axes = operandAt(3), steps = operandAt(4);
  if (auto s = intsAttr(node, "starts"))
    starts = constantI64(*s, loc);
  if (auto e = intsAttr(node, "ends"))
    ends = constantI64(*e, loc);
  if (auto a = intsAttr(node, "axes"))
    axes = constantI64(*a, loc);
  if (!data || !starts || !ends)
    return emitError(loc) << "needs data, starts and ends";
  operands.assign({data, starts, ends});
  if (axes)
    operands.push_back(axes);
  if (steps)
    operands.push_back(steps);
  if (steps && !axes) // steps without axes: the default axes, made explicit
    operands.insert(operands.begin() + 3,
                    constantI64(llvm::to_vector(llvm::seq<int64_t>(
                                    0, cast<RankedTensorType>(starts.getType()).getNumElements())),
                                loc));
  attrs.push_back(builder.getNamedAttr(
      "operandSegmentSizes",
      builder.getDenseI32ArrayAttr({1, 1, 1, (axes || steps) ? 1 : 0, steps ? 1 : 0})));
  return success();
}

} // namespace

std::optional<NodeOrigin> nodeOrigin(Location loc) {
  auto fused = dyn_cast<FusedLoc>(loc);
  if (!fused)
    return std::nullopt;
  NodeOrigin origin;
  if (auto meta = dyn_cast_or_null<StringAttr>(fused.getMetadata()))
    origin.opType = meta.str();
  for (Location inner : fused.getLocations())
    if (auto name = dyn_cast<NameLoc>(inner))
      origin.node = name.getName().str();
  if (origin.node.empty() && origin.opType.empty())
    return std::nullopt;
  return origin;
}

OwningOpRef<ModuleOp> importONNXBuffer(MLIRContext *context, StringRef bytes,
                                       StringRef path, bool isText,
                                       const ImportOptions &options) {
  context->loadDialect<onnx::ONNXDialect, func::FuncDialect>();
  Location fileLoc = FileLineColLoc::get(context, path, 0, 0);
  pb::ModelProto model;
  if (isText) {
    std::string text = bytes.str();
    try {
      pb::Status status = pb::OnnxParser::Parse(model, text.c_str());
      if (!status.IsOK()) {
        emitError(fileLoc) << "not a valid textual ONNX model: "
                           << status.ErrorMessage();
        return nullptr;
      }
    } catch (const std::exception &e) {
      emitError(fileLoc) << "not a valid textual ONNX model: " << e.what();
      return nullptr;
    }
  } else if (bytes.size() > (size_t)std::numeric_limits<int>::max() ||
             !model.ParseFromArray(bytes.data(), (int)bytes.size())) {
    emitError(fileLoc) << "not a valid ONNX model (truncated or not a protobuf "
                          "ModelProto)";
    return nullptr;
  }
  if (!model.has_graph() || model.graph().node_size() == 0) {
    emitError(fileLoc) << "not a valid ONNX model: it has no graph nodes";
    return nullptr;
  }
  try {
    Importer importer(context, path, options);
    return importer.run(model);
  } catch (const std::exception &e) {
    emitError(fileLoc) << "internal error while importing: " << e.what();
    return nullptr;
  }
}

OwningOpRef<ModuleOp> importONNXFile(MLIRContext *context, StringRef path,
                                     const ImportOptions &options) {
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!buffer) {
    emitError(FileLineColLoc::get(context, path, 0, 0))
        << "cannot read file: " << buffer.getError().message();
    return nullptr;
  }
  bool isText = path.ends_with(".onnxtext");
  return importONNXBuffer(context, (*buffer)->getBuffer(), path, isText, options);
}

} // namespace mote
