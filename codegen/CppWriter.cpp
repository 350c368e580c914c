//===- CppWriter.cpp - one .cpp and its .h per model ----------------------===//
//
// EmitC's translateToCpp prints the graph (weights, arena, graph function);
// this file wraps it into the product: a header users include, the kernel
// library text the graph calls, and the extern "C" entry points. ONNX names are
// arbitrary bytes, so they only ever appear inside escaped string literals;
// every identifier is derived from the (validated) model name.
//
//===----------------------------------------------------------------------===//
#include "codegen/CppWriter.h"

#include "mlir/Dialect/EmitC/IR/EmitC.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/Target/Cpp/CppEmitter.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Path.h"

using namespace mlir;

namespace mote {
namespace {
#include "codegen/KernelSources.inc"

StringRef kernelText(StringRef file) {
  for (const auto &entry : kKernelFiles)
    if (file == entry.name)
      return entry.text;
  return {};
}

/// A C string literal holding `bytes` exactly: printable ASCII stays, the
/// rest (quotes, newlines, non-UTF-8...) becomes octal escapes; '?' is escaped
/// too, so that no trigraph can form.
std::string cString(StringRef bytes) {
  std::string out = "\"";
  for (unsigned char c : bytes) {
    if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '?') {
      out += c;
      continue;
    }
    char buf[8];
    snprintf(buf, sizeof(buf), "\\%03o", c);
    out += buf;
  }
  return out + "\"";
}

/// The ONNX TensorProto.DataType code of an element type (0: none).
int onnxDataType(Type type) {
  if (type.isF32()) return 1;
  if (type.isF16()) return 10;
  if (type.isF64()) return 11;
  if (type.isBF16()) return 16;
  if (type.isInteger(1)) return 9;
  auto integer = dyn_cast<IntegerType>(type);
  if (!integer)
    return 0;
  bool isUnsigned = integer.isUnsigned();
  switch (integer.getWidth()) {
  case 8: return isUnsigned ? 2 : 3;
  case 16: return isUnsigned ? 4 : 5;
  case 32: return isUnsigned ? 12 : 6;
  case 64: return isUnsigned ? 13 : 7;
  default: return 0;
  }
}

/// The C type of an input or output in the public interface: 16-bit floats
/// are passed as their bits, bool as one byte per element.
std::string publicCType(Type type) {
  if (type.isF32()) return "float";
  if (type.isF64()) return "double";
  if (type.isF16() || type.isBF16()) return "uint16_t";
  if (type.isInteger(1)) return "bool";
  auto integer = cast<IntegerType>(type);
  return (integer.isUnsigned() ? "uint" : "int") + std::to_string(integer.getWidth()) + "_t";
}

/// The element type's name in the graph function's signature.
std::string internalCType(Type type) {
  if (type.isF16()) return "mote_f16";
  if (type.isBF16()) return "mote_bf16";
  return publicCType(type);
}

struct TensorInfo {
  std::string name;
  RankedTensorType type;
};

/// The inputs and outputs the importer recorded on the module.
FailureOr<SmallVector<TensorInfo>> readIO(ModuleOp module, StringRef names,
                                          StringRef types) {
  auto nameList = module->getAttrOfType<ArrayAttr>(names);
  auto typeList = module->getAttrOfType<ArrayAttr>(types);
  if (!nameList || !typeList || nameList.size() != typeList.size())
    return module.emitError("the module does not record its inputs and outputs");
  SmallVector<TensorInfo> out;
  for (auto [name, type] : llvm::zip(nameList, typeList)) {
    auto tensor = dyn_cast<RankedTensorType>(cast<TypeAttr>(type).getValue());
    if (!tensor || tensor.getRank() > 8 || !onnxDataType(tensor.getElementType()))
      return module.emitError("inputs and outputs must have rank <= 8 and a numeric or "
                              "bool element type");
    out.push_back({cast<StringAttr>(name).str(), tensor});
  }
  return out;
}

std::string shapeList(RankedTensorType type) {
  std::string out = "{";
  for (auto [i, d] : llvm::enumerate(type.getShape()))
    out += (i ? ", " : "") + std::to_string(d);
  if (type.getRank() == 0)
    out += "0";
  return out + "}";
}

void writeInfoTable(raw_ostream &os, StringRef symbol,
                    ArrayRef<TensorInfo> tensors) {
  os << "const mote_io_info " << symbol << "[] = {\n";
  for (const TensorInfo &t : tensors)
    os << "  {" << cString(t.name) << ", " << onnxDataType(t.type.getElementType()) << ", "
       << t.type.getRank() << ", "
       << shapeList(t.type) << ", " << t.type.getNumElements() << "},\n";
  os << "};\n";
}

/// `const float* in0, const int64_t* in1, float* out0[, void* arena]`.
std::string parameterList(ArrayRef<TensorInfo> inputs, ArrayRef<TensorInfo> outputs,
                          bool externalArena) {
  SmallVector<std::string> params;
  for (auto [i, t] : llvm::enumerate(inputs))
    params.push_back("const " + publicCType(t.type.getElementType()) + "* in" +
                     std::to_string(i));
  for (auto [i, t] : llvm::enumerate(outputs))
    params.push_back(publicCType(t.type.getElementType()) + "* out" + std::to_string(i));
  if (externalArena)
    params.push_back("void* arena");
  return llvm::join(params, ", ");
}

/// How the arena is held: a static array, or the caller's memory.
struct ArenaInfo {
  int64_t bytes = 0;
  int64_t alignment = 16;
  bool external = false;
};

/// `weightBytes` is set when the weights are in a source of their own.
void writeHeader(raw_ostream &os, StringRef name, const ArenaInfo &arena,
                 std::optional<int64_t> weightBytes,
                 ArrayRef<TensorInfo> inputs, ArrayRef<TensorInfo> outputs) {
  std::string upper = StringRef(name).upper();
  std::string guard = upper + "_MOTE_H";
  os << "/* Generated by motec: the interface of model '" << name << "'. */\n"
     << "#ifndef " << guard << "\n#define " << guard << "\n\n"
     << "#include <stdint.h>\n"
     << "#ifndef __cplusplus\n#include <stdbool.h>\n#endif\n\n"
     << "#ifndef MOTE_IO_INFO_DEFINED\n#define MOTE_IO_INFO_DEFINED\n"
     << "/* dtype is an ONNX TensorProto.DataType code (1 = float32). */\n"
     << "typedef struct mote_io_info {\n  const char* name;\n  int32_t dtype;\n"
     << "  int32_t rank;\n  int32_t shape[8];\n  int64_t count;\n} mote_io_info;\n"
     << "#endif\n\n"
     << (arena.external
             ? "/* Bytes of the arena the caller passes to _run: every intermediate\n"
               " * tensor, at offsets aligned to _ARENA_ALIGN (so align it too). */\n"
             : "/* Bytes of the static arena that holds every intermediate tensor. */\n")
     << "#define " << upper << "_ARENA_BYTES " << arena.bytes << "u\n"
     << "#define " << upper << "_ARENA_ALIGN " << arena.alignment << "u\n"
     << "#define " << upper << "_ARENA_EXTERNAL " << (arena.external ? 1 : 0) << "\n";
  if (weightBytes)
    os << "/* Bytes of the weights, defined in a source file of their own. */\n"
       << "#define " << upper << "_WEIGHT_BYTES " << *weightBytes << "u\n";
  os << "#define " << upper << "_NUM_INPUTS " << inputs.size() << "\n"
     << "#define " << upper << "_NUM_OUTPUTS " << outputs.size() << "\n";
  auto describe = [&](StringRef kind, ArrayRef<TensorInfo> list) {
    for (auto [i, t] : llvm::enumerate(list))
      os << "#define " << upper << "_" << kind << i << "_COUNT "
         << t.type.getNumElements() << "\n#define " << upper << "_" << kind << i
         << "_SHAPE " << shapeList(t.type) << "\n";
  };
  describe("INPUT", inputs);
  describe("OUTPUT", outputs);
  os << "\n#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n"
     << "/* Name, dtype and shape of every input and output, in call order. */\n"
     << "extern const mote_io_info " << name << "_inputs[" << upper << "_NUM_INPUTS];\n"
     << "extern const mote_io_info " << name << "_outputs[" << upper << "_NUM_OUTPUTS];\n\n"
     << "/* Runs the model: inputs, then outputs, as dense row-major arrays of\n"
     << " * their element types (float16/bfloat16 as uint16_t bits; see " << name
     << "_inputs/_outputs). Returns 0. "
     << (arena.external ? "Reentrant when each\n * concurrent call has its own arena. */\n"
                        : "Not reentrant:\n * every call uses the same static arena. */\n")
     << "int " << name << "_run("
     << parameterList(inputs, outputs, arena.external) << ");\n\n"
     << "/* The same with arrays of pointers, for generic callers. */\n"
     << "int " << name << "_run_v(const void* const* inputs, void* const* outputs"
     << (arena.external ? ", void* arena" : "") << ");\n\n"
     << "#ifdef __cplusplus\n}\n#endif\n\n#endif /* " << guard << " */\n";
}

//===----------------------------------------------------------------------===//
// Weights in a source of their own
//===----------------------------------------------------------------------===//

/// The weights: constant globals with an initial value (the arena has none).
SmallVector<emitc::GlobalOp> weightGlobals(ModuleOp module) {
  SmallVector<emitc::GlobalOp> weights;
  for (auto global : module.getOps<emitc::GlobalOp>())
    if (global.getConstSpecifier() && global.getInitialValue())
      weights.push_back(global);
  return weights;
}

int64_t bytesOf(emitc::GlobalOp global) {
  auto array = cast<ShapedType>(global.getType());
  return array.getNumElements() * array.getElementTypeBitWidth() / 8;
}

/// The `alignas(N)` line the lowering puts before each weight, if any.
emitc::VerbatimOp alignmentOf(emitc::GlobalOp global) {
  auto verbatim = dyn_cast_or_null<emitc::VerbatimOp>(global->getPrevNode());
  if (verbatim && verbatim.getValue().starts_with("alignas("))
    return verbatim;
  return nullptr;
}

emitc::VerbatimOp verbatim(OpBuilder &b, Location loc, const Twine &text) {
  return emitc::VerbatimOp::create(b, loc, b.getStringAttr(text));
}

/// Clones `weight` at `defining` as a definition with external linkage (with
/// its alignment, and in `section` if set), and makes `weight` a declaration.
/// Both keep the alignment, so the kernels may rely on it wherever the linker
/// places the definition.
void moveDefinition(emitc::GlobalOp weight, StringRef section, OpBuilder &defining) {
  if (emitc::VerbatimOp alignment = alignmentOf(weight))
    defining.clone(*alignment);
  if (!section.empty())
    verbatim(defining, weight.getLoc(), "__attribute__((section(\"" + section + "\")))");
  auto definition = cast<emitc::GlobalOp>(defining.clone(*weight));
  definition.setStaticSpecifier(false);
  definition.setExternSpecifier(true);
  weight.removeInitialValueAttr();
  weight.setStaticSpecifier(false);
  weight.setExternSpecifier(true);
}

/// Moves the weights' definitions out of `module` into a module of their own,
/// with C linkage, and leaves `extern "C"` declarations, gathered where the
/// first weight was: the two modules print as two sources that link together.
OwningOpRef<ModuleOp> splitOffWeights(ModuleOp module, const WeightsFile &file) {
  Location loc = module.getLoc();
  OwningOpRef<ModuleOp> definitions = ModuleOp::create(loc);
  OpBuilder defining = OpBuilder::atBlockEnd(definitions->getBody());
  verbatim(defining, loc, "extern \"C\" {");
  SmallVector<emitc::GlobalOp> weights = weightGlobals(module);
  if (!weights.empty()) {
    emitc::VerbatimOp firstAlignment = alignmentOf(weights.front());
    OpBuilder declaring(firstAlignment ? firstAlignment.getOperation()
                                       : weights.front().getOperation());
    verbatim(declaring, loc, "// The weights are defined in " + file.fileName + ".");
    Operation *last = verbatim(declaring, loc, "extern \"C\" {");
    for (emitc::GlobalOp weight : weights) {
      moveDefinition(weight, file.section, defining);
      for (Operation *op : {alignmentOf(weight).getOperation(), weight.getOperation()}) {
        if (op) {
          op->moveAfter(last);
          last = op;
        }
      }
    }
    declaring.setInsertionPointAfter(last);
    verbatim(declaring, loc, "} // extern \"C\"");
  }
  verbatim(defining, loc, "} // extern \"C\"");
  return definitions;
}

/// The weights' source: their definitions, which the main source declares.
LogicalResult writeWeights(ModuleOp definitions, StringRef name,
                           StringRef headerFileName, raw_ostream &os) {
  std::string upper = name.upper();
  os << "// Generated by motec: the weights of model '" << name << "' ("
     << upper << "_WEIGHT_BYTES bytes"
     << (headerFileName.empty() ? std::string()
                                : " in " + headerFileName.str())
     << "),\n// declared by the model's source. Link this file's object where "
        "the weights\n// are to live, e.g. in external flash.\n";
  return emitc::translateToCpp(definitions, os);
}

void writeEntryPoints(raw_ostream &os, StringRef name, const ArenaInfo &arena,
                      ArrayRef<TensorInfo> inputs, ArrayRef<TensorInfo> outputs) {
  os << "\nextern \"C\" {\n\n";
  writeInfoTable(os, (name + "_inputs").str(), inputs);
  writeInfoTable(os, (name + "_outputs").str(), outputs);
  os << "\nint " << name << "_run("
     << parameterList(inputs, outputs, arena.external) << ") {\n";
  // A model whose intermediates all run in place has no arena to pass.
  bool passArena = arena.external && arena.bytes > 0;
  if (arena.external && !passArena)
    os << "  (void)arena;\n";
  os << "  " << name << "_graph(";
  // The graph never writes its inputs (bufferization is told they are not
  // writable); the casts only adapt to EmitC's non-const pointer types.
  // The C-style casts drop const and turn uint16_t bits into mote_f16 and
  // mote_bf16, which have the same layout.
  SmallVector<std::string> args;
  for (auto [i, t] : llvm::enumerate(inputs))
    args.push_back("(" + internalCType(t.type.getElementType()) + "*)(in" +
                   std::to_string(i) + ")");
  for (auto [i, t] : llvm::enumerate(outputs))
    args.push_back("(" + internalCType(t.type.getElementType()) + "*)(out" +
                   std::to_string(i) + ")");
  if (passArena)
    args.push_back("static_cast<uint8_t*>(arena)");
  os << llvm::join(args, ", ") << ");\n  return 0;\n}\n\n";

  os << "int " << name << "_run_v(const void* const* inputs, void* const* outputs"
     << (arena.external ? ", void* arena" : "") << ") {\n"
     << "  (void)inputs;\n  (void)outputs;\n"
     << "  return " << name << "_run(";
  args.clear();
  for (auto [i, t] : llvm::enumerate(inputs))
    args.push_back("static_cast<const " + publicCType(t.type.getElementType()) +
                   "*>(inputs[" + std::to_string(i) + "])");
  for (auto [i, t] : llvm::enumerate(outputs))
    args.push_back("static_cast<" + publicCType(t.type.getElementType()) + "*>(outputs[" +
                   std::to_string(i) + "])");
  if (arena.external)
    args.push_back("arena");
  os << llvm::join(args, ", ") << ");\n}\n\n} // extern \"C\"\n";
}
} // namespace

