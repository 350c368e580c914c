//===- DeviceProfile.cpp - reading device profiles ------------------------===//
#include "compiler/DeviceProfile.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/TargetParser/Host.h"

#include <unistd.h>

using namespace llvm;

namespace mote {
namespace {

// The built-in profiles: kProfileFiles[] = {{"cortex-m4.json", "{...}"}, ...},
// generated from compiler/profiles/*.json.
#include "compiler/DeviceProfiles.inc"

/// A profile file larger than this is not a profile.
constexpr size_t kMaxProfileBytes = 1 << 20;
/// Nor is one nested deeper than this (a profile nests 3 levels); LLVM's
/// JSON parser recurses once per level and would run out of stack first.
constexpr int kMaxNesting = 32;

/// The order of --list-targets: portable, then the hosts, then by ISA.
constexpr StringRef kBuiltinOrder[] = {
    "generic",   "host",       "x86-64-avx2", "x86-64-avx512", "aarch64-neon",
    "cortex-m4", "cortex-m7", "cortex-m33",  "cortex-m55",    "riscv64-rvv"};

/// The features a profile may name, per ISA. They are the names LLVM's
/// host detection uses, except where noted, so the host profile's features
/// compare with the others.
struct ISAInfo {
  StringRef isa;
  SmallVector<StringRef> features;
};
const ISAInfo kISAs[] = {
    {"portable", {}},
    {"x86-64",
     {"sse4.2", "avx", "avx2", "fma", "f16c", "avx512f", "avx512bw", "avx512cd",
      "avx512dq", "avx512vl", "avx512vnni"}},
    // "fp16" is LLVM's "fullfp16".
    {"aarch64", {"neon", "fp16", "dotprod", "i8mm", "sve", "sve2"}},
    // Cortex-M: the DSP extension and the FPU's precisions.
    {"armv7e-m", {"dsp", "fp32", "fp64"}},
    {"armv8-m.main", {"dsp", "fp32", "fp64"}},
    {"armv8.1-m.main", {"dsp", "fp32", "fp64", "mve", "mve.fp"}},
    {"riscv64", {"v", "zfh", "zvfh"}},
};

const ISAInfo *findISA(StringRef isa) {
  for (const ISAInfo &info : kISAs)
    if (info.isa == isa)
      return &info;
  return nullptr;
}

std::string joinNames(ArrayRef<StringRef> names) {
  return names.empty() ? "none" : join(names, ", ");
}

/// Text that goes into generated comments and command lines as it is:
/// printable ASCII, no newline.
bool isPrintableLine(StringRef text) {
  return all_of(text, [](char c) { return isPrint(c); });
}

//===----------------------------------------------------------------------===//
// Reading JSON fields with errors that name the field
//===----------------------------------------------------------------------===//

/// Reads the fields of one JSON object. The first problem is kept in `error`
/// as "FIELD.PATH: what is wrong"; after it, every read does nothing. Fields
/// that were never asked for are errors too (see `finish`), so that a typo is
/// reported instead of silently ignored.
class FieldReader {
public:
  FieldReader(const json::Object &object, std::string path,
              std::optional<std::string> &error)
      : fields(object), path(std::move(path)), error(error) {}

  void string(StringRef key, std::string &out, bool required = true) {
    const json::Value *value = lookup(key, required);
    if (!value)
      return;
    std::optional<StringRef> text = value->getAsString();
    if (!text)
      return fail(key, "expected a string");
    if (!isPrintableLine(*text))
      return fail(key, "must be printable characters on one line");
    if (required && text->empty())
      return fail(key, "must not be empty");
    out = text->str();
  }

  void stringList(StringRef key, std::vector<std::string> &out,
                  bool required = true) {
    const json::Value *value = lookup(key, required);
    if (!value)
      return;
    const json::Array *array = value->getAsArray();
    if (!array)
      return fail(key, "expected an array of strings");
    for (auto [i, element] : enumerate(*array)) {
      std::optional<StringRef> text = element.getAsString();
      std::string field = key.str() + "[" + std::to_string(i) + "]";
      if (!text)
        return fail(field, "expected a string");
      if (text->empty() || !isPrintableLine(*text))
        return fail(field, "must be printable characters on one line");
      out.push_back(text->str());
    }
  }

  /// A count of bytes or bits: a non-negative integer, or a positive one.
  void integer(StringRef key, std::optional<int64_t> &out, bool positive) {
    const json::Value *value = lookup(key, /*required=*/false);
    if (!value)
      return;
    std::optional<int64_t> n = value->getAsInteger();
    if (!n || *n < (positive ? 1 : 0))
      return fail(key, positive ? "expected a positive integer"
                                : "expected a non-negative integer");
    out = n;
  }
  void integer(StringRef key, int64_t &out) {
    std::optional<int64_t> n;
    integer(key, n, /*positive=*/false);
    if (n)
      out = *n;
  }

