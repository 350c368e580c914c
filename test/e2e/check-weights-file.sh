#!/usr/bin/env bash
# check-weights-file.sh MOTE_CHECK CASE_DIR WORKDIR
# The weights in a source of their own (motec --weights-file, in section
# .extflash), end to end: mote-check builds the two sources together and
# compares the outputs with the case's reference ($CXX picks the compiler).
# Then, with g++ and clang++, the weights' object must define every weight,
# in .extflash and nowhere else, adding up to MODEL_WEIGHT_BYTES, and the
# model's object must define none and refer to exactly those.
set -euo pipefail
mote_check=$1 case_dir=$2 work=$3
mkdir -p "$work"
weights=$work/model_weights.cpp
"$mote_check" "$case_dir" --keep-work "$work" \
  --motec-arg=--weights-file="$weights" --motec-arg=--weights-section=.extflash

fail() { echo "FAIL: $*"; exit 1; }
declared=$(sed -n 's/^#define MODEL_WEIGHT_BYTES \([0-9]*\)u$/\1/p' "$work/model.h")
[ -n "$declared" ] || fail "model.h does not define MODEL_WEIGHT_BYTES"
for cxx in g++ clang++-22; do
  command -v "$cxx" >/dev/null || continue
  for file in model model_weights; do
    "$cxx" -std=c++17 -O2 -Wall -Wextra -Werror -fno-exceptions -fno-rtti \
      -c "$work/$file.cpp" -o "$work/$file-$cxx.o"
  done
  defined=$(nm -S --radix=d "$work/model_weights-$cxx.o" | awk '$4 ~ /^model_w[0-9]+$/ {print $4}' | sort)
  bytes=$(nm -S --radix=d "$work/model_weights-$cxx.o" | awk '$4 ~ /^model_w[0-9]+$/ {n += $2} END {print n + 0}')
  [ "$bytes" = "$declared" ] ||
    fail "$cxx: the weights' object defines $bytes bytes of weights, MODEL_WEIGHT_BYTES is $declared"
  # Every weight in .extflash: the section holds them all (and alignment padding).
  section_hex=$(objdump -h "$work/model_weights-$cxx.o" | awk '$2 == ".extflash" {print $3}')
  section=$((16#${section_hex:-0}))
  [ "$section" -ge "$declared" ] ||
    fail "$cxx: .extflash holds $section bytes, less than the $declared bytes of weights"
  if objdump -h "$work/model_weights-$cxx.o" | awk '$2 ~ /^\.(rodata|data)/ && $3 !~ /^0+$/' | grep .; then
    fail "$cxx: the weights' object has data outside .extflash"
  fi
  if nm "$work/model-$cxx.o" | awk '$2 != "U" && $3 ~ /^model_w[0-9]+$/' | grep .; then
    fail "$cxx: the model's object defines weights"
  fi
  referenced=$(nm "$work/model-$cxx.o" | awk '$1 == "U" && $2 ~ /^model_w[0-9]+$/ {print $2}' | sort)
  [ "$referenced" = "$defined" ] ||
    fail "$cxx: the model's object refers to other weights than the weights' object defines"
  echo "$cxx: $(echo "$defined" | wc -w) weights, $bytes bytes, defined in .extflash ($section bytes) and only referred to by the model's object"
done