bool isSafeIdentifier(StringRef name) {
  static const char *const keywords[] = {
      "alignas", "alignof", "and", "and_eq", "asm", "auto", "bitand", "bitor",
      "bool", "break", "case", "catch", "char", "class", "compl", "const",
      "constexpr", "const_cast", "continue", "decltype", "default", "delete",
      "do", "double", "dynamic_cast", "else", "enum", "explicit", "export",
      "extern", "false", "float", "for", "friend", "goto", "if", "inline",
      "int", "long", "mutable", "namespace", "new", "noexcept", "not",
      "not_eq", "nullptr", "operator", "or", "or_eq", "private", "protected",
      "public", "register", "reinterpret_cast", "restrict", "return", "short",
      "signed", "sizeof", "static", "static_assert", "static_cast", "struct",
      "switch", "template", "this", "throw", "true", "try", "typedef",
      "typeid", "typename", "union", "unsigned", "using", "virtual", "void",
      "volatile", "wchar_t", "while", "xor", "xor_eq", "main"};
  if (name.empty() || name.size() > 64 || llvm::isDigit(name[0]) ||
      name.starts_with("_") || name.starts_with("mote_"))
    return false;
  if (!llvm::all_of(name, [](char c) { return llvm::isAlnum(c) || c == '_'; }))
    return false;
  return !llvm::is_contained(keywords, name);
}

