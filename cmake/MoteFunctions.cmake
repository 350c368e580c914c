# mote_add_model(): compile an ONNX model to C++ with motec at build time and
# build it into a static library.
#
#   mote_add_model(<lib> MODEL <model.onnx|model.onnxtext> TARGET <target>
#                  [NAME <name>] [OPTIONS <motec argument>...])
#
# Creates the static library target <lib> from
# ${CMAKE_CURRENT_BINARY_DIR}/<lib>/<name>.cpp and <name>.h, which motec writes
# when the model file, the motec executable or the device-profile file
# changes. <lib>'s PUBLIC include directory is
# ${CMAKE_CURRENT_BINARY_DIR}/<lib>, so `#include "<name>.h"` works in every
# target that links <lib>, and it requires C++17.
#
#   MODEL    the model, binary ONNX or textual ONNX (.onnxtext); a relative
#            path is relative to CMAKE_CURRENT_SOURCE_DIR.
#   TARGET   passed to `motec --target`: a built-in profile (motec
#            --list-targets), or a profile file: a path with '/' or ending in
#            .json, relative to CMAKE_CURRENT_SOURCE_DIR.
#   NAME     passed to `motec --name`: the prefix of the emitted symbols and
#            the header's name. Default: <lib> made into an identifier motec
#            accepts (e.g. `kws-model` -> `kws_model`).
#   OPTIONS  more arguments for motec, passed through as they are
#            (e.g. `--dim N=1`).
#
# The motec that runs is ${MOTE_MOTEC_EXECUTABLE} if that is set (a path, or
# the name of an executable target), else the imported target Mote::motec
# that find_package(Mote) defines.
#
# <name>.h is only replaced when its content changes, so sources that include
# it are not recompiled when a model change leaves its interface as it was.
# <name>.cpp is replaced on every run of motec.
#
# <lib> also gets the properties MOTE_NAME (the symbol prefix) and
# MOTE_HEADER (the header's full path).

include_guard(GLOBAL)

# The --target argument for `target`, and the files the model's build depends
# on besides the model and motec. A built-in profile is part of motec: no
# file. A profile file (the rule motec uses: a '/' in it, or a .json ending)
# is made absolute, since motec runs in the build directory, and is a
# dependency, so that the model is recompiled when the profile changes.
function(_mote_profile_dependencies target argument_var depends_var)
  if(target MATCHES "/" OR target MATCHES "\\.json$")
    get_filename_component(path "${target}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
    set(${argument_var} "${path}" PARENT_SCOPE)
    set(${depends_var} "${path}" PARENT_SCOPE)
  else()
    set(${argument_var} "${target}" PARENT_SCOPE)
    set(${depends_var} "" PARENT_SCOPE)
  endif()
endfunction()

# A symbol prefix motec accepts, made from `text`: only letters, digits and
# `_`, not starting with a digit, `_` or `mote_`, at most 64 characters.
function(_mote_identifier text out_var)
  string(MAKE_C_IDENTIFIER "${text}" id)
  string(REGEX REPLACE "^_+" "" id "${id}")
  if(id STREQUAL "" OR id MATCHES "^[0-9]")
    set(id "model_${id}")
  elseif(id MATCHES "^mote_")
    set(id "m_${id}")
  endif()
  string(SUBSTRING "${id}" 0 64 id)
  set(${out_var} "${id}" PARENT_SCOPE)
endfunction()

function(mote_add_model lib)
  cmake_parse_arguments(PARSE_ARGV 1 ARG "" "MODEL;TARGET;NAME" "OPTIONS")
  if(ARG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "mote_add_model(${lib}): unknown arguments: ${ARG_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT ARG_MODEL)
    message(FATAL_ERROR "mote_add_model(${lib}): MODEL <file.onnx|file.onnxtext> is required")
  endif()
  if(NOT ARG_TARGET)
    message(FATAL_ERROR "mote_add_model(${lib}): TARGET <target> is required (a profile name, see motec --list-targets, or a profile .json)")
  endif()
  if("NAME" IN_LIST ARG_KEYWORDS_MISSING_VALUES)
    message(FATAL_ERROR "mote_add_model(${lib}): NAME needs a value")
  endif()
  if(TARGET ${lib})
    message(FATAL_ERROR "mote_add_model(${lib}): a target named '${lib}' already exists")
  endif()

  get_filename_component(model "${ARG_MODEL}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
  if(NOT EXISTS "${model}" OR IS_DIRECTORY "${model}")
    message(FATAL_ERROR "mote_add_model(${lib}): model file '${model}' does not exist")
  endif()

  # The compiler, and what the generated files depend on because of it.
  if(MOTE_MOTEC_EXECUTABLE)
    set(motec "${MOTE_MOTEC_EXECUTABLE}")
  elseif(TARGET Mote::motec)
    set(motec Mote::motec)
  else()
    message(FATAL_ERROR "mote_add_model(${lib}): no motec: call find_package(Mote) first, "
                        "or set MOTE_MOTEC_EXECUTABLE to motec's path")
  endif()
  if(TARGET ${motec})
    set(motec_command "$<TARGET_FILE:${motec}>")
    set(motec_depends "$<TARGET_FILE:${motec}>")
    get_target_property(imported ${motec} IMPORTED)
    if(NOT imported)
      list(APPEND motec_depends ${motec}) # build it first
    endif()
  else()
    set(motec_command "${motec}")
    set(motec_depends "${motec}")
  endif()

  if(DEFINED ARG_NAME)
    set(name "${ARG_NAME}")
  else()
    _mote_identifier("${lib}" name)
  endif()
  _mote_profile_dependencies("${ARG_TARGET}" target_argument profile_depends)

  # motec writes into a private directory; the results are then copied into
  # the include directory, the header only if it changed.
  set(dir "${CMAKE_CURRENT_BINARY_DIR}/${lib}")
  set(stage "${CMAKE_CURRENT_BINARY_DIR}/${lib}.motec")
  set(cpp "${dir}/${name}.cpp")
  set(header "${dir}/${name}.h")
  file(MAKE_DIRECTORY "${dir}" "${stage}")

  # The header is a byproduct, not an OUTPUT: the Makefile generators touch
  # every OUTPUT after the command runs, which would recompile every source
  # that includes it. (Ninja treats byproducts as outputs with `restat`.)
  add_custom_command(
    OUTPUT "${cpp}"
    BYPRODUCTS "${header}" "${stage}/${name}.cpp" "${stage}/${name}.h"
    COMMAND "${CMAKE_COMMAND}" -E make_directory "${stage}" "${dir}"
    COMMAND ${motec_command} "${model}" -o "${stage}/${name}.cpp"
            "--target=${target_argument}" "--name=${name}" ${ARG_OPTIONS}
    COMMAND "${CMAKE_COMMAND}" -E copy "${stage}/${name}.cpp" "${cpp}"
    COMMAND "${CMAKE_COMMAND}" -E copy_if_different "${stage}/${name}.h" "${header}"
    DEPENDS "${model}" ${motec_depends} ${profile_depends}
    COMMENT "Compiling model ${ARG_MODEL} with motec (target ${ARG_TARGET}, name ${name})"
    VERBATIM COMMAND_EXPAND_LISTS)

  add_library(${lib} STATIC "${cpp}")
  target_include_directories(${lib} PUBLIC "${dir}")
  target_compile_features(${lib} PUBLIC cxx_std_17)
  set_target_properties(${lib} PROPERTIES MOTE_NAME "${name}" MOTE_HEADER "${header}")
endfunction()