  const json::Object *object(StringRef key) {
    const json::Value *value = lookup(key, /*required=*/true);
    if (!value)
      return nullptr;
    if (const json::Object *nested = value->getAsObject())
      return nested;
    fail(key, "expected an object");
    return nullptr;
  }

  /// Reports the first field that no read asked for.
  void finish() {
    if (error)
      return;
    SmallVector<StringRef> unknown;
    for (const auto &entry : fields) {
      StringRef key = entry.first; // ObjectKey::str() would be a copy
      if (!is_contained(known, key))
        unknown.push_back(key);
    }
    if (unknown.empty())
      return;
    llvm::sort(unknown);
    fail(unknown.front(), "unknown field (known here: " + joinNames(known) + ")");
  }

  /// Reports `message` about `key`, unless a problem was reported already.
  void fail(StringRef key, const Twine &message) {
    if (!error)
      error = qualified(key) + ": " + message.str();
  }
  std::string qualified(StringRef key) const {
    return path.empty() ? key.str() : path + "." + key.str();
  }

private:
  const json::Value *lookup(StringRef key, bool required) {
    known.push_back(key);
    if (error)
      return nullptr;
    const json::Value *value = fields.get(key);
    if (!value && required)
      fail(key, "missing");
    return value;
  }

  const json::Object &fields;
  std::string path;
  std::optional<std::string> &error;
  SmallVector<StringRef> known;
};

//===----------------------------------------------------------------------===//
// The profile's sections
//===----------------------------------------------------------------------===//

void readIdentity(FieldReader &reader, DeviceProfile &profile) {
  reader.string("name", profile.name);
  if (!profile.name.empty() &&
      (profile.name.size() > 64 || !all_of(profile.name, [](char c) {
         return isAlnum(c) || c == '-' || c == '_' || c == '.';
       })))
    reader.fail("name", "must be 1 to 64 letters, digits, '-', '_' or '.'");
  reader.string("description", profile.description);
}

void readISA(FieldReader &reader, DeviceProfile &profile) {
  reader.string("isa", profile.isa);
  reader.stringList("features", profile.features);
  std::optional<int64_t> bits;
  reader.integer("vector_bits", bits, /*positive=*/false);
  if (bits && (*bits > 65536 || (*bits & (*bits - 1))))
    reader.fail("vector_bits", "must be 0 or a power of two up to 65536");
  profile.vectorBits = bits.value_or(0);
  if (profile.isa.empty())
    return;
  // "native" is the host profile's: ISA and features are detected.
  if (profile.isa == "native") {
    if (!profile.features.empty())
      reader.fail("features", "must be empty for isa 'native' (they are detected)");
    if (bits)
      reader.fail("vector_bits", "must be left out for isa 'native' (it is detected)");
    return;
  }
  const ISAInfo *info = findISA(profile.isa);
  if (!info) {
    SmallVector<StringRef> names;
    for (const ISAInfo &known : kISAs)
      names.push_back(known.isa);
    names.push_back("native");
    return reader.fail("isa", "unknown ISA '" + profile.isa + "' (known: " +
                                  joinNames(names) + ")");
  }
  for (auto [i, feature] : enumerate(profile.features)) {
    std::string field = "features[" + std::to_string(i) + "]";
    if (!is_contained(info->features, feature))
      return reader.fail(field, "unknown feature '" + feature + "' for isa '" +
                                    profile.isa + "' (known: " +
                                    joinNames(info->features) + ")");
    if (is_contained(ArrayRef(profile.features).take_front(i), feature))
      return reader.fail(field, "feature '" + feature + "' is listed twice");
  }
}

void readLayout(FieldReader &reader, DeviceProfile &profile) {
  std::string layout;
  reader.string("layout", layout);
  if (layout == "NCHW")
    profile.layout = DataLayout::NCHW;
  else if (layout == "NHWC")
    profile.layout = DataLayout::NHWC;
  else if (!layout.empty())
    reader.fail("layout", "expected \"NCHW\" or \"NHWC\", got \"" + layout + "\"");
}

void readMemory(FieldReader &parent, DeviceMemory &memory,
                std::optional<std::string> &error) {
  const json::Object *object = parent.object("memory");
  if (!object)
    return;
  FieldReader reader(*object, "memory", error);
  reader.integer("ram_bytes", memory.ramBytes, /*positive=*/true);
  reader.integer("flash_bytes", memory.flashBytes, /*positive=*/true);
  reader.integer("l1d_bytes", memory.l1dBytes);
  reader.integer("l2_bytes", memory.l2Bytes);
  reader.integer("l3_bytes", memory.l3Bytes);
  reader.integer("sram_bytes", memory.sramBytes);
  reader.integer("itcm_bytes", memory.itcmBytes);
  reader.integer("dtcm_bytes", memory.dtcmBytes);
  reader.finish();
}

void readBuild(FieldReader &parent, DeviceBuild &build,
               std::optional<std::string> &error) {
  const json::Object *object = parent.object("build");
  if (!object)
    return;
  FieldReader reader(*object, "build", error);
  reader.string("cxx", build.cxx);
  if (any_of(build.cxx, isSpace))
    reader.fail("cxx", "must be one program (put its arguments in 'flags')");
  reader.stringList("flags", build.flags);
  reader.finish();
}

void readTest(FieldReader &parent, DeviceTest &test,
              std::optional<std::string> &error) {
  const json::Object *object = parent.object("test");
  if (!object)
    return;
  FieldReader reader(*object, "test", error);
  std::string run;
  reader.string("run", run);
  if (run == "bare-metal")
    test.run = RunKind::BareMetal;
  else if (run != "process" && !run.empty())
    reader.fail("run", "expected \"process\" or \"bare-metal\", got \"" + run + "\"");
  bool bareMetal = test.run == RunKind::BareMetal;
  reader.string("emulator", test.emulator, /*required=*/bareMetal);
  reader.string("cpu", test.cpu, /*required=*/false);
  reader.string("machine", test.machine, /*required=*/bareMetal);
  reader.string("board", test.board, /*required=*/bareMetal);
  reader.string("sysroot", test.sysroot, /*required=*/false);
  reader.stringList("link_flags", test.linkFlags, /*required=*/false);
  reader.finish();
}

/// True when the arrays and objects of `text` nest at most `kMaxNesting`
/// deep (brackets in strings do not count).
bool isShallowJSON(StringRef text) {
  int depth = 0;
  bool inString = false, escaped = false;
  for (char c : text) {
    if (inString) {
      if (escaped)
        escaped = false;
      else if (c == '\\')
        escaped = true;
      else if (c == '"')
        inString = false;
      continue;
    }
    inString = c == '"';
    if (c == '[' || c == '{')
      ++depth;
    else if (c == ']' || c == '}')
      --depth;
    if (depth > kMaxNesting)
      return false;
  }
  return true;
}

/// "[3:14, byte=40]: Expected , or }" → "3:14: invalid JSON: Expected , or }".
std::string describeJSONError(Error error) {
  std::string message = toString(std::move(error));
  StringRef text(message);
  if (text.consume_front("[")) {
    auto [position, rest] = text.split("]: ");
    return position.split(',').first.str() + ": invalid JSON: " + rest.str();
  }
  return " invalid JSON: " + message;
}

//===----------------------------------------------------------------------===//
// The host
//===----------------------------------------------------------------------===//

int64_t cacheBytes([[maybe_unused]] int level) {
#if defined(_SC_LEVEL1_DCACHE_SIZE) && defined(_SC_LEVEL2_CACHE_SIZE) &&        \
    defined(_SC_LEVEL3_CACHE_SIZE)
  int name = level == 1   ? _SC_LEVEL1_DCACHE_SIZE
             : level == 2 ? _SC_LEVEL2_CACHE_SIZE
                          : _SC_LEVEL3_CACHE_SIZE;
  long bytes = sysconf(name);
  return bytes > 0 ? bytes : 0;
#else
  return 0;
#endif
}

/// Fills in what "isa": "native" leaves to detection.
void completeHostProfile(DeviceProfile &profile) {
  profile.isa = hostISA().empty() ? "portable" : hostISA();
  profile.features = hostFeatures();
  if (profile.hasFeature("avx512f"))
    profile.vectorBits = 512;
  else if (profile.hasFeature("avx"))
    profile.vectorBits = 256;
  else if (profile.hasFeature("neon") || profile.hasFeature("v") ||
           profile.hasFeature("sse4.2"))
    profile.vectorBits = 128;
  DeviceMemory &memory = profile.memory;
  for (auto [level, bytes] :
       {std::pair{1, &memory.l1dBytes}, {2, &memory.l2Bytes}, {3, &memory.l3Bytes}})
    if (*bytes == 0)
      *bytes = cacheBytes(level);
}

} // namespace

//===----------------------------------------------------------------------===//
// Public interface
//===----------------------------------------------------------------------===//

bool DeviceProfile::hasFeature(StringRef feature) const {
  return is_contained(features, feature);
}

std::string DeviceProfile::buildCommand(StringRef sourceFile) const {
  std::string command = build.cxx + " -std=c++17 -O2";
  for (const std::string &flag : build.flags)
    command += " " + flag;
  return command + " -c " + sourceFile.str();
}

ArrayRef<StringRef> builtinProfileNames() { return kBuiltinOrder; }

Expected<DeviceProfile> parseDeviceProfile(StringRef text, StringRef source) {
  auto failure = [&](const Twine &message) {
    return createStringError(inconvertibleErrorCode(), source + ": " + message);
  };
  if (!isShallowJSON(text))
    return failure("nested more than " + Twine(kMaxNesting) + " levels deep");
  Expected<json::Value> parsed = json::parse(text);
  if (!parsed)
    return createStringError(inconvertibleErrorCode(),
                             source + ":" + describeJSONError(parsed.takeError()));
  const json::Object *root = parsed->getAsObject();
  if (!root)
    return failure("expected a JSON object at the top level");

  DeviceProfile profile;
  profile.source = source.str();
  std::optional<std::string> error;
  FieldReader reader(*root, "", error);
  readIdentity(reader, profile);
  readISA(reader, profile);
  readLayout(reader, profile);
  readMemory(reader, profile.memory, error);
  readBuild(reader, profile.build, error);
  readTest(reader, profile.test, error);
  reader.finish();
  if (error)
    return failure(*error);
  if (profile.isa == "native")
    completeHostProfile(profile);
  return profile;
}

Expected<DeviceProfile> loadDeviceProfile(StringRef nameOrPath) {
  bool isPath = nameOrPath.contains('/') || nameOrPath.ends_with(".json");
  if (!isPath) {
    std::string file = nameOrPath.str() + ".json";
    for (const auto &builtin : kProfileFiles)
      if (file == builtin.name) {
        Expected<DeviceProfile> profile =
            parseDeviceProfile(builtin.text, "built-in profile " + file);
        if (profile)
          profile->source = "built-in";
        return profile;
      }
    return createStringError(
        inconvertibleErrorCode(),
        "unknown target '" + nameOrPath + "' (known: " +
            joinNames(builtinProfileNames()) +
            "; or the path of a profile file ending in .json)");
  }
  ErrorOr<std::unique_ptr<MemoryBuffer>> file =
      MemoryBuffer::getFile(nameOrPath, /*IsText=*/true);
  if (!file)
    return createStringError(inconvertibleErrorCode(), nameOrPath +
                                                           ": cannot read: " +
                                                           file.getError().message());
  if ((*file)->getBufferSize() > kMaxProfileBytes)
    return createStringError(inconvertibleErrorCode(),
                             nameOrPath + ": too large for a profile (over 1 MiB)");
  return parseDeviceProfile((*file)->getBuffer(), nameOrPath);
}

std::string hostISA() {
#if defined(__x86_64__)
  return "x86-64";
#elif defined(__aarch64__)
  return "aarch64";
#elif defined(__riscv) && __riscv_xlen == 64
  return "riscv64";
#else
  return "";
#endif
}

std::vector<std::string> hostFeatures() {
  const ISAInfo *info = findISA(hostISA());
  if (!info)
    return {};
  StringMap<bool> detected = sys::getHostCPUFeatures();
  std::vector<std::string> features;
  for (StringRef feature : info->features) {
    StringRef llvmName = feature == "fp16" ? "fullfp16" : feature;
    if (detected.lookup(llvmName))
      features.push_back(feature.str());
  }
  // LLVM reports NEON as "neon" on AArch64 Linux only when /proc/cpuinfo
  // says "asimd"; every AArch64 core has it.
  if (info->isa == "aarch64" && !is_contained(features, "neon"))
    features.insert(features.begin(), "neon");
  return features;
}

bool hostCanRun(const DeviceProfile &profile, std::string *missing) {
  if (profile.isa == "portable")
    return true;
  if (profile.isa != hostISA()) {
    if (missing)
      *missing = "ISA " + profile.isa;
    return false;
  }
  std::vector<std::string> have = hostFeatures();
  SmallVector<StringRef> lacking;
  for (const std::string &feature : profile.features)
    if (!is_contained(have, feature))
      lacking.push_back(feature);
  if (lacking.empty())
    return true;
  if (missing)
    *missing = "features " + join(lacking, ", ");
  return false;
}

StringRef toString(DataLayout layout) {
  return layout == DataLayout::NCHW ? "NCHW" : "NHWC";
}

StringRef toString(RunKind run) {
  return run == RunKind::Process ? "process" : "bare-metal";
}

} // namespace mote
