#!/usr/bin/env bash
# check-code-size-table.sh SOURCE_DIR MOTEC WORKDIR
# The kernel code sizes behind motec's flash estimate must be current:
# measures them again (tools/scripts/measure-code-size.sh) and compares the
# result with the checked-in compiler/KernelCodeSizes.inc.
set -euo pipefail
source_dir=$1 motec=$2 work=$3
mkdir -p "$work"
bash "$source_dir/tools/scripts/measure-code-size.sh" "$motec" "$work/KernelCodeSizes.inc"
if ! diff -u "$source_dir/compiler/KernelCodeSizes.inc" "$work/KernelCodeSizes.inc"; then
  echo "FAIL: compiler/KernelCodeSizes.inc is out of date: rerun tools/scripts/measure-code-size.sh"
  exit 1
fi
echo "compiler/KernelCodeSizes.inc is current"
