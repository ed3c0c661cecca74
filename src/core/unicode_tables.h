#pragma once
// Unicode character behaviour for the tokenizer. The tables behind these functions live in
// unicode_tables.cpp, which scripts/gen/unicode_tables.py generates; regenerate rather than edit.
//
// Hugging Face `tokenizers` mixes Unicode versions (an old ~Unicode 9 category table for controls,
// marks and punctuation, old NFD tables, a recent Unicode for Rust's lowercasing and whitespace),
// so no single Unicode database reproduces it. The generator instead runs the pinned `tokenizers`
// (0.23.3) on every code point and records what it did: unless marked otherwise, each function
// below is that version's observed behaviour, not a Unicode property.
#include <cstddef>
#include <cstdint>

namespace attnmap::unicode {

// --- BertNormalizer (normalizers/bert.rs) --------------------------------------------------------

// clean_text deletes c: U+0000, U+FFFD and the "other" categories of tokenizers' old table (Cc, Cf,
// Co; not \t \n \r, not unassigned). Deletion wins over whitespace: U+000B, U+000C, U+0085 vanish.
bool bert_clean_text_removes(char32_t c);
// clean_text keeps c but replaces it by U+0020 (\t \n \r and the other whitespace it does not
// delete). False for U+0020 itself.
bool bert_clean_text_to_space(char32_t c);
// handle_chinese_chars surrounds c with spaces (fixed CJK ideograph blocks).
bool bert_is_chinese_char(char32_t c);
// strip_accents removes c after NFD (category Mn in tokenizers' old table: U+0301 and U+0AC7 go,
// U+0AFF and U+0D3C, newer than the table, stay). Only meaningful for NFD output, that is for code
// points that canonical_decompose leaves alone.
bool bert_strips_as_accent(char32_t c);

// --- BertPreTokenizer (pre_tokenizers/bert.rs) ---------------------------------------------------

// Isolated as a one-character pre-token: ASCII punctuation and P* of tokenizers' old table.
bool bert_is_punctuation(char32_t c);

// --- Shared ---------------------------------------------------------------------------------------

// Rust's char::is_whitespace, which BertPreTokenizer splits on, and the regex crate's \s, which
// added tokens' lstrip / rstrip grow over; the generator checks that the two sets are equal.
bool is_white_space(char32_t c);
// The regex crate's \w, which added tokens' single_word tests on both sides of a match.
bool is_word_char(char32_t c);

// NFD as tokenizers does it (the unicode-normalization-alignments crate). Full canonical
// decomposition of one code point, recursively expanded, Hangul included (algorithmic). Writes up
// to 4 code points into out and returns how many; returns 1 and out[0]=c when c does not decompose.
size_t canonical_decompose(char32_t c, char32_t out[4]);
// The canonical combining class by which that NFD reorders runs of non-starters (stable sort), 0 for
// starters. Defined for code points that do not decompose; code points newer than the crate's
// tables (e.g. U+1DFA) are starters to it.
uint8_t combining_class(char32_t c);

// NFC's composition of two code points as tokenizers does it: the primary composite of `first`
// followed by `second` (Hangul L+V and LV+T algorithmically), or 0 when they do not compose.
char32_t canonical_compose(char32_t first, char32_t second);

// Lowercase mapping of one code point, without context, as Rust's char::to_lowercase in tokenizers'
// build (a recent Unicode: U+1C89 -> U+1C8A, U+0130 -> "i\u0307", U+03A3 -> U+03C3). Writes up to 3
// code points, returns the count.
size_t to_lower(char32_t c, char32_t out[3]);

// --- ByteLevel's split regex (pre_tokenizers/byte_level.rs, Oniguruma's tables) -----------------

// \p{L} and \p{N} of that regex; its \s is is_white_space (the generator checks they agree). Oniguruma
// knows a newer Unicode than Python 3.11: U+1C89 is a letter, U+10D40 a number. Every code point is
// exactly one of letter, number, whitespace or other.
bool byte_level_is_letter(char32_t c);
bool byte_level_is_number(char32_t c);

}  // namespace attnmap::unicode
