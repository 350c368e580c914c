# Usage: cmake -DINPUT=file -DOUTPUT=header -DSYMBOL=name -P EmbedText.cmake
# Writes `static const char SYMBOL[] = R"MOTE(...)MOTE";`. The raw string is split into
# chunks because some compilers cap the length of one string literal.
file(READ "${INPUT}" content)
string(LENGTH "${content}" len)
set(out "// Generated from ${INPUT}; do not edit.\nstatic const char ${SYMBOL}[] =\n")
set(pos 0)
while(pos LESS len)
  string(SUBSTRING "${content}" ${pos} 8000 chunk)
  string(APPEND out "R\"MOTE(${chunk})MOTE\"\n")
  math(EXPR pos "${pos} + 8000")
endwhile()
if(len EQUAL 0)
  string(APPEND out "\"\"\n")
endif()
string(APPEND out ";\n")
file(WRITE "${OUTPUT}" "${out}")
