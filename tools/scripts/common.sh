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

mote_build() {
  echo "== configuring and building in $MOTE_BUILD"
  cmake -S "$MOTE_ROOT" -B "$MOTE_BUILD" -G Ninja \
    -DCMAKE_BUILD_TYPE=Release \
    -DMLIR_DIR=/usr/lib/llvm-22/lib/cmake/mlir \
    -DCMAKE_C_COMPILER=clang-22 -DCMAKE_CXX_COMPILER=clang++-22 \
    -DLLVM_USE_LINKER=lld -DBUILD_TESTING=ON >/dev/null
  cmake --build "$MOTE_BUILD"
}
