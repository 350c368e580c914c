#!/usr/bin/env bash
# install-and-build-example.sh BUILD_DIR WORK_DIR [CMAKE] [NINJA]
#
# Checks Mote's CMake integration the way a user meets it:
#  1. `cmake --install BUILD_DIR --prefix WORK_DIR/prefix`;
#  2. configures examples/firmware (outside Mote's source tree as far as CMake
#     is concerned: its own project) with -DCMAKE_PREFIX_PATH=WORK_DIR/prefix
#     and Ninja, so that find_package(Mote) finds the installed package, and
#     builds it;
#  3. runs the example (it checks the model's outputs itself);
#  4. a second build has nothing to do;
#  5. touching the model file reruns motec and rebuilds the model's object, the
#     model library and the final link, and nothing else (not main.cpp's
#     object), and the example still passes;
#  6. touching the installed motec reruns motec too;
#  7. with the Makefile generator too (if make is installed), touching the model
#     does not recompile main.cpp;
#  8. mote_add_model() without MODEL fails at configure time with a clear message.
# What ninja rebuilt is read from .ninja_log: every edge ninja runs appends a
# line per output.
set -euo pipefail

build=$(cd "$1" && pwd)
work=$2
cmake=${3:-cmake}
ninja=${4:-ninja}
root=$(cd "$(dirname "$0")/../.." && pwd)
example=$root/examples/firmware
model=$example/model/kws.onnxtext
prefix=$work/prefix
ex=$work/example

fail() { echo "FAIL: $*"; exit 1; }
step() { echo; echo "== $*"; }

command -v "$ninja" >/dev/null || fail "ninja not found ($ninja)"
rm -rf "$work"
mkdir -p "$work"

step "cmake --install $build --prefix $prefix"
"$cmake" --install "$build" --prefix "$prefix" >"$work/install.log" ||
  { cat "$work/install.log"; fail "cmake --install failed"; }
for f in bin/motec bin/mote-opt bin/mote-check lib/cmake/Mote/MoteConfig.cmake \
         lib/cmake/Mote/MoteConfigVersion.cmake lib/cmake/Mote/MoteTargets.cmake \
         lib/cmake/Mote/MoteFunctions.cmake; do
  [ -e "$prefix/$f" ] || fail "not installed: $f"
  echo "installed: $f"
done
"$prefix/bin/motec" --version

step "configure examples/firmware with -DCMAKE_PREFIX_PATH=$prefix"
"$cmake" -S "$example" -B "$ex" -G Ninja -DCMAKE_MAKE_PROGRAM="$(command -v "$ninja")" \
  -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH="$prefix" >"$work/configure.log" 2>&1 ||
  { cat "$work/configure.log"; fail "configuring the example failed"; }
mote_dir=$(sed -n 's/^Mote_DIR:PATH=//p' "$ex/CMakeCache.txt")
echo "Mote_DIR = $mote_dir"
[ "$mote_dir" = "$prefix/lib/cmake/Mote" ] || fail "find_package(Mote) did not use the installed package"

step "build"
"$ninja" -C "$ex" || fail "building the example failed"

step "run"
"$ex/firmware" || fail "the example's outputs are wrong"

step "a second build has nothing to do"
out=$("$ninja" -C "$ex")
echo "$out"
grep -q "no work to do" <<<"$out" || fail "the second build was not empty"

# Runs ninja and prints the outputs it (re)built, one per line, relative to $ex.
rebuilt() {
  local before
  before=$(wc -l <"$ex/.ninja_log")
  "$ninja" -C "$ex" -d explain >"$work/rebuild.log" 2>&1 ||
    { cat "$work/rebuild.log"; fail "rebuild failed"; }
  tail -n +"$((before + 1))" "$ex/.ninja_log" | cut -f4 | sed "s|^$ex/||" | sort -u
}
gen=kws/kws.cpp
header=kws/kws.h
model_obj=CMakeFiles/kws.dir/kws/kws.cpp.o
main_obj=CMakeFiles/firmware.dir/main.cpp.o
[ -e "$ex/$model_obj" ] || fail "no $model_obj: object naming changed?"
[ -e "$ex/$main_obj" ] || fail "no $main_obj: object naming changed?"

step "touch $model; rebuild"
sleep 1 # a newer mtime also on file systems with coarse timestamps
touch "$model"
list=$(rebuilt)
echo "ninja ran the edges for:"; sed 's/^/  /' <<<"$list"
echo "ninja -d explain said (before motec ran; ninja then skipped the edges whose"
echo "inputs turned out unchanged, since kws.h is only replaced when it changes):"
grep "ninja explain" "$work/rebuild.log" | sed 's/^/  /' | head -20
for want in "$gen" "$model_obj" libkws.a firmware; do
  grep -qxF "$want" <<<"$list" || fail "$want was not rebuilt after touching the model"
  echo "ok: $want rebuilt"
done
grep -qxF "$main_obj" <<<"$list" && fail "$main_obj was rebuilt: touching the model must only rebuild the model library"
echo "ok: $main_obj not rebuilt"
unexpected=$(grep -vxF -e "$gen" -e "$header" -e "$model_obj" -e libkws.a -e firmware \
  -e kws.motec/kws.cpp -e kws.motec/kws.h <<<"$list" || true)
