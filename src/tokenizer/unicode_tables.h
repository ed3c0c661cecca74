#pragma once
// Unicode character properties for the tokenizer. The tables behind these functions live in
// unicode_tables.cpp, which scripts/gen_unicode_tables.py generates from the Unicode database of
// the Python that runs it; regenerate rather than edit.
#include <cstddef>
#include <cstdint>

namespace attnmap::unicode {

// General category tests, from the Unicode database of the Python that generated the tables.
bool is_control_cc_cf_co(char32_t c);  // category Cc, Cf or Co
bool is_punctuation(char32_t c);       // category Pc, Pd, Pe, Pf, Pi, Po or Ps
bool is_mark_nonspacing(char32_t c);   // category Mn
bool is_letter(char32_t c);            // L*  (Lu Ll Lt Lm Lo)
bool is_number(char32_t c);            // N*  (Nd Nl No)
// Unicode White_Space property, the same set as Rust's char::is_whitespace. Unlike Python's
// str.isspace() it does not include U+001C..U+001F.
bool is_white_space(char32_t c);
bool is_word_char(char32_t c);         // regex \w: L*, N*, Mn Mc Me, Pc (connector punctuation)
uint8_t combining_class(char32_t c);   // canonical combining class, 0 for most

// Full canonical decomposition (NFD) of one code point, recursively expanded, Hangul included
// (algorithmic). Writes up to 4 code points into out and returns how many; returns 1 and
// out[0]=c when c does not decompose.
size_t canonical_decompose(char32_t c, char32_t out[4]);

// Full lowercase mapping of one code point, without context, as Rust's char::to_lowercase
// (e.g. U+0130 -> "i\u0307", U+03A3 -> U+03C3). Writes up to 3 code points, returns the count.
size_t to_lower(char32_t c, char32_t out[3]);

}  // namespace attnmap::unicode
