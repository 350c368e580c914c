# Usage: cmake -DINPUT=file -DOUTPUT=header -DSYMBOL=name -P EmbedText.cmake
# Writes `static const char SYMBOL[] = R"MOTE(...)MOTE";`.
include(${CMAKE_CURRENT_LIST_DIR}/RawStringChunks.cmake)
file(READ "${INPUT}" content)
set(out "// Generated from ${INPUT}; do not edit.\nstatic const char ${SYMBOL}[] =\n")
mote_append_raw_chunks(out "${content}" "")
if(content STREQUAL "")
  string(APPEND out "\"\"\n")
endif()
string(APPEND out ";\n")
file(WRITE "${OUTPUT}" "${out}")
