#pragma once
// Python 3.11's string behaviour (unicodedata 14.0), which transformers' slow tokenizers applied in
// Python before sentencepiece saw the text. The tables live in python_unicode_tables.cpp, generated
// by scripts/gen/python_unicode_tables.py. Not the `tokenizers` tables of unicode_tables.h: those
// record Rust's behaviour, which differs (Python's whitespace includes U+001C..U+001F; its
// lowercase mapping is Unicode 14's).
#include <string>

namespace attnmap::unicode {

// str.isspace(): what str.split() and str.strip() remove.
bool python_is_space(char32_t c);
// str.isdigit(): Nd and the other digits ("²", "①", "❶").
bool python_is_digit(char32_t c);
// str.lower() of the one character, without context (so no final-sigma rule): "İ" -> "i\u0307".
void append_python_lower(char32_t c, std::u32string& out);
// unicodedata.normalize("NFKD", c) without the characters whose combining class is not 0:
// "é" -> "e", "ﬁ" -> "fi", U+0301 -> "", "각" -> its three jamo. (Dropping every combining mark
// makes canonical reordering moot, so decomposing one character at a time is exact.)
void append_nfkd_without_marks(char32_t c, std::u32string& out);

}  // namespace attnmap::unicode
