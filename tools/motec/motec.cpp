//===- motec.cpp - the Mote compiler command line -------------------------===//
//
//   motec MODEL -o OUT.cpp [--target NAME|FILE.json] [--name N] [--dim NAME=N]...
//         [--emit=onnx|mote|loops|emitc|cpp] [--weights-file FILE.cpp]
//   motec --list-targets
//
// Exit codes: 0 success; 1 the model cannot be compiled (the diagnostics say
// why); 2 bad command line or an output file that cannot be written.
//
//===----------------------------------------------------------------------===//
#include "codegen/CppWriter.h"
#include "compiler/Pipeline.h"
#include "compiler/Report.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/OperationSupport.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/ToolOutputFile.h"

using namespace llvm;
using namespace mote;

namespace {
cl::OptionCategory category("motec options");

cl::opt<std::string> modelPath(cl::Positional, cl::desc("MODEL (.onnx or .onnxtext)"),
                               cl::Required, cl::cat(category));
cl::opt<std::string> outputPath("o", cl::desc("Output file: OUT.cpp (its header is "
                                              "written beside it as OUT.h); '-' for stdout"),
                                cl::value_desc("OUT.cpp"), cl::Required,
                                cl::cat(category));
cl::opt<std::string> target("target",
                            cl::desc("Device profile: a built-in one (see "
                                     "--list-targets) or a profile file"),
                            cl::value_desc("NAME|FILE.json"), cl::init("host"),
                            cl::cat(category));
cl::opt<bool> listTargets("list-targets",
                          cl::desc("Print the built-in device profiles and exit"),
                          cl::cat(category));
cl::opt<std::string> modelName("name",
                               cl::desc("Prefix of the emitted C symbols "
                                        "(default: the output file's stem, else 'model')"),
                               cl::cat(category));
cl::list<std::string> dims("dim", cl::desc("Size of a symbolic input dim, NAME=N"),
                           cl::value_desc("NAME=N"), cl::cat(category));
cl::list<std::string> frozenInputs(
    "freeze-input",
    cl::desc("Fix a graph input's value at compile time, from a TensorProto file: "
             "for inputs the memory plan needs (shapes, axes, pads); the input "
             "leaves the emitted interface"),
    cl::value_desc("NAME=FILE.pb"), cl::cat(category));
cl::opt<std::string> reportPath(
    "report", cl::desc("Write a JSON report: peak RAM (arena), flash (weights "
                       "and a Cortex-M4 code estimate), every buffer's offset, "
                       "size and live range, every kernel's MACs"),
    cl::value_desc("FILE"), cl::cat(category));
cl::opt<std::string> reportSvgPath(
    "report-svg", cl::desc("Draw the memory plan as SVG: schedule step "
                           "against arena offset, the peak marked"),
    cl::value_desc("FILE"), cl::cat(category));
enum class ArenaKind { Static, External };
cl::opt<ArenaKind> arenaKind(
    "arena", cl::desc("Where the arena of intermediate tensors lives"),
    cl::init(ArenaKind::Static),
    cl::values(clEnumValN(ArenaKind::Static, "static",
                          "a static array in the emitted file (default)"),
               clEnumValN(ArenaKind::External, "external",
                          "the caller's memory, passed as the last argument of "
                          "_run: any RAM bank, and reentrant")),
    cl::cat(category));
cl::opt<int64_t> ramBudget(
    "ram-budget",
    cl::desc("Fail when the arena (all intermediate tensors) needs more "
             "bytes than this, naming the node where memory peaks (default: "
             "the target's RAM; 0: no limit)"),
    cl::value_desc("BYTES"), cl::init(0), cl::cat(category));
cl::opt<int64_t> flashBudget(
    "flash-budget",
    cl::desc("Fail when the weights and the estimated code need more bytes "
             "than this (default: the target's flash; 0: no limit)"),
    cl::value_desc("BYTES"), cl::init(0), cl::cat(category));
cl::opt<bool> noInPlace(
    "no-in-place",
    cl::desc("Never let a kernel write over its input (elementwise ops, "
             "depthwise and pointwise convolutions) nor into a concat's "
             "result: plain lifetime sharing, a larger arena, the simplest "
             "kernels"),
    cl::cat(category));

cl::opt<std::string> weightsPath(
    "weights-file",
    cl::desc("Write the weights to this C++ file instead of OUT.cpp (defined "
             "there, declared extern in OUT.cpp), so that the linker can "
             "place them apart, e.g. in external flash"),
    cl::value_desc("FILE.cpp"), cl::cat(category));
cl::opt<std::string> weightsSection(
    "weights-section",
    cl::desc("With --weights-file: put the weights in this linker section "
             "(letters, digits, '_' and '.')"),
    cl::value_desc("NAME"), cl::cat(category));
cl::opt<bool> quiet("q", cl::desc("Print errors only, no warnings"),
                    cl::cat(category));
cl::opt<bool> verbose("v", cl::desc("Print a summary of the compiled model "
                                    "(arena, flash, kernels, MACs) on stderr"),
                      cl::cat(category));
cl::opt<EmitLevel> emit(
    "emit", cl::desc("What to write"), cl::init(EmitLevel::Cpp),
    cl::values(clEnumValN(EmitLevel::ONNX, "onnx", "the imported onnx dialect IR"),
               clEnumValN(EmitLevel::Mote, "mote", "fused mote kernels on tensors"),
               clEnumValN(EmitLevel::Loops, "loops",
                          "buffer level: kernels on memrefs in the planned arena"),
               clEnumValN(EmitLevel::EmitC, "emitc", "the EmitC IR"),
               clEnumValN(EmitLevel::Cpp, "cpp", "the C++ source and header (default)")),
    cl::cat(category));

/// Where the budgets come from: the command line, or the target's profile
/// (then a failure says so, and how to override it).
struct Budgets {
  int64_t ram = 0, flash = 0;
  bool ramFromTarget = false, flashFromTarget = false;
};
Budgets budgets;

void printVersion(raw_ostream &os) {
  os << "motec (Mote model compiler) " << MOTE_VERSION << "\n";
}

/// `file: node 'X' (OpType): message` for what the importer located at a
/// node; `file: message` otherwise.
void printDiagnostic(mlir::Diagnostic &diag) {
  if (quiet && diag.getSeverity() != mlir::DiagnosticSeverity::Error)
    return;
  raw_ostream &os = errs();
  os << modelPath << ": ";
  if (auto origin = nodeOrigin(diag.getLocation()))
    os << "node '" << origin->node << "' (" << origin->opType << "): ";
  if (diag.getSeverity() == mlir::DiagnosticSeverity::Warning)
    os << "warning: ";
  if (diag.getSeverity() == mlir::DiagnosticSeverity::Remark)
    os << "note: ";
  // Verifiers say "'onnx.Softmax' op axis ..."; the node is named already.
  std::string message = diag.str();
  StringRef text(message);
  if (text.starts_with("'onnx.") || text.starts_with("'mote.")) {
    size_t end = text.find("' op ");
    if (end != StringRef::npos)
      text = text.drop_front(end + 5);
  }
  os << text << "\n";
  if (budgets.ramFromTarget && text.contains("does not fit the RAM budget"))
    os << "motec: note: this RAM budget is memory.ram_bytes of target '" << target
       << "'; --ram-budget=BYTES overrides it (0: no limit)\n";
}

LogicalResult parseDims(ImportOptions &options) {
  for (const std::string &spec : dims) {
    auto [name, value] = StringRef(spec).split('=');
    int64_t n;
    if (name.empty() || value.getAsInteger(10, n) || n < 1) {
      errs() << "motec: --dim expects NAME=N with N >= 1, got '" << spec << "'\n";
      return failure();
    }
    options.dims[name] = n;
  }
  for (const std::string &spec : frozenInputs) {
    auto [name, file] = StringRef(spec).split('=');
    if (name.empty() || file.empty()) {
      errs() << "motec: --freeze-input expects NAME=FILE.pb, got '" << spec << "'\n";
      return failure();
    }
    options.frozenInputs[name] = file.str();
  }
  return success();
}

/// An output file name the emitted code can mention (in an #include or a
/// comment) as it is: printable, no '"' or '\\', and not a header's.
bool checkOutputName(StringRef path, StringRef option) {
  StringRef file = sys::path::filename(path);
  if (sys::path::extension(file) != ".h" && !file.empty() &&
      llvm::all_of(file, [](char c) { return isPrint(c) && c != '"' && c != '\\'; }))
    return true;
  errs() << "motec: " << option << " file name '" << file
         << "' must not end in .h and must hold printable characters "
            "other than '\"' and '\\'\n";
  return false;
}

std::string absolutePath(StringRef path) {
  SmallString<256> absolute(path);
  sys::fs::make_absolute(absolute);
  sys::path::remove_dots(absolute, /*remove_dot_dot=*/true);
  return absolute.str().str();
}

/// --weights-file and --weights-section make sense for C++ written to files,
/// and the weights must not overwrite the source or the header.
bool checkWeightsOptions(StringRef headerFile) {
  if (weightsPath.empty()) {
    if (weightsSection.getNumOccurrences())
      errs() << "motec: --weights-section needs --weights-file\n";
    return !weightsSection.getNumOccurrences();
  }
  if (emit != EmitLevel::Cpp || outputPath == "-") {
    errs() << "motec: --weights-file needs C++ written to a file (-o OUT.cpp, "
              "--emit=cpp)\n";
    return false;
  }
  if (!checkOutputName(weightsPath, "--weights-file"))
    return false;
  std::string weights = absolutePath(weightsPath);
  if (weights == absolutePath(outputPath) || weights == absolutePath(headerFile)) {
    errs() << "motec: --weights-file must differ from the output and its header\n";
    return false;
  }
  if (weightsSection.getNumOccurrences() && !isSafeSectionName(weightsSection)) {
    errs() << "motec: --weights-section '" << weightsSection
           << "' is not a usable section name (1 to 64 letters, digits, '_' "
              "and '.')\n";
    return false;
  }
  return true;
}

std::string defaultName() {
  if (!modelName.empty())
    return modelName;
  std::string stem = StringRef(sys::path::stem(outputPath)).lower();
  return outputPath != "-" && isSafeIdentifier(stem) ? stem : "model";
}

/// Output files to write, as (path, text).
using Files = std::vector<std::pair<std::string, std::string>>;

/// Writes every (path, text) pair, or none: each text goes to a temporary
/// file beside its path first, and only when all are written are they renamed
/// into place, so that a failed run leaves no partial output behind.
bool writeAll(ArrayRef<std::pair<std::string, std::string>> files) {
  SmallVector<std::string> temps;
  auto cleanUp = [&] {
    for (const std::string &temp : temps)
      sys::fs::remove(temp);
  };
  for (const auto &[path, text] : files) {
    SmallString<256> temp;
    int fd;
    if (auto ec = sys::fs::createUniqueFile(path + ".tmp-%%%%%%", fd, temp)) {
      errs() << "motec: cannot write " << path << ": " << ec.message() << "\n";
      cleanUp();
      return false;
    }
    temps.push_back(temp.str().str());
    raw_fd_ostream os(fd, /*shouldClose=*/true);
    os << text;
    os.close();
    if (os.has_error()) {
      errs() << "motec: cannot write " << path << "\n";
      os.clear_error();
      cleanUp();
      return false;
    }
  }
  // A rename can still fail on a target that is not a regular file; check
  // them all before the first rename so that it does not fail half-way.
  for (const auto &file : files) {
    sys::fs::file_status status;
    if (!sys::fs::status(file.first, status) &&
        status.type() != sys::fs::file_type::regular_file) {
      errs() << "motec: cannot write " << file.first << ": not a regular file\n";
      cleanUp();
      return false;
    }
  }
  for (auto [temp, file] : llvm::zip(temps, files)) {
    if (auto ec = sys::fs::rename(temp, file.first)) {
      errs() << "motec: cannot write " << file.first << ": " << ec.message() << "\n";
      cleanUp();
      return false;
    }
  }
  return true;
}
/// The code estimate counts the kernel calls of the EmitC level: those of
/// `lowered` when it got there, else of a copy of `planned` lowered that far.
FailureOr<CodeSizeEstimate> estimateCode(mlir::ModuleOp lowered, mlir::ModuleOp planned,
                                         const CompileOptions &options) {
  if (options.emit >= EmitLevel::EmitC)
    return estimateCodeSize(lowered);
  mlir::OwningOpRef<mlir::ModuleOp> copy = planned.clone();
  if (failed(lowerModule(*copy, options, EmitLevel::Loops, EmitLevel::EmitC)))
    return failure();
  return estimateCodeSize(*copy);
}

void printSummary(const ModelReport &report, const CodeSizeEstimate &code) {
  errs() << "motec: " << modelPath << ": " << report.kernelCount << " kernels, "
         << report.totalMacs << " MACs, arena " << report.arenaBytes
         << " bytes, weights " << report.weightBytes << " bytes, code ~"
         << code.bytes() << " bytes (Cortex-M4 estimate), flash ~"
         << report.weightBytes + code.bytes() << " bytes\n";
}

/// The weights and the estimated code against the flash budget.
LogicalResult checkFlash(const ModelReport &report, const CodeSizeEstimate &code) {
  int64_t total = report.weightBytes + code.bytes();
  if (budgets.flash <= 0 || total <= budgets.flash)
    return success();
  errs() << modelPath << ": does not fit the flash budget of " << budgets.flash
         << " bytes: weights " << report.weightBytes << " bytes + code ~"
         << code.bytes() << " bytes (Cortex-M4 estimate) = ~" << total
         << " bytes\n";
  if (budgets.flashFromTarget)
    errs() << "motec: note: this flash budget is memory.flash_bytes of target '"
           << target << "'; --flash-budget=BYTES overrides it (0: no limit)\n";
  return failure();
}

/// Lowers `module` to `options.emit` (at least the buffer level), checks the
/// flash budget, and adds the report and the plan's drawing to `files` or
/// prints the summary, as asked. They read a copy of the planned
/// buffer-level module.
LogicalResult lowerWithReports(mlir::ModuleOp module, const CompileOptions &options,
                               Files &files) {
  if (failed(lowerModule(module, options, EmitLevel::ONNX, EmitLevel::Loops)))
    return failure();
  mlir::OwningOpRef<mlir::ModuleOp> planned = module.clone();
  if (failed(lowerModule(module, options, EmitLevel::Loops, options.emit)))
    return failure();
  FailureOr<CodeSizeEstimate> code = estimateCode(module, *planned, options);
  if (failed(code))
    return failure();
  std::string json;
  raw_string_ostream jsonStream(json);
  ModelReport report = summarize(*planned, reportPath.empty() ? nullptr : &jsonStream,
                                 modelPath, options.name, options.target.name, *code);
  if (failed(checkFlash(report, *code)))
    return failure();
  if (!reportPath.empty())
    files.push_back({reportPath, json});
  if (!reportSvgPath.empty()) {
    std::string svg;
    raw_string_ostream svgStream(svg);
    writePlanSvg(*planned, svgStream);
    files.push_back({reportSvgPath, svg});
  }
  if (verbose)
    printSummary(report, *code);
  return success();
}
/// "256 KiB", "1 MiB", or "-" for no budget.
std::string formatBytes(std::optional<int64_t> bytes) {
  if (!bytes)
    return "-";
  if (*bytes % (1 << 20) == 0)
    return std::to_string(*bytes >> 20) + " MiB";
  if (*bytes % (1 << 10) == 0)
    return std::to_string(*bytes >> 10) + " KiB";
  return std::to_string(*bytes) + " B";
}

/// --list-targets: one line per built-in profile.
int printTargets() {
  outs() << format("%-14s %-15s %-8s %-8s %s\n", "NAME", "ISA", "RAM", "FLASH",
                   "DESCRIPTION");
  for (StringRef name : builtinProfileNames()) {
    Expected<DeviceProfile> profile = loadDeviceProfile(name);
    if (!profile) {
      errs() << "motec: " << toString(profile.takeError()) << "\n";
      return 1;
    }
    outs() << format("%-14s %-15s %-8s %-8s %s\n", profile->name.c_str(),
                     profile->isa.c_str(),
                     formatBytes(profile->memory.ramBytes).c_str(),
                     formatBytes(profile->memory.flashBytes).c_str(),
                     profile->description.c_str());
  }
  outs() << "\n--target=NAME selects one; --target=FILE.json reads your own "
            "(docs/DeviceProfiles.md).\n";
  return 0;
}

/// A budget option when given (0: no limit), else the target's.
int64_t resolveBudget(const cl::opt<int64_t> &option,
                      std::optional<int64_t> fromTarget, bool &isFromTarget) {
  isFromTarget = !option.getNumOccurrences() && fromTarget;
  return isFromTarget ? *fromTarget : option;
}

/// Loads --target and resolves the budgets; false after printing why not.
bool setUpTarget(CompileOptions &options) {
  if (ramBudget < 0 || flashBudget < 0) {
    errs() << "motec: --" << (ramBudget < 0 ? "ram" : "flash")
           << "-budget must not be negative\n";
    return false;
  }
  Expected<DeviceProfile> profile = loadDeviceProfile(target);
  if (!profile) {
    errs() << "motec: " << toString(profile.takeError()) << "\n";
    return false;
  }
  options.target = std::move(*profile);
  const DeviceMemory &memory = options.target.memory;
  budgets.ram = resolveBudget(ramBudget, memory.ramBytes, budgets.ramFromTarget);
  budgets.flash =
      resolveBudget(flashBudget, memory.flashBytes, budgets.flashFromTarget);
  options.ramBudget = budgets.ram;
  return true;
}
} // namespace

