#include "core/utf8.h"

#include <gtest/gtest.h>

#include "attnmap/error.h"

namespace attnmap {
namespace {

TEST(Utf8, RoundTripsAllPlanes) {
  std::u32string text = U"a\u00e9\u6771\U0001F600";
  EXPECT_EQ(utf8::decode(utf8::encode(text)), text);
  EXPECT_EQ(utf8::encode(text), "a\xc3\xa9\xe6\x9d\xb1\xf0\x9f\x98\x80");
}

TEST(Utf8, InvalidInputNamesTheByteOffset) {
  struct Case {
    std::string bytes;
    std::string where;
  };
  for (const Case& c : {Case{"ab\xff", "byte 2"}, Case{"\xc3", "byte 0"}, Case{"x\xc3\x28", "byte 2"},
                        Case{"\xc0\xaf", "byte 0"}, Case{"\xed\xa0\x80", "byte 0"}, Case{"\xf4\x90\x80\x80", "byte 0"}}) {
    try {
      utf8::decode(c.bytes);
      FAIL() << "accepted invalid UTF-8";
    } catch (const Error& e) {
      EXPECT_EQ(e.category(), ErrorCategory::kInput);
      EXPECT_EQ(e.where(), c.where);
    }
  }
}

}  // namespace
}  // namespace attnmap
