#!/usr/bin/env bash
# The README's second command: install, build, run every test (CTest: lit,
# Catch2, the ONNX node suites and the model zoo through mote-check).
source "$(dirname "$0")/common.sh"
mote_install_deps
mote_build
cd "$MOTE_BUILD"
ctest --output-on-failure -j2 "$@"

# Sanitizer stage (mote_sanitizer_stage in common.sh), in CI or on request.
if [ "${CI:-}" = true ] || [ "${MOTE_SANITIZER_STAGE:-0}" = 1 ]; then
  mote_sanitizer_stage
fi
