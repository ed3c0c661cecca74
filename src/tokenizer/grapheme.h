#pragma once
// Extended grapheme clusters (Unicode UAX #29), which the Precompiled normalizer walks: "e\u0301"
// and "\r\n" are one cluster each, "ab" two.
#include <cstddef>
#include <string>

namespace attnmap::tokenizer {

// The end of the extended grapheme cluster that starts at `pos` (< text.size()); always > pos.
// Implements the UAX #29 rules except GB9c (Indic conjuncts): those clusters join 3-byte letters,
// so they are at least 6 UTF-8 bytes long, and Precompiled treats any cluster of 6 bytes or more
// character by character — splitting them or not changes nothing there.
size_t grapheme_end(const std::u32string& text, size_t pos);

}  // namespace attnmap::tokenizer
