//===- mote-check.cpp - End-to-end check of one ONNX backend test case ----===//
//
// mote-check compiles an ONNX model with motec, builds the emitted C++ (every
// .cpp motec wrote into the work directory) together with the test harness (runtime-stub/harness/harness.cpp, embedded at build time),
// runs it on every test_data_set_* of a case directory in ONNX backend-test layout
// (model.onnx, test_data_set_K/input_I.pb, output_I.pb) and compares the outputs
// with the expected ones using numpy.allclose semantics:
//   |actual - expected| <= atol + rtol * |expected|, NaN == NaN, equal infinities.
//
//   mote-check CASE_DIR [--target NAME|FILE.json] [--emulate] [--timeout S]
//              [--dump-outputs DIR] [--rtol R] [--atol A] [--keep-work DIR]
//              [--cxx PATH] [-O LEVEL] [--motec PATH] [--motec-arg ARG]...
//
// It prints one line per data set ("test_data_set_0: ok (max abs err 3.1e-08)" or
// "test_data_set_0: MISMATCH output 0 'y': ...").
//
// --target selects a device profile (compiler/DeviceProfile.h): the model is
// built with the profile's compiler and flags and run natively, under
// qemu-user, or bare metal under qemu-system with the startup code and linker
// script of runtime-stub/baremetal (embedded at build time) and semihosting.
//
// Exit codes: 0 every output of every data set matches; 1 some output differs;
//             2 the case could not be compiled or run (bad case directory, motec or
//             the C++ compiler failed, the model binary failed or crashed);
//             77 skipped: this machine cannot run the target's code.
//
//===----------------------------------------------------------------------===//

#include "mote_check_harness.inc"  // static const char kHarnessSource[]
#include "mote_check_baremetal.inc" // kBaremetalFiles[]: {name, text}

#include "compiler/DeviceProfile.h"

#include <onnx/onnx_pb.h>
#include <set>

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

using namespace llvm;

