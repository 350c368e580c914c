#!/usr/bin/env bash
# check-code-size.sh MOTEC MODEL WORKDIR TOLERANCE_PERCENT
# Checks motec's flash estimate (--report) against a real Cortex-M4 build:
# compiles the emitted source with arm-none-eabi-g++ under the flags the
# kernel sizes were measured with (tools/scripts/measure-code-size.sh) and
# compares
# - the object's code (its .text sections) with code_bytes_estimate, and
# - size's "text" (code and read-only data: the weights, the input/output
#   tables) with total_bytes_estimate;
# both must be within TOLERANCE_PERCENT of the real size. Prints all four.
set -euo pipefail
motec=$1 model=$2 work=$3 tolerance=$4
CXX=${MOTE_ARM_CXX:-arm-none-eabi-g++}
SIZE=${MOTE_ARM_SIZE:-arm-none-eabi-size}
PY=${MOTE_PYTHON:-/usr/bin/python3}
mkdir -p "$work"
"$motec" "$model" -o "$work/model.cpp" --report "$work/report.json"
"$CXX" -std=c++17 -Os -mcpu=cortex-m4 -mthumb -ffunction-sections \
  -fno-exceptions -fno-rtti -Wall -Wextra -Werror -c "$work/model.cpp" -o "$work/model.o"

code=$("$SIZE" -A "$work/model.o" | awk '$1 ~ /^\.text/ { n += $2 } END { print n + 0 }')
text=$("$SIZE" "$work/model.o" | awk 'NR == 2 { print $1 }')
read -r code_estimate total_estimate < <("$PY" -c '
import json, sys
flash = json.load(open(sys.argv[1]))["flash"]
print(flash["code_bytes_estimate"], flash["total_bytes_estimate"])' "$work/report.json")

status=0
# compare WHAT ACTUAL ESTIMATE: prints both and the error; fails beyond the tolerance.
compare() {
  local what=$1 actual=$2 estimate=$3
  local error_permille=$(((estimate - actual) * 1000 / actual))
  local sign=+ magnitude=${error_permille#-} verdict=ok
  ((error_permille >= 0)) || sign=-
  if ((magnitude > tolerance * 10)); then
    verdict=FAIL
    status=1
  fi
  printf '%s: %s bytes, estimate %s bytes (%s%d.%d%%, tolerance +-%s%%): %s\n' \
    "$what" "$actual" "$estimate" "$sign" $((magnitude / 10)) $((magnitude % 10)) \
    "$tolerance" "$verdict"
}
compare "code (.text)" "$code" "$code_estimate"
compare "flash (size's text: code + read-only data)" "$text" "$total_estimate"
exit $status
