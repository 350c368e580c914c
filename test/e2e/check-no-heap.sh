#!/usr/bin/env bash
# check-no-heap.sh MOTEC MODEL WORKDIR [MOTEC_ARG...]
# Compiles MODEL to C++ (with the extra motec arguments, e.g. a
# --weights-file in WORKDIR) and every source motec wrote to an object with
# both g++ and clang++ under the flags firmware uses, and fails if an object
# references any heap function or static constructor: emitted code must not
# need a heap. Also checks that MODEL_ARENA_BYTES in the header is exactly the
# size of the arena the model's object reserves.
set -euo pipefail
motec=$1 model=$2 work=$3
shift 3
mkdir -p "$work"
# Only what this run of motec writes is checked.
rm -f "$work"/*.cpp "$work"/*.o
"$motec" "$model" -o "$work/model.cpp" "$@"
for cxx in g++ clang++-22; do
  command -v "$cxx" >/dev/null || continue
  for source in "$work"/*.cpp; do
    object=${source%.cpp}-$cxx.o
    "$cxx" -std=c++17 -O2 -Wall -Wextra -Werror -fno-exceptions -fno-rtti \
      -c "$source" -o "$object"
    if nm -C "$object" | grep -Ei ' U (malloc|calloc|realloc|free|operator new|operator delete|__cxa_atexit|_Znw|_Zdl)'; then
      echo "FAIL: $cxx object of $source references the heap or a static destructor"
      exit 1
    fi
    if nm "$object" | grep -E '_GLOBAL__sub_I|\.init_array'; then
      echo "FAIL: $cxx object of $source has a static constructor"
      exit 1
    fi
    echo "$cxx: $(basename "$source"): no heap, no static constructors ($(nm "$object" | grep -c ' U ') undefined symbols: $(nm "$object" | awk '$1=="U"{print $2}' | tr '\n' ' '))"
  done
  declared=$(sed -n 's/^#define MODEL_ARENA_BYTES \([0-9]*\)u$/\1/p' "$work/model.h")
  reserved=$(nm -S -C --radix=d "$work/model-$cxx.o" | awk '$4=="model_arena"{print $2+0}')
  if [ "${reserved:-0}" != "$declared" ]; then
    echo "FAIL: MODEL_ARENA_BYTES is $declared but the object reserves ${reserved:-0} bytes"
    exit 1
  fi
  echo "$cxx: arena $declared bytes declared and reserved"
done
