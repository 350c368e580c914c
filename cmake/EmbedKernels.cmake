# Usage: cmake -DOUTPUT=file.inc -DFILES="a.h;b.h" -P EmbedKernels.cmake
# Writes a table { file name, file text } of the kernel library, which the
# C++ writer pastes into every emitted source file.
include(${CMAKE_CURRENT_LIST_DIR}/RawStringChunks.cmake)
set(out "// Generated from runtime-stub/kernels; do not edit.\n")
string(APPEND out "static const struct { const char *name; const char *text; } kKernelFiles[] = {\n")
foreach(file IN LISTS FILES)
  get_filename_component(name "${file}" NAME)
  file(READ "${file}" content)
  string(APPEND out "  {\"${name}\",\n")
  mote_append_raw_chunks(out "${content}" "   ")
  string(APPEND out "  },\n")
endforeach()
string(APPEND out "};\n")
file(WRITE "${OUTPUT}" "${out}")
