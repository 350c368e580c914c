#!/usr/bin/env bash
# Seed corpus for the libFuzzer targets (docs/Architecture.md, "Fuzzing").
#
#   test/fuzz/make-seeds.sh OUT_DIR [ZOO_DIR...]
#
# Copies the model.onnx of every ONNX node test, from Debian's ONNX 1.12
# suite (/usr/share/libonnx-testdata/data/node) and from the ONNX 1.22 suite
# beside this checkout (../shared/onnx-backend-1.22/node), into OUT_DIR as
# <suite>-<test>.onnx, skipping files whose content is already there; then the
# model zoo's models (zoo-<model>.onnx) from each ZOO_DIR (default: build/zoo
# of this checkout), when they exist, and the inputs that once crashed the
# compiler (test/fuzz/crashes, as crash-<name>). Also fills OUT_DIR-text with
# the textual models of the lit tests and of test/fuzz/crashes, for
# mote-fuzz-import-text. Existing files in OUT_DIR are kept.
set -euo pipefail

if (($# < 1)); then
  echo "usage: $0 OUT_DIR [ZOO_DIR...]" >&2
  exit 2
fi
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
out=$1
shift
zoos=("$@")
((${#zoos[@]})) || zoos=("$repo/build/zoo")
mkdir -p "$out"

declare -A seen
added=0
# add_all PREFIX FILE...: copies each FILE to OUT_DIR/PREFIX-<its directory's
# name>.onnx unless its content is there already (one sha1sum for all).
add_all() {
  local prefix=$1 sum file dir
  shift
  (($#)) || return 0
  while read -r sum file; do
    [ -n "${seen[$sum]:-}" ] && continue
    seen[$sum]=1
    if [ -n "$prefix" ]; then
      dir=${file%/*}
      cp "$file" "$out/$prefix-${dir##*/}.onnx"
      added=$((added + 1))
    fi
  done < <(sha1sum -- "$@")
}

shopt -s nullglob
add_all "" "$out"/*

suites=(
  "1_12:/usr/share/libonnx-testdata/data/node"
  "1_22:$repo/../shared/onnx-backend-1.22/node"
)
for entry in "${suites[@]}"; do
  tag=${entry%%:*}
  dir=${entry#*:}
  if [ ! -d "$dir" ]; then
    echo "make-seeds: no node suite at $dir, skipped" >&2
    continue
  fi
  add_all "$tag" "$dir"/*/model.onnx
done

for zoo in "${zoos[@]}"; do
  [ -d "$zoo" ] && add_all zoo "$zoo"/*/model.onnx
done

# Every input that ever crashed the compiler (test/fuzz/crashes).
crashes=("$repo"/test/fuzz/crashes/*.onnx)
if ((${#crashes[@]})); then
  while read -r sum file; do
    [ -n "${seen[$sum]:-}" ] && continue
    seen[$sum]=1
    cp "$file" "$out/crash-${file##*/}"
    added=$((added + 1))
  done < <(sha1sum -- "${crashes[@]}")
fi

# Textual models: the lit tests' .onnxtext files, for the text target.
text="${out%/}-text"
mkdir -p "$text"
while IFS= read -r -d '' f; do
  rel=${f#"$repo/test/"}
  cp "$f" "$text/${rel//\//-}"
done < <(find "$repo/test/lit" "$repo/test/fuzz/crashes" -name '*.onnxtext' -print0)

echo "make-seeds: $added new, $(find "$out" -type f | wc -l) models in $out;" \
  "$(find "$text" -type f | wc -l) textual models in $text"
