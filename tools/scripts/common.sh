# Shared by the README's commands and CI: installs what Mote needs from
# Debian's packages (idempotent) and builds it with Ninja.
# Usage: source tools/scripts/common.sh; mote_install_deps; mote_build
set -euo pipefail

MOTE_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
MOTE_BUILD=${MOTE_BUILD:-$MOTE_ROOT/build}

MOTE_PACKAGES=(
  cmake ninja-build g++ clang-22 lld-22
  llvm-22-dev llvm-22-tools libmlir-22-dev mlir-22-tools
  libonnx-dev libprotobuf-dev protobuf-compiler
  catch2 python3-onnx python3-numpy libonnx-testdata binutils
  libclang-rt-22-dev
  gcc-arm-none-eabi libnewlib-arm-none-eabi libstdc++-arm-none-eabi-newlib
  # mote-check --target on every profile: cross compilers (clang-22 builds
  # riscv64 against the GNU toolchain's sysroot) and the emulators.
  g++-aarch64-linux-gnu g++-riscv64-linux-gnu qemu-user qemu-system-arm
)

mote_install_deps() {
  local missing=()
  for p in "${MOTE_PACKAGES[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  # Node.js may come from elsewhere with its own npm; only add Debian's if absent.
  command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
  if ((${#missing[@]})); then
    echo "== installing: ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
      --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

# mote_build_in DIR [CMAKE_ARGS...]: configures and builds into DIR with the
# compiler and options every build shares, plus CMAKE_ARGS. The build's
# parallelism follows CMAKE_BUILD_PARALLEL_LEVEL when it is set.
mote_build_in() {
  local dir=$1
  shift
  echo "== configuring and building in $dir${*:+ ($*)}"
  cmake -S "$MOTE_ROOT" -B "$dir" -G Ninja \
    -DCMAKE_BUILD_TYPE=Release \
    -DMLIR_DIR=/usr/lib/llvm-22/lib/cmake/mlir \
    -DCMAKE_C_COMPILER=clang-22 -DCMAKE_CXX_COMPILER=clang++-22 \
    -DLLVM_USE_LINKER=lld -DBUILD_TESTING=ON "$@" >/dev/null
  cmake --build "$dir"
}

mote_build() {
  mote_build_in "$MOTE_BUILD"
}

# The sanitizer stage of CI (docs/Architecture.md, "Fuzzing"): the compiler
# itself built with ASan+UBSan and libFuzzer's instrumentation in build-asan
# runs the lit tests, the zoo and the node suites, then the importer+pipeline
# fuzzer runs for 60 s. The node suites run in the clang configuration only:
# the compiler does the same work for both, and the emitted code's own
# sanitizer run is the main test run's job.
mote_sanitizer_stage() {
  local dir=${MOTE_ASAN_BUILD:-$MOTE_ROOT/build-asan} start=$SECONDS t
  # Abort (not exit 1) on a report, so that `not motec ...` in a lit test
  # cannot take a sanitizer report for the failure it expects.
  export ASAN_OPTIONS=abort_on_error=1:detect_leaks=1:check_initialization_order=1
  export UBSAN_OPTIONS=abort_on_error=1:halt_on_error=1:print_stacktrace=1
  export ASAN_SYMBOLIZER_PATH=/usr/lib/llvm-22/bin/llvm-symbolizer
  t=$SECONDS
  mote_build_in "$dir" -DMOTE_ENABLE_SANITIZERS=ON -DMOTE_ENABLE_FUZZER=ON
  echo "== sanitizer build: $((SECONDS - t))s"
  t=$SECONDS
  (cd "$dir" && ctest --output-on-failure -j2 \
    -R '^(lit|zoo-.*|node-suite-.*)$' -E '^node-suite-.*-gxx-asan$')
  echo "== sanitizer build's lit, zoo and node-suite tests: $((SECONDS - t))s"
  t=$SECONDS
  bash "$MOTE_ROOT/test/fuzz/run-fuzz.sh" "$dir" 60
  echo "== fuzzing: $((SECONDS - t))s; sanitizer stage: $((SECONDS - start))s"
}
