//===- DeviceProfile.h - what the emitted code will run on ------*- C++ -*-===//
//
// A device profile describes a target: its ISA and features, its memory
// budgets and sizes, the layout and vector width kernels should prefer, how a
// user builds the emitted C++ for it and how mote-check runs a test binary
// (natively, under qemu-user or under qemu-system with semihosting).
//
// The built-in profiles are the JSON files in compiler/profiles/, embedded in
// the tools at build time, so a tool never has to find them on disk. A user
// passes their own as a path. The format is in docs/DeviceProfiles.md.
//
// This library depends on LLVM's Support only (not MLIR), so that mote-check
// can read profiles too.
//
//===----------------------------------------------------------------------===//
#ifndef MOTE_COMPILER_DEVICEPROFILE_H
#define MOTE_COMPILER_DEVICEPROFILE_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mote {

/// The tensor layout kernels should prefer on a target.
enum class DataLayout { NCHW, NHWC };

/// How mote-check runs a test binary built for a profile.
enum class RunKind {
  /// A Linux process: directly when the build machine has the profile's ISA
  /// and features, else under the profile's qemu-user `emulator`; skipped
  /// when it has none.
  Process,
  /// Bare metal under qemu-system on a board, with semihosting for the
  /// files, the output and the exit code.
  BareMetal,
};

/// Memory of the device. Budgets are checked by motec; sizes are for the
/// tiling and placement passes. 0 means "none" for a size.
struct DeviceMemory {
  /// RAM the arena may take (motec's --ram-budget default); none: no limit.
  std::optional<int64_t> ramBytes;
  /// Flash for weights and code (motec's --flash-budget default).
  std::optional<int64_t> flashBytes;
  int64_t l1dBytes = 0;  ///< level-1 data cache
  int64_t l2Bytes = 0;   ///< level-2 cache
  int64_t l3Bytes = 0;   ///< last-level cache
  int64_t sramBytes = 0; ///< on-chip SRAM (MCUs)
  int64_t itcmBytes = 0; ///< instruction tightly-coupled memory
  int64_t dtcmBytes = 0; ///< data tightly-coupled memory
};

/// How a user builds the emitted source for the device.
struct DeviceBuild {
  /// The C++ compiler: a program name looked up in PATH. "c++" is the build
  /// machine's compiler, which $CXX may replace in mote-check.
  std::string cxx = "c++";
  /// Flags selecting the ISA, CPU and float ABI, e.g. -mcpu=cortex-m4.
  std::vector<std::string> flags;
};

/// How mote-check links and runs the test harness for the device.
struct DeviceTest {
  RunKind run = RunKind::Process;
  /// The qemu program: qemu-system-* for BareMetal; for Process, the
  /// qemu-user program used when the build machine cannot run the code.
  std::string emulator;
  /// -cpu: restricts the emulated CPU to the profile so that a stray
  /// instruction faults.
  std::string cpu;
  /// -M: the board (BareMetal).
  std::string machine;
  /// -L: where qemu-user finds the target's dynamic loader and libraries.
  std::string sysroot;
  /// The bare-metal support of runtime-stub/baremetal/ linked in: startup
  /// code and linker script, named after the board (BareMetal).
  std::string board;
  /// Flags for linking the test binary (after the build flags).
  std::vector<std::string> linkFlags;
};

/// A default-constructed profile is the portable one (as `generic`).
struct DeviceProfile {
  std::string name = "generic";
  std::string description;
  /// "portable", "x86-64", "aarch64", "armv7e-m", "armv8-m.main",
  /// "armv8.1-m.main" or "riscv64".
  std::string isa = "portable";
  std::vector<std::string> features;
  /// Width of the SIMD registers the kernels may use; 0 for none.
  unsigned vectorBits = 0;
  DataLayout layout = DataLayout::NCHW;
  DeviceMemory memory;
  DeviceBuild build;
  DeviceTest test;
  /// Where it came from: "built-in" or the file's path.
  std::string source;

  bool hasFeature(llvm::StringRef feature) const;
  /// The build command a user should compile OUT.cpp with, e.g.
  /// "arm-none-eabi-g++ -std=c++17 -O2 -mcpu=cortex-m4 ...".
  std::string buildCommand(llvm::StringRef sourceFile) const;
};

/// The built-in profiles' names, in the order --list-targets prints them.
llvm::ArrayRef<llvm::StringRef> builtinProfileNames();

/// Loads a built-in profile by name, or a profile file: an argument that
/// contains '/' or ends in ".json" is a path. The "host" profile is completed
/// with the build machine's ISA, features and cache sizes.
llvm::Expected<DeviceProfile> loadDeviceProfile(llvm::StringRef nameOrPath);

/// Parses the JSON text of a profile. Errors read
/// "SOURCE: FIELD: what is wrong" (or "SOURCE:LINE:COL: ..." for bad JSON).
llvm::Expected<DeviceProfile> parseDeviceProfile(llvm::StringRef text,
                                                 llvm::StringRef source);

/// The build machine's ISA ("x86-64", "aarch64", "riscv64", or "" when it is
/// none of those) and the profile features its CPU has.
std::string hostISA();
std::vector<std::string> hostFeatures();

/// True when the build machine can run code built for `profile` natively:
/// same ISA (or portable) and every feature present.
bool hostCanRun(const DeviceProfile &profile, std::string *missing = nullptr);

llvm::StringRef toString(DataLayout layout);
llvm::StringRef toString(RunKind run);

} // namespace mote

#endif // MOTE_COMPILER_DEVICEPROFILE_H