namespace {

cl::OptionCategory checkCategory("mote-check options");

cl::opt<std::string> caseDir(cl::Positional, cl::Required, cl::desc("CASE_DIR"),
                             cl::cat(checkCategory));
cl::opt<std::string> targetOpt("target", cl::init("host"), cl::value_desc("NAME|FILE.json"),
                               cl::desc("Device profile to build and run for: a built-in "
                                        "one (motec --list-targets) or a profile file"),
                               cl::cat(checkCategory));
cl::opt<bool> emulate("emulate",
                      cl::desc("Run under the profile's emulator even where this "
                               "machine could run the code itself"),
                      cl::cat(checkCategory));
cl::opt<unsigned> timeoutOpt("timeout", cl::init(600), cl::value_desc("SECONDS"),
                             cl::desc("Stop a run of the model after this long "
                                      "(default 600; 0: no limit)"),
                             cl::cat(checkCategory));
cl::opt<std::string> dumpOutputs("dump-outputs", cl::value_desc("DIR"),
                                 cl::desc("Copy the actual outputs to "
                                          "DIR/test_data_set_K/output_I.pb"),
                                 cl::cat(checkCategory));
cl::opt<double> rtol("rtol", cl::init(1e-3), cl::value_desc("R"),
                     cl::desc("Relative tolerance (default 1e-3)"), cl::cat(checkCategory));
cl::opt<double> atol("atol", cl::init(1e-7), cl::value_desc("A"),
                     cl::desc("Absolute tolerance (default 1e-7)"), cl::cat(checkCategory));
cl::opt<std::string> keepWork("keep-work", cl::value_desc("DIR"),
                              cl::desc("Use DIR as the work directory and keep it"),
                              cl::cat(checkCategory));
cl::opt<std::string> cxxOpt("cxx", cl::value_desc("PATH"),
                            cl::desc("C++ compiler (default: the profile's; $CXX for profiles "
                                     "that build with the host's c++)"),
                            cl::cat(checkCategory));
cl::opt<std::string> optLevel("O", cl::Prefix, cl::init("1"), cl::value_desc("LEVEL"),
                              cl::desc("Optimization level for the model build (default 1)"),
                              cl::cat(checkCategory));
cl::opt<std::string> motecOpt("motec", cl::value_desc("PATH"),
                              cl::desc("motec to use (default: next to mote-check)"),
                              cl::cat(checkCategory));
cl::list<std::string> motecArgs("motec-arg", cl::value_desc("ARG"),
                                cl::desc("Extra argument for motec (repeatable)"),
                                cl::cat(checkCategory));

enum ExitCode { ExitOk = 0, ExitMismatch = 1, ExitError = 2, ExitSkipped = 77 };

//===----------------------------------------------------------------------===//
// Targets
//===----------------------------------------------------------------------===//

/// How to build and run the model for one --target.
struct TargetConfig {
  std::vector<std::string> cxx;         ///< compiler: program followed by leading args
  std::vector<std::string> cxxFlags;    ///< target-specific flags, before the sources
  std::vector<std::string> extraFiles;  ///< support files written to the work directory
  std::vector<std::string> extraSources;///< of those, the ones to compile
  std::vector<std::string> linkFlags;   ///< after the sources and -lm
  std::string linkerScript;             ///< one of extraFiles, or empty
  std::vector<std::string> runner;      ///< command prefix to run the binary (empty: direct)
  bool semihosting = false;             ///< bare metal: arguments through semihosting
  std::string skipReason;               ///< set: this machine cannot run the code
};

/// The compiler: --cxx, else $CXX where the profile uses the build machine's
/// compiler ("c++"), else the profile's. $CXX may carry arguments, e.g.
/// "ccache g++".
std::vector<std::string> compilerFor(const mote::DeviceProfile &profile) {
  if (!cxxOpt.empty())
    return {cxxOpt};
  std::optional<std::string> env = sys::Process::GetEnv("CXX");
  if (profile.build.cxx != "c++" || !env || StringRef(*env).trim().empty())
    return {profile.build.cxx};
  SmallVector<StringRef, 4> parts;
  SplitString(*env, parts);
  return std::vector<std::string>(parts.begin(), parts.end());
}

/// The embedded file of runtime-stub/baremetal called `name`, or null.
const char *baremetalFile(StringRef name) {
  for (const auto &file : kBaremetalFiles)
    if (name == file.name)
      return file.text;
  return nullptr;
}

/// Bare metal: the startup code and the board's linker script, newlib with
/// semihosting, and qemu-system on the board with the profile's core.
bool configureBareMetal(const mote::DeviceProfile &profile, TargetConfig &cfg,
                        std::string &err) {
  const mote::DeviceTest &test = profile.test;
  std::string script = test.board + ".ld";
  if (!baremetalFile(script)) {
    std::string known;
    for (const auto &file : kBaremetalFiles)
      if (StringRef(file.name).consume_back(".ld") && StringRef(file.name) != "mote-sections.ld")
        known += (known.empty() ? "" : ", ") + StringRef(file.name).drop_back(3).str();
    err = profile.source + ": test.board: no bare-metal support for board '" + test.board +
          "' (known: " + known + ")";
    return false;
  }
  cfg.cxxFlags.push_back("-DMOTE_HARNESS_NO_MKDIR");
  cfg.extraFiles = {"startup.cpp", "mote-sections.ld", script};
  cfg.extraSources = {"startup.cpp"};
  cfg.linkFlags = test.linkFlags;
  cfg.linkerScript = script;
  cfg.runner = {test.emulator, "-M", test.machine};
  if (!test.cpu.empty()) {
    cfg.runner.push_back("-cpu");
    cfg.runner.push_back(test.cpu);
  }
  for (const char *arg : {"-nographic", "-monitor", "none"})
    cfg.runner.push_back(arg);
  cfg.semihosting = true;
  return true;
}

/// A Linux process: directly where this machine can run it, else under the
/// profile's qemu-user emulator with its CPU and sysroot, else skipped.
void configureProcess(const mote::DeviceProfile &profile, TargetConfig &cfg) {
  const mote::DeviceTest &test = profile.test;
  cfg.linkFlags = test.linkFlags;
  std::string missing;
  if (!emulate && mote::hostCanRun(profile, &missing))
    return;
  if (test.emulator.empty()) {
    cfg.skipReason = emulate ? "target '" + profile.name + "' names no emulator"
                             : "target '" + profile.name + "' needs " + missing +
                                   ", which this machine lacks, and its profile "
                                   "names no emulator";
    return;
  }
  cfg.runner = {test.emulator};
  if (!test.cpu.empty()) {
    cfg.runner.push_back("-cpu");
    cfg.runner.push_back(test.cpu);
  }
  if (!test.sysroot.empty()) {
    cfg.runner.push_back("-L");
    cfg.runner.push_back(test.sysroot);
  }
}

/// Fills `cfg` for the profile --target names.
bool getTargetConfig(StringRef target, TargetConfig &cfg, std::string &err) {
  Expected<mote::DeviceProfile> profile = mote::loadDeviceProfile(target);
  if (!profile) {
    err = toString(profile.takeError());
    return false;
  }
  cfg.cxx = compilerFor(*profile);
  cfg.cxxFlags = profile->build.flags;
  if (profile->test.run == mote::RunKind::BareMetal)
    return configureBareMetal(*profile, cfg, err);
  configureProcess(*profile, cfg);
  return true;
}

/// Quotes an argument for the startup code's command-line parser, and its
/// commas for QEMU's option parser.
std::optional<std::string> semihostingArg(StringRef arg) {
  if (arg.contains('"'))
    return std::nullopt;
  std::string quoted = arg.contains(' ') ? "\"" + arg.str() + "\"" : arg.str();
  std::string escaped;
  for (char c : quoted)
    escaped += c == ',' ? std::string(",,") : std::string(1, c);
  return escaped;
}

/// The command that runs `binary` on one data set.
bool runCommand(const TargetConfig &cfg, const std::vector<std::string> &args,
                std::vector<std::string> &cmd, std::string &err) {
  cmd = cfg.runner;
  if (!cfg.semihosting) {
    cmd.insert(cmd.end(), args.begin(), args.end());
    return true;
  }
  std::string config = "enable=on,target=native,arg=run";
  for (const std::string &arg : ArrayRef(args).drop_front()) {
    std::optional<std::string> escaped = semihostingArg(arg);
    if (!escaped) {
      err = "cannot pass '" + arg + "' through semihosting (it contains '\"')";
      return false;
    }
    config += ",arg=" + *escaped;
  }
  for (const std::string &arg : {std::string("-semihosting-config"), config,
                                 std::string("-kernel"), args.front()})
    cmd.push_back(arg);
  return true;
}

//===----------------------------------------------------------------------===//
// Processes and files
//===----------------------------------------------------------------------===//

std::string shellQuote(StringRef s) {
  if (!s.empty() && s.find_first_of(" \t\n'\"\\$`*?;&|<>()") == StringRef::npos)
    return s.str();
  std::string out = "'";
  for (char c : s) {
    if (c == '\'')
      out += "'\\''";
    else
      out += c;
  }
  return out + "'";
}

std::string commandLine(const std::vector<std::string> &args) {
  std::string out;
  for (const std::string &a : args) {
    if (!out.empty())
      out += ' ';
    out += shellQuote(a);
  }
  return out;
}

/// The last `maxLines` lines of a text file (empty if unreadable).
std::string tailOfFile(StringRef path, size_t maxLines = 30) {
  ErrorOr<std::unique_ptr<MemoryBuffer>> buf = MemoryBuffer::getFile(path);
  if (!buf)
    return "";
  StringRef text = (*buf)->getBuffer().rtrim();
  size_t pos = text.size();
  for (size_t lines = 0; lines < maxLines && pos != StringRef::npos && pos > 0; ++lines)
    pos = text.rfind('\n', pos - 1);
  if (pos != StringRef::npos && pos < text.size())
    text = text.drop_front(pos + 1);
  return text.str();
}

/// The line of a failed run's log that says why: the last one from the
/// harness or the bare-metal startup code (an emulator may print its state
/// after it), else the last line.
std::string failureLine(StringRef logPath) {
  std::string tail = tailOfFile(logPath);
  SmallVector<StringRef> lines;
  StringRef(tail).split(lines, '\n');
  for (StringRef line : llvm::reverse(lines))
    if (line.starts_with("harness: ") || line.starts_with("mote startup: "))
      return line.str();
  return lines.empty() ? "" : lines.back().str();
}

struct RunResult {
  int code = 0;       ///< exit code; negative: could not run or crashed
  std::string errMsg; ///< set by LLVM when the program could not run or crashed
};

/// Runs args[0] (looked up in PATH if it has no directory part) with stdout and
/// stderr both going to `logPath`, for at most `seconds` (0: no limit).
RunResult runProgram(const std::vector<std::string> &args, StringRef logPath,
                     unsigned seconds = 0) {
  RunResult r;
  std::string program = args[0];
  if (!sys::path::has_parent_path(program)) {
    ErrorOr<std::string> found = sys::findProgramByName(program);
    if (!found) {
      r.code = -1;
      r.errMsg = "cannot find '" + program + "' in PATH";
      return r;
    }
    program = *found;
  }
  std::vector<StringRef> argRefs(args.begin(), args.end());
  std::optional<StringRef> redirects[3] = {std::nullopt, logPath, logPath};
  bool failed = false;
  r.code = sys::ExecuteAndWait(program, argRefs, std::nullopt, redirects,
                               seconds, /*MemoryLimit=*/0, &r.errMsg, &failed);
  if (failed && r.errMsg.empty())
    r.errMsg = "cannot execute '" + program + "'";
  return r;
}

/// Prints why a step failed: what happened, the log tail and the command.
void reportStepFailure(StringRef step, const RunResult &r, StringRef logPath,
                       const std::vector<std::string> &args) {
  errs() << "mote-check: " << step << " failed";
  if (!r.errMsg.empty())
    errs() << ": " << r.errMsg;
  else
    errs() << " (exit code " << r.code << ")";
  errs() << "\n";
  std::string tail = tailOfFile(logPath);
  if (!tail.empty())
    errs() << tail << "\n";
  errs() << "mote-check: command: " << commandLine(args) << "\n";
}

bool writeFile(StringRef path, StringRef contents, std::string &err) {
  std::error_code ec;
  raw_fd_ostream os(path, ec, sys::fs::OF_None);
  if (ec) {
    err = path.str() + ": " + ec.message();
    return false;
  }
  os << contents;
  os.close();
  if (os.has_error()) {
    err = path.str() + ": " + os.error().message();
    os.clear_error();
    return false;
  }
  return true;
}

std::string joinPath(const Twine &a, const Twine &b) {
  SmallString<256> p;
  sys::path::append(p, a, b);
  return std::string(p.str());
}

/// The test_data_set_<N> directories of `dir`, sorted by N.
std::vector<std::pair<uint64_t, std::string>> findDataSets(StringRef dir, std::error_code &ec) {
  std::vector<std::pair<uint64_t, std::string>> sets;
  for (sys::fs::directory_iterator it(dir, ec), end; it != end && !ec; it.increment(ec)) {
    StringRef name = sys::path::filename(it->path());
    StringRef digits = name;
    uint64_t n = 0;
    if (!digits.consume_front("test_data_set_") || digits.empty() || digits.getAsInteger(10, n))
      continue;
    if (sys::fs::is_directory(it->path()))
      sets.emplace_back(n, name.str());
  }
  std::sort(sets.begin(), sets.end());
  return sets;
}

//===----------------------------------------------------------------------===//
// Tensors and comparison
//===----------------------------------------------------------------------===//

struct Tensor {
  std::string name;
  int32_t dtype = 0;
  std::vector<int64_t> dims;
  std::vector<double> values;
};

/// The value of an 8-bit or 4-bit float code of ONNX type `dtype`.
double minifloatValue(int dtype, unsigned code) {
  struct Format { int ebits, mbits, bias; bool fnuz, fn, ieee; };
  Format f = dtype == 17   ? Format{4, 3, 7, false, true, false}
             : dtype == 18 ? Format{4, 3, 8, true, false, false}
             : dtype == 19 ? Format{5, 2, 15, false, false, true}
             : dtype == 20 ? Format{5, 2, 16, true, false, false}
                           : Format{2, 1, 1, false, false, false}; // FLOAT4E2M1
  unsigned top = 1u << (f.ebits + f.mbits), emax = (1u << f.ebits) - 1,
           mmax = (1u << f.mbits) - 1;
  unsigned e = (code >> f.mbits) & emax, m = code & mmax;
  bool negative = code & top;
  if ((f.fnuz && code == top) || (f.fn && e == emax && m == mmax) || (f.ieee && e == emax && m))
    return NAN;
  if (f.ieee && e == emax)
    return negative ? -INFINITY : INFINITY;
  double v = e == 0 ? std::ldexp((double)m, 1 - f.bias - f.mbits)
                    : std::ldexp((double)(m + mmax + 1), (int)e - f.bias - f.mbits);
  return negative ? -v : v;
}

bool loadTensor(StringRef path, Tensor &t, std::string &err) {
  ErrorOr<std::unique_ptr<MemoryBuffer>> buf = MemoryBuffer::getFile(path);
  if (!buf) {
    err = buf.getError().message();
    return false;
  }
  onnx::TensorProto tp;
  StringRef bytes = (*buf)->getBuffer();
  if (bytes.size() > static_cast<size_t>(INT32_MAX) ||
      !tp.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    err = "not a valid TensorProto";
    return false;
  }
  if (tp.data_location() == onnx::TensorProto::EXTERNAL) {
    err = "external data is not supported";
    return false;
  }
  t.name = tp.name();
  t.dtype = tp.data_type();
  t.dims.assign(tp.dims().begin(), tp.dims().end());
  uint64_t count = 1;
  for (int64_t d : t.dims)
    count *= static_cast<uint64_t>(d < 0 ? 0 : d);

  const std::string &raw = tp.raw_data();
  const bool hasRaw = tp.has_raw_data();
  // 4-bit and 2-bit types: packed low bits first in raw_data or int32_data.
  auto unpackSubByte = [&]() {
    unsigned bits = (t.dtype == 25 || t.dtype == 26) ? 2 : 4, perByte = 8 / bits;
    std::string packed = raw;
    if (!hasRaw)
      for (int32_t v : tp.int32_data())
        packed.push_back(static_cast<char>(v));
    if (packed.size() != (count + perByte - 1) / perByte) {
      err = "packed data has " + std::to_string(packed.size()) + " bytes for " +
            std::to_string(count) + " elements";
      return false;
    }
    for (uint64_t i = 0; i < count; ++i) {
      unsigned v = (static_cast<uint8_t>(packed[i / perByte]) >> ((i % perByte) * bits)) &
                   ((1u << bits) - 1);
      bool isSigned = t.dtype == 22 || t.dtype == 26;
      if (t.dtype == 23)
        t.values.push_back(minifloatValue(23, v));
      else
        t.values.push_back(isSigned && (v >> (bits - 1)) ? (double)v - (1 << bits) : (double)v);
    }
    return true;
  };
  auto fromRaw = [&](size_t size, auto convert) {
    if (raw.size() != count * size) {
      err = "raw_data has " + std::to_string(raw.size()) + " bytes, expected " +
            std::to_string(count * size);
      return false;
    }
    t.values.resize(count);
    for (uint64_t i = 0; i < count; ++i) {
      uint64_t bits = 0;
      for (size_t b = 0; b < size; ++b)
        bits |= static_cast<uint64_t>(static_cast<uint8_t>(raw[i * size + b])) << (8 * b);
      t.values[i] = convert(bits);
    }
    return true;
  };
  auto fromField = [&](const auto &field) {
    t.values.assign(field.begin(), field.end());
    return true;
  };
  auto asFloat = [](uint64_t bits) {
    uint32_t u = static_cast<uint32_t>(bits);
    float f;
    std::memcpy(&f, &u, 4);
    return static_cast<double>(f);
  };
  auto asDouble = [](uint64_t bits) {
    double d;
    std::memcpy(&d, &bits, 8);
    return d;
  };
  auto signExtend = [](unsigned width) {
    return [width](uint64_t bits) {
      return static_cast<double>(static_cast<int64_t>(bits << (64 - width)) >> (64 - width));
    };
  };
  auto asUnsigned = [](uint64_t bits) { return static_cast<double>(bits); };
  // 16-bit floats: exact in a double, from their bits.
  auto asHalf = [](uint64_t bits) {
    int exponent = (bits >> 10) & 0x1f;
    double mantissa = static_cast<double>(bits & 0x3ff);
    double magnitude = exponent == 0    ? std::ldexp(mantissa, -24)
                       : exponent == 31 ? (mantissa ? NAN : INFINITY)
                                        : std::ldexp(1024 + mantissa, exponent - 25);
    return (bits & 0x8000) ? -magnitude : magnitude;
  };
  auto asBFloat16 = [&](uint64_t bits) { return asFloat(bits << 16); };
  auto fromBitsField = [&](const auto &field, auto convert) {
    for (auto v : field)
      t.values.push_back(convert(static_cast<uint64_t>(static_cast<uint32_t>(v))));
    return true;
  };

  bool ok;
  switch (t.dtype) {
  case onnx::TensorProto::FLOAT:
    ok = hasRaw ? fromRaw(4, asFloat) : fromField(tp.float_data());
    break;
  case onnx::TensorProto::DOUBLE:
    ok = hasRaw ? fromRaw(8, asDouble) : fromField(tp.double_data());
    break;
  case onnx::TensorProto::INT64:
    ok = hasRaw ? fromRaw(8, signExtend(64)) : fromField(tp.int64_data());
    break;
  case onnx::TensorProto::INT32:
    ok = hasRaw ? fromRaw(4, signExtend(32)) : fromField(tp.int32_data());
    break;
  case onnx::TensorProto::INT16:
    ok = hasRaw ? fromRaw(2, signExtend(16)) : fromField(tp.int32_data());
    break;
  case onnx::TensorProto::INT8:
    ok = hasRaw ? fromRaw(1, signExtend(8)) : fromField(tp.int32_data());
    break;
  case onnx::TensorProto::UINT16:
    ok = hasRaw ? fromRaw(2, asUnsigned) : fromField(tp.int32_data());
    break;
  case onnx::TensorProto::UINT8:
  case onnx::TensorProto::BOOL:
    ok = hasRaw ? fromRaw(1, asUnsigned) : fromField(tp.int32_data());
    break;
  case onnx::TensorProto::UINT32:
    ok = hasRaw ? fromRaw(4, asUnsigned) : fromField(tp.uint64_data());
    break;
  case onnx::TensorProto::UINT64:
    ok = hasRaw ? fromRaw(8, asUnsigned) : fromField(tp.uint64_data());
    break;
  case onnx::TensorProto::FLOAT16:
    ok = hasRaw ? fromRaw(2, asHalf) : fromBitsField(tp.int32_data(), asHalf);
    break;
  case 17: // FLOAT8E4M3FN .. FLOAT8E5M2FNUZ: newer than this onnx package's enum
  case 18:
  case 19:
  case 20: {
    auto decode = [&](uint64_t bits) { return minifloatValue(t.dtype, (unsigned)bits); };
    ok = hasRaw ? fromRaw(1, decode) : fromBitsField(tp.int32_data(), decode);
    break;
  }
  case 21: // UINT4, INT4, FLOAT4E2M1, UINT2, INT2: packed, low bits first
  case 22:
  case 23:
  case 25:
  case 26:
    ok = unpackSubByte();
    break;
  case onnx::TensorProto::BFLOAT16:
    ok = hasRaw ? fromRaw(2, asBFloat16) : fromBitsField(tp.int32_data(), asBFloat16);
    break;
  default:
    err = "unsupported data_type " + std::to_string(t.dtype);
    return false;
  }
  if (!ok)
    return false;
  if (t.values.size() != count) {
    err = "holds " + std::to_string(t.values.size()) + " values but its dims say " +
          std::to_string(count);
    return false;
  }
  return true;
}

std::string formatDims(const std::vector<int64_t> &dims) {
  std::string s = "[";
  for (size_t i = 0; i < dims.size(); ++i)
    s += (i ? "," : "") + std::to_string(dims[i]);
  return s + "]";
}

std::string formatValue(double v) {
  if (std::isnan(v))
    return "nan"; // not "-nan"
  std::string s;
  raw_string_ostream os(s);
  os << format("%.8g", v);
  return os.str();
}

struct Comparison {
  bool match = true;
  std::string problem; ///< for a mismatch: what differs (after "output I 'name': ")
  double maxAbsErr = 0;
};

/// numpy.allclose(actual, expected, rtol, atol, equal_nan=True) plus a shape check.
Comparison compareTensors(const Tensor &actual, const Tensor &expected) {
  Comparison c;
  if (actual.dims != expected.dims) {
    c.match = false;
    c.problem = "shape mismatch: got " + formatDims(actual.dims) + " (" +
                std::to_string(actual.values.size()) + " elements) expected " +
                formatDims(expected.dims) + " (" + std::to_string(expected.values.size()) +
                " elements)";
    return c;
  }
  if (actual.dtype != expected.dtype) {
    c.match = false;
    c.problem =
        "data_type " + std::to_string(actual.dtype) + " expected " + std::to_string(expected.dtype);
    return c;
  }
  size_t bad = 0, worst = 0;
  double worstErr = -1;
  for (size_t i = 0; i < expected.values.size(); ++i) {
    const double a = actual.values[i], e = expected.values[i];
    if (a == e || (std::isnan(a) && std::isnan(e)))
      continue;                          // also covers equal infinities
    const double err = std::fabs(a - e); // NaN or inf when only one side is
    if (!std::isnan(err) && !std::isinf(err))
      c.maxAbsErr = std::max(c.maxAbsErr, err);
    if (err <= atol + rtol * std::fabs(e))
      continue;
    ++bad;
    const double rank = std::isnan(err) ? HUGE_VAL : err;
    if (rank > worstErr) {
      worstErr = rank;
      worst = i;
    }
  }
  if (bad) {
    c.match = false;
    c.problem = std::to_string(bad) + "/" + std::to_string(expected.values.size()) +
                " elements differ; worst [" + std::to_string(worst) + "] got " +
                formatValue(actual.values[worst]) + " expected " +
                formatValue(expected.values[worst]);
  }
  return c;
}

/// Compares every expected output_I.pb of one data set with the actual outputs and
/// prints the data set's line. Returns false on a mismatch.
bool checkDataSet(StringRef setName, StringRef expectedDir, StringRef actualDir) {
  std::string firstProblem;
  unsigned mismatches = 0, outputs = 0;
  double maxAbsErr = 0;
  for (unsigned i = 0;; ++i) {
    std::string file = "output_" + std::to_string(i) + ".pb";
    std::string expectedPath = joinPath(expectedDir, file);
    if (!sys::fs::exists(expectedPath))
      break;
    ++outputs;
    Tensor expected, actual;
    std::string err, problem;
    if (!loadTensor(expectedPath, expected, err)) {
      problem = "cannot read expected " + expectedPath + ": " + err;
    } else if (!loadTensor(joinPath(actualDir, file), actual, err)) {
      problem = "cannot read actual " + file + ": " + err;
    } else {
      Comparison c = compareTensors(actual, expected);
      maxAbsErr = std::max(maxAbsErr, c.maxAbsErr);
      if (!c.match)
        problem = c.problem;
    }
    if (problem.empty())
      continue;
    if (mismatches++ == 0) {
      const std::string &name = expected.name.empty() ? actual.name : expected.name;
      firstProblem = "output " + std::to_string(i) + " '" + name + "': " + problem;
    }
  }
  outs() << setName << ": ";
  if (outputs == 0) {
    outs() << "MISMATCH no expected output_0.pb in " << expectedDir << "\n";
    return false;
  }
  if (mismatches == 0) {
    outs() << "ok (max abs err " << format("%.2g", maxAbsErr) << ")\n";
    return true;
  }
  outs() << "MISMATCH " << firstProblem;
  if (mismatches > 1)
    outs() << "; " << (mismatches - 1) << " more output" << (mismatches > 2 ? "s" : "") << " differ"
           << (mismatches > 2 ? "" : "s");
  outs() << "\n";
  return false;
}

/// Copies the actual output_*.pb files of one data set to `toDir`.
bool dumpSetOutputs(StringRef fromDir, StringRef toDir, std::string &err) {
  if (std::error_code ec = sys::fs::create_directories(toDir)) {
    err = toDir.str() + ": " + ec.message();
    return false;
  }
  std::error_code ec;
  for (sys::fs::directory_iterator it(fromDir, ec), end; it != end && !ec; it.increment(ec)) {
    StringRef name = sys::path::filename(it->path());
    if (!name.starts_with("output_") || !name.ends_with(".pb"))
      continue;
    if (std::error_code cec = sys::fs::copy_file(it->path(), joinPath(toDir, name))) {
      err = joinPath(toDir, name) + ": " + cec.message();
      return false;
    }
  }
  if (ec) {
    err = fromDir.str() + ": " + ec.message();
    return false;
  }
  return true;
}

/// The .cpp files directly in `dir`, each with the identity (device and
/// inode) of the file behind its name.
std::map<std::string, sys::fs::UniqueID> cppFilesIn(StringRef dir) {
  std::map<std::string, sys::fs::UniqueID> files;
  std::error_code ec;
  for (sys::fs::directory_iterator it(dir, ec), end; it != end && !ec; it.increment(ec)) {
    sys::fs::UniqueID id;
    if (sys::path::extension(it->path()) == ".cpp" && !sys::fs::getUniqueID(it->path(), id))
      files.emplace(it->path(), id);
  }
  return files;
}

/// The sources motec wrote into `dir` (the model's, and any other such as
/// its --weights-file), given the .cpp files there before it ran. motec
/// renames every finished output into place, so each file it wrote has a new
/// identity, also where it replaced a stale one of a kept work directory.
std::vector<std::string> sourcesWrittenSince(const std::map<std::string, sys::fs::UniqueID> &before,
                                             StringRef dir) {
  std::vector<std::string> written;
  for (const auto &[path, id] : cppFilesIn(dir)) {
    auto old = before.find(path);
    if (old == before.end() || old->second != id)
      written.push_back(path);
  }
  return written;
}

/// Removes a temporary work directory when it goes out of scope.
struct TempDirGuard {
  std::string path;
  ~TempDirGuard() {
    if (!path.empty())
      sys::fs::remove_directories(path);
  }
};

/// Writes the harness and the target's support files into `work`.
bool writeSupportFiles(const TargetConfig &target, StringRef work, std::string &err) {
  if (!writeFile(joinPath(work, "harness.cpp"),
                 StringRef(kHarnessSource, sizeof(kHarnessSource) - 1), err))
    return false;
  for (const std::string &name : target.extraFiles)
    if (!writeFile(joinPath(work, name), baremetalFile(name), err))
      return false;
  return true;
}

/// The command that builds the model's sources with the harness into `binary`.
std::vector<std::string> buildCommand(const TargetConfig &target, StringRef work,
                                      const std::vector<std::string> &modelSources,
                                      StringRef binary) {
  std::vector<std::string> cmd = target.cxx;
  cmd.push_back("-std=c++17");
  cmd.push_back("-O" + StringRef(optLevel).ltrim('=').str()); // -O2, -O 2, -O=2
  for (const char *flag : {"-fno-exceptions", "-fno-rtti", "-Wall", "-Wextra", "-Werror"})
    cmd.push_back(flag);
  cmd.insert(cmd.end(), target.cxxFlags.begin(), target.cxxFlags.end());
  cmd.push_back("-I");
  cmd.push_back(work.str());
  cmd.insert(cmd.end(), modelSources.begin(), modelSources.end());
  cmd.push_back(joinPath(work, "harness.cpp"));
  for (const std::string &source : target.extraSources)
    cmd.push_back(joinPath(work, source));
  for (const std::string &arg : {std::string("-o"), binary.str(), std::string("-lm")})
    cmd.push_back(arg);
  cmd.insert(cmd.end(), target.linkFlags.begin(), target.linkFlags.end());
  // -T finds the script, and the script its INCLUDEs, through -L.
  if (!target.linkerScript.empty())
    for (const std::string &arg : {std::string("-L"), work.str(), std::string("-T"),
                                   target.linkerScript})
      cmd.push_back(arg);
  return cmd;
}

int anchor; // address for getMainExecutable

//===----------------------------------------------------------------------===//
// Inputs frozen at compile time
//===----------------------------------------------------------------------===//

/// A static memory plan needs shapes, axes and pads at compile time; when a
/// test feeds them as graph inputs, motec says so ("--freeze-input NAME=").
/// Such an input is frozen to its recorded value if every data set holds the
/// same value, and the model is compiled again.
struct FrozenInput {
  std::string name;
  size_t index; ///< position among the graph inputs (input_<index>.pb)
};

std::vector<std::string> inputsMotecNeeds(StringRef log) {
  std::vector<std::string> names;
  StringRef text = log;
  const StringRef marker = "--freeze-input ";
  for (size_t at = text.find(marker); at != StringRef::npos; at = text.find(marker, at + 1)) {
    StringRef name = text.substr(at + marker.size()).split('=').first;
    if (!name.empty() && std::find(names.begin(), names.end(), name.str()) == names.end())
      names.push_back(name.str());
  }
  return names;
}

/// The names of the graph inputs that are not initializers, in order.
std::vector<std::string> graphInputNames(StringRef modelPath) {
  std::vector<std::string> names;
  auto buffer = MemoryBuffer::getFile(modelPath);
  onnx::ModelProto model;
  if (!buffer || !model.ParseFromArray((*buffer)->getBufferStart(),
                                       (int)(*buffer)->getBufferSize()))
    return names;
  std::set<std::string> initializers;
  for (const auto &t : model.graph().initializer())
    initializers.insert(t.name());
  for (const auto &input : model.graph().input())
    if (!initializers.count(input.name()))
      names.push_back(input.name());
  return names;
}

/// The inputs to freeze, or an empty list (with `why`) if one differs
/// between data sets or is unknown.
std::vector<FrozenInput> inputsToFreeze(StringRef modelPath, StringRef caseDir,
                                        const std::vector<std::pair<uint64_t, std::string>> &sets,
                                        const std::vector<std::string> &wanted, std::string &why) {
  std::vector<std::string> inputs = graphInputNames(modelPath);
  std::vector<FrozenInput> frozen;
  for (const std::string &name : wanted) {
    auto it = std::find(inputs.begin(), inputs.end(), name);
    if (it == inputs.end()) {
      why = "input '" + name + "' is not a graph input";
      return {};
    }
    size_t index = it - inputs.begin();
    std::string file = "input_" + std::to_string(index) + ".pb", first;
    for (const auto &set : sets) {
      auto data = MemoryBuffer::getFile(joinPath(joinPath(caseDir, set.second), file));
      if (!data) {
        why = set.second + "/" + file + " is missing";
        return {};
      }
      std::string bytes = (*data)->getBuffer().str();
      if (&set != &sets.front() && bytes != first) {
        why = "input '" + name + "' differs between data sets";
        return {};
      }
      first = bytes;
    }
    frozen.push_back({name, index});
  }
  return frozen;
}

/// A data set's inputs without the frozen ones, renumbered for the harness.
bool copyUnfrozenInputs(StringRef fromDir, StringRef toDir, size_t inputCount,
                        const std::vector<FrozenInput> &frozen, std::string &err) {
  if (std::error_code ec = sys::fs::create_directories(toDir)) {
    err = toDir.str() + ": " + ec.message();
    return false;
  }
  size_t next = 0;
  for (size_t i = 0; i < inputCount; ++i) {
    if (std::any_of(frozen.begin(), frozen.end(),
                    [&](const FrozenInput &f) { return f.index == i; }))
      continue;
    std::string name = "input_" + std::to_string(i) + ".pb";
    std::string renamed = "input_" + std::to_string(next++) + ".pb";
    if (std::error_code ec = sys::fs::copy_file(joinPath(fromDir, name), joinPath(toDir, renamed))) {
      err = joinPath(fromDir, name) + ": " + ec.message();
      return false;
    }
  }
  return true;
}

int run(const char *argv0) {
  // --- the case directory ---
  std::string modelPath = joinPath(caseDir, "model.onnx");
  if (!sys::fs::is_directory(caseDir) || !sys::fs::exists(modelPath)) {
    errs() << "mote-check: " << caseDir << ": not a test case directory (no model.onnx)\n";
    return ExitError;
  }
  std::error_code ec;
  std::vector<std::pair<uint64_t, std::string>> sets = findDataSets(caseDir, ec);
  if (ec) {
    errs() << "mote-check: " << caseDir << ": " << ec.message() << "\n";
    return ExitError;
  }
  if (sets.empty()) {
    errs() << "mote-check: " << caseDir << ": no test_data_set_* directories\n";
    return ExitError;
  }

  TargetConfig target;
  std::string err;
  if (!getTargetConfig(targetOpt, target, err)) {
    errs() << "mote-check: " << err << "\n";
    return ExitError;
  }
  if (!target.skipReason.empty()) {
    outs() << "mote-check: skipped: " << target.skipReason << "\n";
    return ExitSkipped;
  }

  std::string motec = motecOpt;
  if (motec.empty()) {
    SmallString<256> self(sys::fs::getMainExecutable(argv0, &anchor));
    sys::path::remove_filename(self);
    motec = joinPath(self, "motec");
  }
  if (!sys::fs::can_execute(motec)) {
    errs() << "mote-check: cannot execute motec at '" << motec << "' (use --motec PATH)\n";
    return ExitError;
  }

  // --- the work directory ---
  TempDirGuard tempGuard;
  std::string work;
  if (!keepWork.empty()) {
    work = keepWork;
    if ((ec = sys::fs::create_directories(work))) {
      errs() << "mote-check: " << work << ": " << ec.message() << "\n";
      return ExitError;
    }
  } else {
    SmallString<256> tmp;
    if ((ec = sys::fs::createUniqueDirectory("mote-check", tmp))) {
      errs() << "mote-check: cannot create a temporary directory: " << ec.message() << "\n";
      return ExitError;
    }
    work = std::string(tmp.str());
    tempGuard.path = work;
  }
  const std::string workNote =
      keepWork.empty()
          ? "mote-check: work directory removed (rerun with --keep-work DIR to inspect)\n"
          : "mote-check: work directory " + work + "\n";

  // --- motec ---
  std::vector<std::string> motecCmd = {motec,    modelPath, "-o",       joinPath(work, "model.cpp"),
                                       "--name", "model",   "--target", targetOpt};
  motecCmd.insert(motecCmd.end(), motecArgs.begin(), motecArgs.end());
  std::string motecLog = joinPath(work, "motec.log");
  std::map<std::string, sys::fs::UniqueID> sourcesBefore = cppFilesIn(work);
  RunResult r = runProgram(motecCmd, motecLog);
  std::vector<FrozenInput> frozen;
  if (r.code == 1) {
    std::vector<std::string> wanted = inputsMotecNeeds(tailOfFile(motecLog, 1000));
    std::string why;
    if (!wanted.empty())
      frozen = inputsToFreeze(modelPath, caseDir, sets, wanted, why);
    if (!why.empty())
      outs() << "mote-check: cannot freeze the inputs motec needs: " << why << "\n";
    for (const FrozenInput &f : frozen) {
      outs() << "mote-check: froze input '" << f.name
             << "' to its recorded value (motec needs it at compile time)\n";
      motecCmd.push_back("--freeze-input");
      motecCmd.push_back(f.name + "=" +
                         joinPath(joinPath(caseDir, sets.front().second),
                                  "input_" + std::to_string(f.index) + ".pb"));
    }
    if (!frozen.empty())
      r = runProgram(motecCmd, motecLog);
  }
  if (r.code != 0) {
    reportStepFailure("motec", r, motecLog, motecCmd);
    errs() << workNote;
    return ExitError;
  }
  std::vector<std::string> modelSources = sourcesWrittenSince(sourcesBefore, work);

  // --- build ---
  if (!writeSupportFiles(target, work, err)) {
    errs() << "mote-check: " << err << "\n";
    return ExitError;
  }
  const std::string runBinary = joinPath(work, "run");
  std::vector<std::string> buildCmd = buildCommand(target, work, modelSources, runBinary);
  std::string buildLog = joinPath(work, "build.log");
  r = runProgram(buildCmd, buildLog);
  if (r.code != 0) {
    reportStepFailure("compiling the model", r, buildLog, buildCmd);
    errs() << workNote;
    return ExitError;
  }

  // --- run and compare ---
  int status = ExitOk;
  for (const auto &set : sets) {
    const std::string &setName = set.second;
    std::string setDir = joinPath(caseDir, setName);
    std::string outDir = joinPath(joinPath(work, "out"), setName);
    std::string runLog = joinPath(work, "run-" + setName + ".log");
    sys::fs::remove_directories(outDir); // no stale outputs from a kept work dir
    if ((ec = sys::fs::create_directories(outDir))) {
      errs() << "mote-check: " << outDir << ": " << ec.message() << "\n";
      return ExitError;
    }
    std::string inDir = setDir;
    if (!frozen.empty()) {
      inDir = joinPath(joinPath(work, "in"), setName);
      if (!copyUnfrozenInputs(setDir, inDir, graphInputNames(modelPath).size(), frozen, err)) {
        errs() << "mote-check: " << err << "\n";
        return ExitError;
      }
    }
    std::vector<std::string> runCmd;
    if (!runCommand(target, {runBinary, inDir, outDir}, runCmd, err)) {
      errs() << "mote-check: " << err << "\n";
      return ExitError;
    }
    r = runProgram(runCmd, runLog, timeoutOpt);
    if (r.code != 0) {
      std::string why = !r.errMsg.empty() ? r.errMsg : "exit code " + std::to_string(r.code);
      std::string tail = failureLine(runLog);
      outs() << setName << ": RUN FAILED (" << why << ")" << (tail.empty() ? "" : ": ") << tail
             << "\n";
      outs().flush();
      reportStepFailure("running the model", r, runLog, runCmd);
      status = ExitError;
      continue;
    }
    if (!checkDataSet(setName, setDir, outDir) && status == ExitOk)
      status = ExitMismatch;
    outs().flush();
    if (!dumpOutputs.empty() && !dumpSetOutputs(outDir, joinPath(dumpOutputs, setName), err)) {
      errs() << "mote-check: --dump-outputs: " << err << "\n";
      status = ExitError;
    }
  }
  if (status != ExitOk)
    errs() << workNote;
  return status;
}

} // namespace

int main(int argc, char **argv) {
  InitLLVM init(argc, argv);
  GOOGLE_PROTOBUF_VERIFY_VERSION;
  cl::HideUnrelatedOptions(checkCategory);
  cl::SetVersionPrinter([](raw_ostream &os) {
    os << "mote-check (Mote model compiler) " << MOTE_VERSION << "\n";
  });
  // Usage errors exit with 2 (not llvm::cl's default 1, which means "mismatch" here).
  if (!cl::ParseCommandLineOptions(
          argc, argv,
          "mote-check: compile an ONNX backend test case with motec, run it on every\n"
          "test_data_set_* and compare the outputs.\n"
          "Exit codes: 0 all outputs match, 1 some output differs, 2 could not compile/run,\n"
          "77 skipped (this machine cannot run the target's code).\n",
          &errs()))
    return ExitError;
  int status = run(argv[0]);
  outs().flush();
  return status;
}