int main(int argc, char **argv) {
  InitLLVM init(argc, argv);
  cl::HideUnrelatedOptions(category);
  cl::SetVersionPrinter(printVersion);
  // --list-targets needs neither a model nor -o.
  if (llvm::any_of(ArrayRef(argv + 1, argv + argc), [](StringRef arg) {
        return arg == "--list-targets" || arg == "-list-targets";
      })) {
    modelPath.setNumOccurrencesFlag(cl::Optional);
    outputPath.setNumOccurrencesFlag(cl::Optional);
  }
  if (!cl::ParseCommandLineOptions(argc, argv,
                                   "motec: compiles an ONNX model into one "
                                   "self-contained C++ file and its header\n",
                                   &errs()))
    return 2;

  if (listTargets)
    return printTargets();

  CompileOptions options;
  options.emit = emit;
  options.name = defaultName();
  if (!setUpTarget(options))
    return 2;
  options.externalArena = arenaKind == ArenaKind::External;
  options.inPlace = !noInPlace;
  if (failed(parseDims(options.import)))
    return 2;
  if (outputPath != "-" && !checkOutputName(outputPath, "output"))
    return 2;
  SmallString<256> headerFile(outputPath);
  sys::path::replace_extension(headerFile, ".h");
  if (!checkWeightsOptions(headerFile))
    return 2;
  // Lower case only: the header's macros are the name in upper case, so two
  // names differing in case would collide.
  if (!isSafeIdentifier(options.name) ||
      llvm::any_of(options.name, [](char c) { return isUpper(c); })) {
    errs() << "motec: --name '" << options.name
           << "' is not a usable name (lower-case letters, digits, '_'; no C or "
              "C++ keyword, no leading '_' or digit, no 'mote_' prefix)\n";
    return 2;
  }

  mlir::DialectRegistry registry;
  registerMoteDialects(registry);
  mlir::MLIRContext context(registry);
  context.loadAllAvailableDialects();
  context.printOpOnDiagnostic(false);
  mlir::ScopedDiagnosticHandler handler(&context, [](mlir::Diagnostic &diag) {
    printDiagnostic(diag);
    return mlir::success();
  });

  auto module = importONNXFile(&context, modelPath, options.import);
  if (!module)
    return 1;
  // The report, the summary and the flash check read the planned
  // buffer-level module, which the pipeline passes on the way, and the code
  // estimate the EmitC level.
  Files files;
  bool wantsReport = !reportPath.empty() || !reportSvgPath.empty() || verbose ||
                     budgets.flash > 0;
  if (wantsReport && options.emit >= EmitLevel::Loops) {
    if (failed(lowerWithReports(*module, options, files)))
      return 1;
  } else if (failed(lowerModule(*module, options))) {
    return 1;
  }

  std::string source, header;
  raw_string_ostream sourceStream(source), headerStream(header);
  bool toStdout = outputPath == "-";
  if (options.emit != EmitLevel::Cpp) {
    module->print(sourceStream);
    if (toStdout) {
      if (!writeAll(files))
        return 2;
      outs() << source;
      return 0;
    }
    files.push_back({outputPath, source});
    return writeAll(files) ? 0 : 2;
  }
  // On stdout the header comes first and the source does not include it, so
  // that the stream is one compilable file.
  std::string include = toStdout ? "" : sys::path::filename(headerFile).str();
  std::string weights;
  raw_string_ostream weightsStream(weights);
  WeightsFile weightsFile{sys::path::filename(weightsPath), weightsSection,
                          weightsStream};
  std::string sourceFile =
      toStdout ? std::string("OUT.cpp") : sys::path::filename(outputPath).str();
  TargetNote targetNote{options.target, sourceFile};
  if (failed(writeCpp(*module, options.name, include, sourceStream, headerStream,
                      weightsPath.empty() ? nullptr : &weightsFile, &targetNote)))
    return 1;
  if (toStdout) {
    if (!writeAll(files))
      return 2;
    outs() << header << source;
    return 0;
  }
  files.push_back({headerFile.str().str(), header});
  files.push_back({outputPath, source});
  if (!weightsPath.empty())
    files.push_back({weightsPath, weights});
  return writeAll(files) ? 0 : 2;
}
