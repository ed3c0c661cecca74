#pragma once
// Strict UTF-8 decoding and encoding.
#include <string>
#include <string_view>

namespace attnmap::utf8 {

// Decodes `text` into code points. Invalid UTF-8 (bad lead or continuation bytes, overlong forms,
// surrogates, code points above U+10FFFF, a truncated sequence) throws Error::input naming the
// byte offset of the first bad byte, e.g. "invalid UTF-8 in text (byte 17)".
std::u32string decode(std::string_view text, std::string_view what = "text");

// `text` made safe to print as one line on a terminal: line breaks, tabs and other control
// characters (C0, DEL, C1: ESC would start a terminal escape sequence) and the bytes of invalid
// UTF-8 are written as escapes ("a\nb" -> "a\\nb", "\xff" -> "\\xff", U+009B -> "\\u009b").
std::string printable_line(std::string_view text);

void append(std::string& out, char32_t c);
std::string encode(std::u32string_view text);

}  // namespace attnmap::utf8
