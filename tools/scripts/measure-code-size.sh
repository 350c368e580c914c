#!/usr/bin/env bash
# measure-code-size.sh [MOTEC [OUT.inc]]
#
# Measures what the code of a compiled model costs in flash on a Cortex-M4 and
# writes the table that motec's flash estimate reads (`motec --report`,
# compiler/CodeSize.cpp): compiler/KernelCodeSizes.inc unless OUT.inc is
# given. MOTEC (default build/bin/motec) compiles the sample models. Rerun it
# after changing runtime-stub/kernels, the kernel calls or the entry points
# the compiler emits: the CTest code-size-table fails until the table is
# current.
#
# Every number is bytes of .text (all .text* sections of one object) under
#   arm-none-eabi-g++ $FLAGS (below), Debian's gcc-arm-none-eabi.
# GCC at -Os inlines a kernel into the graph function where that is smaller,
# specialized for the call's literal arguments, and otherwise keeps one copy,
# specialized for what all calls pass alike, and calls it. So per kernel:
# - inlined: one call inlined, averaged over the kernel's sample calls, which
#   are the calls of the models in test/lit/Codegen/Inputs as motec emits
#   them (the model zoo, which the estimate is tested on, is not among them);
# - shared: the one copy the sample calls share (the kernel kept out of line
#   with noinline); with fewer than two samples, the kernel compiled out of
#   line with its address taken, i.e. specialized for nothing;
# - call: the growth of the calling function per call site, from 2 to 4 calls
#   with different literal arguments each and nothing inlined or specialized:
#   the arguments' set-up and the branch;
# and the entry points: a graph function, <name>_run and <name>_run_v for one
# input and one output, the graph calling an opaque function once.
# memcpy (buffer copies) is the C library's: it has call sites only.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
MOTEC=${1:-$ROOT/build/bin/motec}
OUT=${2:-$ROOT/compiler/KernelCodeSizes.inc}
CXX=${MOTE_ARM_CXX:-arm-none-eabi-g++}
SIZE=${MOTE_ARM_SIZE:-arm-none-eabi-size}
PY=${MOTE_PYTHON:-/usr/bin/python3}
FLAGS=(-std=c++17 -Os -mcpu=cortex-m4 -mthumb -ffunction-sections -fno-exceptions -fno-rtti)

command -v "$CXX" >/dev/null ||
  { echo "measure-code-size.sh: $CXX not found (apt-get install gcc-arm-none-eabi libnewlib-arm-none-eabi)" >&2; exit 2; }