[ -z "$unexpected" ] || fail "unexpected rebuilds: $unexpected"
echo "ok: nothing else rebuilt"
"$ex/firmware" >/dev/null || fail "the example's outputs are wrong after the rebuild"
echo "ok: the rebuilt example passes"
out=$("$ninja" -C "$ex")
grep -q "no work to do" <<<"$out" || { echo "$out"; fail "the build after the rebuild was not empty"; }
echo "ok: the next build has nothing to do"

step "touch the installed motec; rebuild"
sleep 1
touch "$prefix/bin/motec"
list=$(rebuilt)
echo "ninja ran the edges for:"; sed 's/^/  /' <<<"$list"
grep -qxF "$gen" <<<"$list" || fail "motec did not rerun after motec changed"
grep -qxF "$main_obj" <<<"$list" && fail "$main_obj was rebuilt although kws.h did not change"
echo "ok: motec reran, $main_obj not rebuilt"

step "the same with the Makefile generator, if make is installed"
if command -v make >/dev/null; then
  mk=$work/example-make
  "$cmake" -S "$example" -B "$mk" -G "Unix Makefiles" -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_PREFIX_PATH="$prefix" >"$work/configure-make.log" 2>&1 ||
    { cat "$work/configure-make.log"; fail "configuring the example for make failed"; }
  make -C "$mk" >"$work/make.log" 2>&1 || { cat "$work/make.log"; fail "make failed"; }
  "$mk/firmware" >/dev/null || fail "the example built by make fails"
  main_before=$(stat -c %y "$mk/$main_obj")
  model_before=$(stat -c %y "$mk/$model_obj")
  sleep 1
  touch "$model"
  make -C "$mk" >"$work/make2.log" 2>&1 || { cat "$work/make2.log"; fail "make failed"; }
  [ "$(stat -c %y "$mk/$model_obj")" != "$model_before" ] || fail "make did not rebuild $model_obj"
  [ "$(stat -c %y "$mk/$main_obj")" = "$main_before" ] ||
    fail "make rebuilt $main_obj after touching the model"
  "$mk/firmware" >/dev/null || fail "the example rebuilt by make fails"
  echo "ok: make rebuilt $model_obj, not $main_obj, and the example passes"
else
  echo "skipped: make not found"
fi

step "mote_add_model with a profile file, from the installed templates"
[ -f "$prefix/share/mote/profiles/generic.json" ] || fail "no profiles in $prefix/share/mote/profiles"
pf=$work/profile-project
mkdir -p "$pf/boards"
sed 's/"name": "generic"/"name": "my-board"/' "$prefix/share/mote/profiles/generic.json" \
  >"$pf/boards/my-board.json"
cat >"$pf/CMakeLists.txt" <<EOF
cmake_minimum_required(VERSION 3.20)
project(profile LANGUAGES CXX)
find_package(Mote REQUIRED)
mote_add_model(kws MODEL "$model" TARGET boards/my-board.json OPTIONS --dim N=1)
EOF
"$cmake" -S "$pf" -B "$pf/build" -G Ninja -DCMAKE_PREFIX_PATH="$prefix" >"$work/profile.log" 2>&1 ||
  { cat "$work/profile.log"; fail "configuring the profile project failed"; }
"$ninja" -C "$pf/build" >>"$work/profile.log" 2>&1 ||
  { cat "$work/profile.log"; fail "building the profile project failed"; }
grep -qx "// Profile file: my-board.json" "$pf/build/kws/kws.cpp" ||
  fail "kws.cpp does not name the profile file"
before=$(stat -c %y "$pf/build/kws/kws.cpp")
sleep 1
touch "$pf/boards/my-board.json"
"$ninja" -C "$pf/build" >>"$work/profile.log" 2>&1 ||
  { cat "$work/profile.log"; fail "rebuilding the profile project failed"; }
[ "$(stat -c %y "$pf/build/kws/kws.cpp")" != "$before" ] || fail "touching the profile did not rerun motec"
echo "ok: the profile file is motec's --target and a dependency of the model"

step "mote_add_model without MODEL fails clearly"
mkdir -p "$work/bad"
cat >"$work/bad/CMakeLists.txt" <<'EOF'
cmake_minimum_required(VERSION 3.20)
project(bad LANGUAGES CXX)
find_package(Mote REQUIRED)
mote_add_model(nomodel TARGET host)
EOF
if "$cmake" -S "$work/bad" -B "$work/bad/build" -G Ninja -DCMAKE_PREFIX_PATH="$prefix" \
     >"$work/bad.log" 2>&1; then
  fail "configuring a project that calls mote_add_model() without MODEL succeeded"
fi
grep -F "mote_add_model(nomodel): MODEL <file.onnx|file.onnxtext> is required" "$work/bad.log" ||
  { cat "$work/bad.log"; fail "no clear message for a missing MODEL"; }

echo
echo "PASS: installed Mote, built and ran examples/firmware through find_package(Mote) and mote_add_model()"
