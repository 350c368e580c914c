# Install rules: the tools into bin/ and the CMake package (MoteConfig.cmake,
# its version file, the imported tool targets and mote_add_model()) into
# lib/cmake/Mote, so that other projects can use
#   find_package(Mote) and mote_add_model(...)
# after `cmake --install <build> --prefix <prefix>`, with
# -DCMAKE_PREFIX_PATH=<prefix>. Included from the top-level CMakeLists.txt.
include(CMakePackageConfigHelpers)

set(MOTE_INSTALL_BINDIR bin)
set(MOTE_INSTALL_CMAKEDIR lib/cmake/Mote)

# The tools link the shared libMLIR.so and libLLVM.so from LLVM's library
# directory, which is not on the loader's default path. In the build tree
# their RUNPATH names it; the install would otherwise set it to $ORIGIN/../lib
# (motec, mote-opt: add_llvm_executable) or drop it (mote-check).
set_target_properties(motec mote-opt mote-check PROPERTIES
  INSTALL_RPATH "\$ORIGIN/../lib;${LLVM_LIBRARY_DIR}")

install(TARGETS motec mote-opt mote-check
  EXPORT MoteTargets
  RUNTIME DESTINATION ${MOTE_INSTALL_BINDIR})

install(EXPORT MoteTargets
  NAMESPACE Mote::
  FILE MoteTargets.cmake
  DESTINATION ${MOTE_INSTALL_CMAKEDIR})

configure_package_config_file(
  ${CMAKE_CURRENT_LIST_DIR}/MoteConfig.cmake.in
  ${PROJECT_BINARY_DIR}/MoteConfig.cmake
  INSTALL_DESTINATION ${MOTE_INSTALL_CMAKEDIR})

# 0.x: a new minor version may break the interface. ARCH_INDEPENDENT: the
# package holds build-machine tools, so a 32-bit (e.g. Cortex-M) project may
# use a 64-bit install.
write_basic_package_version_file(
  ${PROJECT_BINARY_DIR}/MoteConfigVersion.cmake
  VERSION ${MOTE_VERSION}
  COMPATIBILITY SameMinorVersion
  ARCH_INDEPENDENT)

install(FILES
  ${PROJECT_BINARY_DIR}/MoteConfig.cmake
  ${PROJECT_BINARY_DIR}/MoteConfigVersion.cmake
  ${CMAKE_CURRENT_LIST_DIR}/MoteFunctions.cmake
  DESTINATION ${MOTE_INSTALL_CMAKEDIR})

# The built-in device profiles are embedded in the tools; their JSON files go
# to share/mote/profiles as starting points for a user's own profile, with
# the bare-metal startup code and linker scripts mote-check uses for QEMU's
# boards (runtime-stub/baremetal).
install(DIRECTORY ${PROJECT_SOURCE_DIR}/compiler/profiles/
        DESTINATION share/mote/profiles FILES_MATCHING PATTERN "*.json")
install(DIRECTORY ${PROJECT_SOURCE_DIR}/runtime-stub/baremetal/
        DESTINATION share/mote/baremetal)