[ -x "$MOTEC" ] || { echo "measure-code-size.sh: no motec at $MOTEC" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# text_bytes SOURCE [SECTION [FLAG...]]: bytes of the .text sections of
# SOURCE's object whose names start with SECTION (default: all).
text_bytes() {
  local source=$1 section=${2:-.text}
  shift $(($# < 2 ? $# : 2))
  "$CXX" "${FLAGS[@]}" "$@" -c "$source" -o "$work/measure.o"
  "$SIZE" -A "$work/measure.o" |
    awk -v s="$section" 'index($1, s) == 1 && $1 ~ /^\.text/ { n += $2 } END { print n + 0 }'
}

# call_bytes CALLS2 CALLS4: growth of the calling function per added call,
# with nothing inlined or specialized (which the varied literals would
# otherwise invite).
call_bytes() {
  local keep=(-fno-inline -fno-ipa-cp -fno-ipa-vrp -fno-ipa-bit-cp -fno-ipa-icf)
  echo $((($(text_bytes "$2" .text.mote_calls "${keep[@]}") -
           $(text_bytes "$1" .text.mote_calls "${keep[@]}")) / 2))
}

# mean_text_bytes SOURCE...: the mean (rounded) of their .text bytes.
mean_text_bytes() {
  local sum=0 source
  for source in "$@"; do sum=$((sum + $(text_bytes "$source"))); done
  echo $(((2 * sum + $#) / (2 * $#)))
}

mkdir -p "$work/samples"
for model in "$ROOT"/test/lit/Codegen/Inputs/*.onnxtext; do
  "$MOTEC" "$model" -o "$work/samples/$(basename "$model" .onnxtext).cpp" --name sample
done

# Writes the measuring sources into $work and prints per kernel, memcpy last:
# CALLEE BODY_CPP CALLS2_CPP CALLS4_CPP SHARED_CPP|- [INLINED_CPP...]
"$PY" - "$ROOT/runtime-stub/kernels" "$work" > "$work/kernels.txt" <<'EOF'
import pathlib, re, sys

kernels, work = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
common = (kernels / "common.h").read_text()
arena = "static float mote_arena[65536];\n"

def split_arguments(text):
    """Splits a call's argument list at its top-level commas."""
    out, depth, start = [], 0, 0
    for i, c in enumerate(text):
        depth += c == "("
        depth -= c == ")"
        if c == "," and depth == 0:
            out.append(text[start:i].strip())
            start = i + 1
    return out + [text[start:].strip()]

def sample_calls(callee, params):
    """The calls to `callee` in the sample models, pointers into the arena."""
    calls = []
    for source in sorted((work / "samples").glob("*.cpp")):
        graph = source.read_text().split("---- weights, arena and graph ----")[1]
        for args in re.findall(rf"^\s*{callee}\((.*)\);$", graph, re.M):
            args = [a if "*" not in p or a == "nullptr" else f"(mote_arena + {64 * i})"
                    for i, (a, p) in enumerate(zip(split_arguments(args), params))]
            calls.append(", ".join(args))
    return calls

def varied_call(callee, params, call):
    """A call whose literals differ from those of every other call."""
    def argument(index, param):
        if "*" in param:
            return f"(mote_arena + {64 * (8 * call + index)})"
        if param.split()[0] == "float":
            return f"{call}.0f"
        return str((37 * call + 11 * index) % 61 + 1)
    return f"{callee}({', '.join(argument(i, p) for i, p in enumerate(params))})"

def calls_source(prefix, calls):
    body = "".join(f"  {call};\n" for call in calls)
    return f'{prefix}{arena}extern "C" void mote_calls(void) {{\n{body}}}\n'

def write(name, text):
    (work / name).write_text(text)
    return str(work / name)

def measure(callee, params, prefix, noinline_prefix):
    keep = (f'extern "C" {{ extern decltype(&{callee}) const mote_keep;\n'
            f"decltype(&{callee}) const mote_keep = &{callee}; }}\n")
    samples = [f"{callee}({args})" for args in sample_calls(callee, params)]
    varied = [varied_call(callee, params, c) for c in range(4)]
    files = [write(f"{callee}.body.cpp", prefix + keep if noinline_prefix else prefix),
             write(f"{callee}.calls2.cpp", calls_source(prefix, varied[:2])),
             write(f"{callee}.calls4.cpp", calls_source(prefix, varied)),
             write(f"{callee}.shared.cpp", calls_source(noinline_prefix, samples))
             if noinline_prefix and len(samples) >= 2 else "-"]
    files += [write(f"{callee}.inlined{i}.cpp", calls_source(prefix, [call]))
              for i, call in enumerate(samples)]
    print(callee, *files)

signature = re.compile(r"\b(mote_\w+_f32)\s*\(([^)]*)\)\s*\{")
for path in sorted(kernels.glob("*.h")):
    if path.name == "common.h":
        continue
    for callee, params in signature.findall(path.read_text()):
        params = [" ".join(p.split()) for p in params.split(",")]
        noinline = f"static void {callee}({', '.join(params)}) __attribute__((noinline));\n"
        measure(callee, params, common + path.read_text(),
                common + noinline + path.read_text())
measure("memcpy", ["float* dst", "const float* src", "int32_t bytes"], common, None)
EOF

# The shape of CppWriter's entry points for one input and one output.
cat > "$work/entry.cpp" <<'EOF'
extern "C" void mote_opaque(float* in, float* out);
static void net_graph(float* v1, float* v2) {
  mote_opaque(v1, v2);
  return;
}
extern "C" {
int net_run(const float* in0, float* out0) {
  net_graph(const_cast<float*>(in0), out0);
  return 0;
}
int net_run_v(const void* const* inputs, void* const* outputs) {
  (void)inputs;
  (void)outputs;
  return net_run(static_cast<const float*>(inputs[0]), static_cast<float*>(outputs[0]));
}
}
EOF

toolchain="$("$CXX" --version | head -n 1) ${FLAGS[*]}"
{
  echo "// Generated by tools/scripts/measure-code-size.sh: do not edit; rerun it."
  echo "// Bytes of .text on a Cortex-M4 (the script says what each measures):"
  echo "//   $toolchain"
  echo "static constexpr const char kCodeSizeToolchain[] ="
  echo "    \"$toolchain\";"
  echo "static constexpr int64_t kEntryPointBytes = $(text_bytes "$work/entry.cpp");"
  echo "// {callee, inlined bytes, shared copy bytes, bytes per call site}"
  echo "static constexpr KernelCodeSize kKernelCodeSizes[] = {"
  while read -r callee body calls2 calls4 shared inlined; do
    call=$(call_bytes "$calls2" "$calls4")
    copy=$(text_bytes "$body")
    # (GCC notes that noinline contradicts the definition's inline; it obeys.)
    [ "$shared" = - ] || copy=$(($(text_bytes "$shared" .text -Wno-attributes) -
                                 $(text_bytes "$shared" .text.mote_calls -Wno-attributes)))
    # shellcheck disable=SC2086 # one file name per word
    if [ -n "$inlined" ]; then once=$(mean_text_bytes $inlined); else once=$((copy + call)); fi
    echo "    {\"$callee\", $once, $copy, $call},"
  done < "$work/kernels.txt"
  echo "};"
} > "$work/table.inc"
mv "$work/table.inc" "$OUT"
echo "measure-code-size.sh: wrote $OUT"
