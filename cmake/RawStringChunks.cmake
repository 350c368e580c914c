# mote_append_raw_chunks(VAR TEXT PREFIX): appends TEXT to VAR as adjacent C++
# raw string literals, each line starting with PREFIX. The text is cut into
# chunks because some compilers cap the length of one string literal.
function(mote_append_raw_chunks var text prefix)
  set(out "${${var}}")
  string(LENGTH "${text}" len)
  set(pos 0)
  while(pos LESS len)
    string(SUBSTRING "${text}" ${pos} 8000 chunk)
    string(APPEND out "${prefix}R\"MOTE(${chunk})MOTE\"\n")
    math(EXPR pos "${pos} + 8000")
  endwhile()
  set(${var} "${out}" PARENT_SCOPE)
endfunction()
