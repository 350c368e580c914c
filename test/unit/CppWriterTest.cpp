// What may become a C identifier or a section name in emitted code.
#include "codegen/CppWriter.h"

#include <catch2/catch.hpp>

TEST_CASE("model names must be safe C identifiers", "[codegen]") {
  CHECK(mote::isSafeIdentifier("model"));
  CHECK(mote::isSafeIdentifier("kws_dscnn2"));
  CHECK_FALSE(mote::isSafeIdentifier(""));
  CHECK_FALSE(mote::isSafeIdentifier("2fast"));
  CHECK_FALSE(mote::isSafeIdentifier("_reserved"));
  CHECK_FALSE(mote::isSafeIdentifier("int"));
  CHECK_FALSE(mote::isSafeIdentifier("class"));
  CHECK_FALSE(mote::isSafeIdentifier("main"));
  CHECK_FALSE(mote::isSafeIdentifier("mote_graph"));
  CHECK_FALSE(mote::isSafeIdentifier("a-b"));
  CHECK_FALSE(mote::isSafeIdentifier("a b"));
  CHECK_FALSE(mote::isSafeIdentifier("caf\xc3\xa9"));
}

TEST_CASE("section names must be safe in a string literal and a linker script",
          "[codegen]") {
  CHECK(mote::isSafeSectionName(".extflash"));
  CHECK(mote::isSafeSectionName(".rodata.model_weights"));
  CHECK(mote::isSafeSectionName("EXT_FLASH2"));
  CHECK_FALSE(mote::isSafeSectionName(""));
  CHECK_FALSE(mote::isSafeSectionName("a b"));
  CHECK_FALSE(mote::isSafeSectionName("x\")))"));
  CHECK_FALSE(mote::isSafeSectionName("__DATA,__const"));
  CHECK_FALSE(mote::isSafeSectionName(std::string(65, 'a')));
}
