#!/usr/bin/env bash
# Runs a libFuzzer target of a MOTE_ENABLE_FUZZER build for a fixed time
# (docs/Architecture.md, "Fuzzing").
#
#   test/fuzz/run-fuzz.sh BUILD_DIR SECONDS [CORPUS_DIR]
#
# Builds the seed corpus (make-seeds.sh) into BUILD_DIR/fuzz-seeds if it is
# not there, fuzzes with the seeds and CORPUS_DIR (default
# BUILD_DIR/fuzz-corpus, where new inputs are written), and reports the corpus
# before and after. Exits non-zero on a crash, a sanitizer report, a leak, a
# timeout (> 10 s for one input) or an out-of-memory (> 2048 MB RSS, or one
# allocation of more); the input that caused it is in BUILD_DIR/fuzz-artifacts/.
#
# Environment:
#   MOTE_FUZZ_TARGET      mote-fuzz-import (default: binary protobuf) or
#                         mote-fuzz-import-text (textual ONNX)
#   MOTE_FUZZ_MAX_LEN     largest input libFuzzer makes (default 262144 bytes,
#                         which keeps every seed, the zoo's models included)
#   MOTE_FUZZ_KEEP_GOING  1: do not stop at the first problem; fuzz in a child
#                         process (-fork=1) that is restarted after each one,
#                         and list every artifact at the end
#   MOTE_FUZZ_ARGS        more libFuzzer flags, e.g. -seed=N
set -euo pipefail

if (($# < 2)); then
  echo "usage: $0 BUILD_DIR SECONDS [CORPUS_DIR]" >&2
  exit 2
fi
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=$(cd "$1" && pwd)
seconds=$2
target=${MOTE_FUZZ_TARGET:-mote-fuzz-import}
suffix=${target#mote-fuzz-import}
corpus=${3:-$build/fuzz-corpus$suffix}
max_len=${MOTE_FUZZ_MAX_LEN:-262144}
fuzzer=$build/bin/$target
artifacts=$build/fuzz-artifacts/
seeds=$build/fuzz-seeds$suffix

if [ ! -x "$fuzzer" ]; then
  echo "run-fuzz: no $fuzzer; configure with -DMOTE_ENABLE_FUZZER=ON and build $target" >&2
  exit 2
fi
if [ ! -d "$seeds" ] || [ -z "$(ls -A "$seeds")" ]; then
  bash "$repo/test/fuzz/make-seeds.sh" "$build/fuzz-seeds" "$build/zoo" "$repo/build/zoo"
fi
mkdir -p "$corpus" "$artifacts"

# stats DIR...: "N files, B bytes" over the regular files of the DIRs.
stats() {
  find "$@" -maxdepth 1 -type f -printf '%s\n' |
    awk '{n++; b += $1} END {printf "%d files, %d bytes", n, b}'
}
corpus_before=$(stats "$corpus")

# The fuzzer's own sanitizer settings, whatever the caller's environment says.
export ASAN_SYMBOLIZER_PATH=/usr/lib/llvm-22/bin/llvm-symbolizer
export ASAN_OPTIONS=detect_leaks=1:check_initialization_order=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

flags=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048
  -max_len="$max_len" -print_final_stats=1 -artifact_prefix="$artifacts")
keep_going=${MOTE_FUZZ_KEEP_GOING:-0}
if [ "$keep_going" = 1 ]; then
  flags+=(-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
fi
# shellcheck disable=SC2206 # MOTE_FUZZ_ARGS is a list of flags
flags+=(${MOTE_FUZZ_ARGS:-})

log=$build/fuzz-$target.log
marker=$(mktemp)
trap 'rm -f "$marker"' EXIT
echo "== $target for ${seconds}s: seeds $seeds ($(stats "$seeds")), corpus $corpus ($corpus_before)"
echo "   $fuzzer ${flags[*]} $corpus $seeds"
set +e
"$fuzzer" "${flags[@]}" "$corpus" "$seeds" >"$log" 2>&1
status=$?
set -e

# libFuzzer's status lines: "#N INITED|pulse|NEW|DONE cov: ... corp: ..." in
# one process, "#N: cov: ... corp: ..." from the parent in fork mode.
status_lines=$(grep -E '^#[0-9]+:?[[:space:]].*cov: ' "$log" || true)
first=$(head -1 <<<"$status_lines")
last=$(tail -1 <<<"$status_lines")
corp() { sed -nE 's/.*corp: ([0-9]+(\/[0-9]+[a-zA-Z]*)?).*/\1/p' <<<"$1"; }
execs=$(sed -nE 's/^stat::number_of_executed_units: *([0-9]+)/\1/p' "$log")
[ -n "$execs" ] || execs=$(sed -nE 's/^#([0-9]+).*/\1/p' <<<"$last")
echo "   first: $first"
echo "   last:  $last"
grep -E '^stat::' "$log" | sed 's/^/   /' || true
echo "   executions: ${execs:-?}"
echo "   corpus (inputs with distinct coverage): $(corp "$first") at start, $(corp "$last") at the end"
echo "   corpus dir: $corpus_before before, $(stats "$corpus") after"

mapfile -t problems < <(find "$artifacts" -maxdepth 1 -type f -newer "$marker" \
  \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) | sort)
reports=$(grep -cE 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error:' "$log" || true)
finished=1
if [ "$keep_going" != 1 ] && ! grep -qE '^#[0-9]+[[:space:]]+DONE' "$log"; then
  finished=0
fi
if ((status != 0 || reports > 0 || ${#problems[@]} > 0 || !finished)); then
  echo "run-fuzz: FAILED (exit $status, $reports sanitizer/libFuzzer report(s), ${#problems[@]} artifact(s)); log: $log" >&2
  if [ "$keep_going" != 1 ]; then
    grep -m12 -E 'ERROR:|SUMMARY:|runtime error:|^    #[0-9]+ ' "$log" >&2 || true
  fi
  for p in "${problems[@]}"; do
    summary=$("$fuzzer" -timeout=10 -rss_limit_mb=2048 "$p" 2>&1 |
      grep -m1 -E 'SUMMARY:|ERROR: libFuzzer' || true)
    echo "   $p ($(stat -c %s "$p") bytes): ${summary:-(does not reproduce alone)}" >&2
  done
  exit 1
fi
echo "run-fuzz: no crash, no sanitizer report, no timeout in ${seconds}s"
