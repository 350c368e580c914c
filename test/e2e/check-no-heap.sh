#!/usr/bin/env bash
# check-no-heap.sh MOTEC MODEL WORKDIR
# Compiles MODEL to C++ and then to an object with both g++ and clang++ under
# the flags firmware uses, and fails if the object references any heap
# function or static constructor: emitted code must not need a heap. Also
# checks that MODEL_ARENA_BYTES in the header is exactly the size of the
# arena the object reserves.
set -euo pipefail
motec=$1 model=$2 work=$3
mkdir -p "$work"
"$motec" "$model" -o "$work/model.cpp"
for cxx in g++ clang++-22; do
  command -v "$cxx" >/dev/null || continue
  "$cxx" -std=c++17 -O2 -Wall -Wextra -Werror -fno-exceptions -fno-rtti \
    -c "$work/model.cpp" -o "$work/model-$cxx.o"
  if nm -C "$work/model-$cxx.o" | grep -Ei ' U (malloc|calloc|realloc|free|operator new|operator delete|__cxa_atexit|_Znw|_Zdl)'; then
    echo "FAIL: $cxx object of $model references the heap or a static destructor"
    exit 1
  fi
  if nm "$work/model-$cxx.o" | grep -E '_GLOBAL__sub_I|\.init_array'; then
    echo "FAIL: $cxx object of $model has a static constructor"
    exit 1
  fi
  declared=$(sed -n 's/^#define MODEL_ARENA_BYTES \([0-9]*\)u$/\1/p' "$work/model.h")
  reserved=$(nm -S -C --radix=d "$work/model-$cxx.o" | awk '$4=="model_arena"{print $2+0}')
  if [ "${reserved:-0}" != "$declared" ]; then
    echo "FAIL: MODEL_ARENA_BYTES is $declared but the object reserves ${reserved:-0} bytes"
    exit 1
  fi
  echo "$cxx: arena $declared bytes declared and reserved"
  echo "$cxx: no heap, no static constructors ($(nm "$work/model-$cxx.o" | grep -c ' U ') undefined symbols: $(nm "$work/model-$cxx.o" | awk '$1=="U"{print $2}' | tr '\n' ' '))"
done
