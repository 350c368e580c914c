#!/usr/bin/env bash
# Build Mote's model zoo with ONNX Runtime reference outputs.
#
#   test/zoo/generate.sh OUT_DIR
#
# 1. make_zoo.py writes OUT_DIR/<model>/model.onnx + test_data_set_K/input_I.pb
# 2. ort_reference.mjs runs onnxruntime-node on them, writing output_I.pb
# 3. make_zoo.py --verify checks the outputs (and the MLP against numpy)
#
# onnxruntime-node@1.30.0 is installed (once) into $MOTE_NPM_DIR
# (default OUT_DIR/../npm).  Env: MOTE_PYTHON (default /usr/bin/python3, which
# must have onnx + numpy: Debian's python3-onnx, python3-numpy), MOTE_NODE
# (default node).  Idempotent: files are only rewritten when their bytes change.
set -euo pipefail

ORT_VERSION=1.30.0
die() { echo "generate.sh: error: $*" >&2; exit 1; }

[ $# -eq 1 ] || { echo "usage: $0 OUT_DIR" >&2; exit 2; }
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
mkdir -p "$1" || die "cannot create $1"
OUT=$(cd "$1" && pwd)
NPM_DIR=${MOTE_NPM_DIR:-$OUT/../npm}
mkdir -p "$NPM_DIR" || die "cannot create $NPM_DIR"
NPM_DIR=$(cd "$NPM_DIR" && pwd)
PY=${MOTE_PYTHON:-/usr/bin/python3}
NODE=${MOTE_NODE:-node}

"$PY" -c 'import onnx, numpy' 2>/dev/null \
  || die "$PY cannot import onnx and numpy (apt-get install python3-onnx python3-numpy)"
command -v "$NODE" >/dev/null || die "node not found (need Node.js >= 18)"
"$NODE" -e 'process.exit(+process.versions.node.split(".")[0] >= 18 ? 0 : 1)' \
  || die "Node.js >= 18 needed, have $("$NODE" --version)"

# --- onnxruntime-node ------------------------------------------------------
PKG=$NPM_DIR/node_modules/onnxruntime-node
have_ort() {
  [ -f "$PKG/package.json" ] &&
  [ "$("$NODE" -p "require('$PKG/package.json').version" 2>/dev/null)" = "$ORT_VERSION" ] &&
  compgen -G "$PKG/bin/napi-v*/linux/x64/libonnxruntime.so*" >/dev/null
}
if have_ort; then
  echo "onnxruntime-node $ORT_VERSION: present in $NPM_DIR"
else
  command -v npm >/dev/null || die "npm not found"
  echo "onnxruntime-node $ORT_VERSION: installing into $NPM_DIR"
  # --ignore-scripts: the package's install script tries a download that
  # fails here; the Linux x64 library ships inside the npm package itself.
  npm install --ignore-scripts --no-audit --no-fund --prefix "$NPM_DIR" \
      "onnxruntime-node@$ORT_VERSION" >&2 \
    || die "npm install onnxruntime-node@$ORT_VERSION failed"
  have_ort || die "onnxruntime-node installed but its linux/x64 library is missing in $PKG/bin"
fi

# --- zoo -------------------------------------------------------------------
mapfile -t MODELS < <("$PY" "$HERE/make_zoo.py" --list)
[ ${#MODELS[@]} -gt 0 ] || die "make_zoo.py --list gave no models"
"$PY" "$HERE/make_zoo.py" "$OUT" || die "make_zoo.py failed"
CASES=()
for m in "${MODELS[@]}"; do CASES+=("$OUT/$m"); done
"$NODE" "$HERE/ort_reference.mjs" --npm-dir "$NPM_DIR" "${CASES[@]}" \
  || die "ort_reference.mjs failed"
"$PY" "$HERE/make_zoo.py" --verify "$OUT" || die "verification of the ORT outputs failed"
echo "zoo ready in $OUT (${MODELS[*]})"
