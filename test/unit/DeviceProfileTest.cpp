// The device profiles: every built-in one loads and is what its file name
// says, the host profile is completed by detection, and the fields a later
// pass relies on (features, vector width, layout, budgets) read as written.
#include "compiler/DeviceProfile.h"

#include <catch2/catch.hpp>

using namespace mote;

namespace {
DeviceProfile load(llvm::StringRef name) {
  llvm::Expected<DeviceProfile> profile = loadDeviceProfile(name);
  INFO(name.str());
  if (!profile)
    FAIL(llvm::toString(profile.takeError()));
  return *profile;
}

std::string parseError(llvm::StringRef text) {
  llvm::Expected<DeviceProfile> profile = parseDeviceProfile(text, "p.json");
  if (profile)
    return "";
  return llvm::toString(profile.takeError());
}
} // namespace

TEST_CASE("every built-in profile loads under its own name") {
  REQUIRE(builtinProfileNames().size() == 10);
  for (llvm::StringRef name : builtinProfileNames()) {
    DeviceProfile profile = load(name);
    CHECK(profile.name == name.str());
    CHECK(profile.source == "built-in");
    CHECK(!profile.description.empty());
    CHECK(!profile.build.cxx.empty());
    // A bare-metal profile names the board it runs on and how.
    if (profile.test.run == RunKind::BareMetal) {
      CHECK(!profile.test.emulator.empty());
      CHECK(!profile.test.machine.empty());
      CHECK(!profile.test.board.empty());
    }
  }
}

TEST_CASE("the profiles say what the kernels may use") {
  DeviceProfile m55 = load("cortex-m55");
  CHECK(m55.isa == "armv8.1-m.main");
  CHECK(m55.hasFeature("mve.fp"));
  CHECK(m55.vectorBits == 128);
  CHECK(m55.layout == DataLayout::NHWC);
  CHECK(m55.memory.ramBytes == 1048576);
  CHECK(m55.memory.itcmBytes == 524288);

  DeviceProfile m4 = load("cortex-m4");
  CHECK(m4.hasFeature("dsp"));
  CHECK(!m4.hasFeature("mve"));
  CHECK(m4.memory.flashBytes == 1048576);
  CHECK(m4.buildCommand("m.cpp") ==
        "arm-none-eabi-g++ -std=c++17 -O2 -mcpu=cortex-m4 -mthumb "
        "-mfloat-abi=hard -mfpu=fpv4-sp-d16 -c m.cpp");

  DeviceProfile avx512 = load("x86-64-avx512");
  CHECK(avx512.hasFeature("avx512f"));
  CHECK(avx512.vectorBits == 512);
  CHECK(!avx512.memory.ramBytes);

  DeviceProfile generic = load("generic");
  CHECK(generic.isa == "portable");
  CHECK(generic.features.empty());
  CHECK(hostCanRun(generic));
}

TEST_CASE("the host profile is this machine") {
  DeviceProfile host = load("host");
  CHECK(host.features == hostFeatures());
  CHECK(host.isa == (hostISA().empty() ? "portable" : hostISA()));
  CHECK(hostCanRun(host));
  if (host.hasFeature("avx512f"))
    CHECK(host.vectorBits == 512);
  else if (host.hasFeature("avx2"))
    CHECK(host.vectorBits == 256);
}

TEST_CASE("a profile for another ISA does not run here") {
  std::string missing;
  DeviceProfile other = load(hostISA() == "riscv64" ? "cortex-m4" : "riscv64-rvv");
  CHECK(!hostCanRun(other, &missing));
  CHECK(missing.find("ISA") == 0);
}

TEST_CASE("profile errors name the field") {
  const char *good = R"({"name": "x", "description": "d", "isa": "aarch64",
    "features": ["neon"], "layout": "NCHW", "memory": {"ram_bytes": 1024},
    "build": {"cxx": "c++", "flags": []}, "test": {"run": "process"}})";
  CHECK(parseError(good) == "");
  CHECK(parseError("{") == "p.json:1:1: invalid JSON: Expected object key");
  CHECK(parseError(R"({"name": "x"})") == "p.json: description: missing");
  std::string badRam = good;
  badRam.replace(badRam.find("1024"), 4, "-5");
  CHECK(parseError(badRam) == "p.json: memory.ram_bytes: expected a positive integer");
}