bool isSafeSectionName(StringRef name) {
  return !name.empty() && name.size() <= 64 &&
         llvm::all_of(name, [](char c) {
           return llvm::isAlnum(c) || c == '_' || c == '.';
         });
}

/// "// Target: NAME (DESCRIPTION)" and the command that builds the source.
/// A profile's strings are printable one-liners (the loader checks), so they
/// cannot end the comment.
static void writeTargetNote(raw_ostream &os, const TargetNote &note) {
  const DeviceProfile &profile = note.profile;
  os << "// Target: " << profile.name;
  if (!profile.description.empty())
    os << " (" << profile.description << ")";
  os << "\n";
  if (profile.source != "built-in") {
    StringRef file = llvm::sys::path::filename(profile.source);
    if (llvm::all_of(file, [](char c) { return llvm::isPrint(c); }))
      os << "// Profile file: " << file << "\n";
  }
  os << "// Build it with: " << profile.buildCommand(note.sourceFileName) << "\n";
}

LogicalResult writeCpp(ModuleOp module, StringRef name, StringRef headerFileName,
                       raw_ostream &source, raw_ostream &header,
                       const WeightsFile *weights, const TargetNote *target) {
  auto inputs = readIO(module, "mote.inputs", "mote.input_types");
  auto outputs = readIO(module, "mote.outputs", "mote.output_types");
  if (failed(inputs) || failed(outputs))
    return failure();
  ArenaInfo arena;
  if (auto attr = module->getAttrOfType<IntegerAttr>("mote.arena_bytes"))
    arena.bytes = attr.getInt();
  if (auto attr = module->getAttrOfType<IntegerAttr>("mote.arena_alignment"))
    arena.alignment = attr.getInt();
  if (auto attr = module->getAttrOfType<BoolAttr>("mote.arena_external"))
    arena.external = attr.getValue();
  auto files = module->getAttrOfType<ArrayAttr>("mote.kernel_files");
  if (!files)
    return module.emitError("the module is not at the EmitC level");

  std::optional<int64_t> weightBytes;
  OwningOpRef<ModuleOp> weightDefinitions;
  if (weights) {
    if (!isSafeSectionName(weights->section) && !weights->section.empty())
      return module.emitError("unusable section name '") << weights->section << "'";
    weightBytes = 0;
    for (emitc::GlobalOp weight : weightGlobals(module))
      *weightBytes += bytesOf(weight);
    weightDefinitions = splitOffWeights(module, *weights);
  }

  // The graph first, into a string: a failure must leave no partial output.
  std::string graph, weightsText;
  llvm::raw_string_ostream graphStream(graph), weightsStream(weightsText);
  if (failed(emitc::translateToCpp(module, graphStream)))
    return failure();
  if (weights && failed(writeWeights(*weightDefinitions, name, headerFileName,
                                     weightsStream)))
    return failure();

  writeHeader(header, name, arena, weightBytes, *inputs, *outputs);
  if (weights)
    weights->source << weightsText;

  source << "// Generated by motec. Self-contained: compile it with its header,\n"
         << "// no other source, library or include path is needed.\n";
  if (target)
    writeTargetNote(source, *target);
  source << (headerFileName.empty() ? std::string("// (interface above)\n")
                                    : "#include \"" + headerFileName.str() + "\"\n")
         << "\n"
         << "// ---- kernel library (runtime-stub/kernels) ----\n"
         << kernelText("common.h");
  for (Attribute file : files)
    source << kernelText(cast<StringAttr>(file).getValue());
  source << "\n// ---- weights, arena and graph ----\n" << graph;
  writeEntryPoints(source, name, arena, *inputs, *outputs);
  return success();
}

} // namespace mote
