# -*- Python -*-
# lit configuration for Mote's regression tests (test/lit).
import os

import lit.formats
from lit.llvm import llvm_config

config.name = "Mote"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".onnxtext", ".test"]
config.test_source_root = os.path.join(os.path.dirname(__file__), "lit")
config.test_exec_root = os.path.join(config.mote_obj_root, "test", "lit")
config.excludes = ["Inputs", "CMakeLists.txt", "README.md"]

llvm_config.with_system_environment(["HOME", "TMPDIR"])
llvm_config.use_default_substitutions()
# `not`, `count` and friends are run by name from RUN lines.
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)

# The C++ every emitted file must compile under: both compilers, warnings as
# errors, no exceptions and no RTTI, as a user's firmware build would.
cxxflags = "-std=c++17 -O1 -Wall -Wextra -Werror -fno-exceptions -fno-rtti"
config.substitutions.append(("%gxx", f"{config.gxx} {cxxflags}"))
config.substitutions.append(("%clangxx", f"{config.clangxx} {cxxflags}"))
config.substitutions.append(("%python", config.python))
config.substitutions.append(("%mote_src", config.mote_src_root))

tool_dirs = [config.mote_tools_dir, config.llvm_tools_dir]
llvm_config.add_tool_substitutions(["motec", "mote-opt", "mote-check"], tool_dirs)
