#!/usr/bin/env bash
# The README's second command: install, build, run every test (CTest: lit,
# Catch2, the ONNX node suites and the model zoo through mote-check).
source "$(dirname "$0")/common.sh"
mote_install_deps
mote_build
cd "$MOTE_BUILD"
ctest --output-on-failure -j2 "$@"
