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

// Error lines quote file contents; whatever they hold, the line stays one line of valid UTF-8
// with no terminal control sequences.
TEST(Utf8, PrintableLineEscapesControlsAndInvalidBytes) {
  EXPECT_EQ(utf8::printable_line("plain caf\u00e9 \u6771\U0001F600"), "plain caf\u00e9 \u6771\U0001F600");
  EXPECT_EQ(utf8::printable_line("two\nlines\r\tand"), "two\\nlines\\r\\tand");
  EXPECT_EQ(utf8::printable_line("last read: '\xff'"), "last read: '\\xff'");
  EXPECT_EQ(utf8::printable_line("\x1b[31mred"), "\\x1b[31mred");
  EXPECT_EQ(utf8::printable_line(std::string("nul\0del\x7f", 8)), "nul\\x00del\\x7f");
  EXPECT_EQ(utf8::printable_line("csi \u009b"), "csi \\u009b");
  EXPECT_EQ(utf8::printable_line("cut \xe6\x9d"), "cut \\xe6\\x9d");
  EXPECT_EQ(utf8::printable_line(""), "");
}

}  // namespace
}  // namespace attnmap
