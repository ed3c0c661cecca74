#pragma once
// A piece of text being normalized, with each code point tied to the span of the original text it
// stands for, so that token offsets can be mapped back after normalization changed the text
// (accents stripped, characters lowercased into two, spaces inserted around CJK characters).
//
// This mirrors `NormalizedString` of Hugging Face tokenizers (tokenizer/normalizer.rs), which keeps
// one alignment per normalized byte; attnmap keeps one per code point, in code points, which is
// what the Python API reports after its byte-to-char conversion.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace attnmap::tokenizer {

// Original-text code points [begin, end). Normally one whole original character; (0, 0) for a
// character inserted before anything was consumed (see apply_changes).
struct Alignment {
  uint32_t begin = 0;
  uint32_t end = 0;
  bool operator==(const Alignment& o) const { return begin == o.begin && end == o.end; }
};

struct NormalizedString {
  std::u32string chars;
  std::vector<Alignment> align;  // align[i]: the original span chars[i] stands for

  // The slice [begin, end) of the original text, unchanged.
  static NormalizedString slice(const std::u32string& original, size_t begin, size_t end);

  size_t size() const { return chars.size(); }
  bool empty() const { return chars.empty(); }

  // Replaces each code point c by what `map(c, out)` appends to `out` (nothing deletes it,
  // several code points expand it); every output code point keeps c's alignment.
  //
  // This is what tokenizers' transform gives for per-character rewrites: its `map`, `filter`
  // (a kept character keeps its own alignment, a removed one's span goes to no one) and the
  // expansions of `lowercase` and handle_chinese_chars, whose first output replaces c (change 0)
  // and whose others are inserted after it (change +1, alignment of the character just consumed,
  // which is c). E.g. clean_text on "a\x85b": "ab" with alignments (0,1) (2,3), so the one token
  // "ab" spans (0,3) and the removed U+0085 is covered only because it lies between; on
  // "\u0301abc" with strip_accents the leading mark is gone and "abc" spans (1,4).
  //
  // `map` must be a pure function of c. Characters that map to themselves are left in place
  // without copying: most text passes most steps (lowercase, accents, CJK padding) unchanged.
  template <class Map>
  void transform(Map map) {
    std::u32string scratch;
    size_t i = 0;
    for (; i < chars.size(); ++i) {
      scratch.clear();
      map(chars[i], scratch);
      if (scratch.size() != 1 || scratch[0] != chars[i]) break;
    }
    if (i == chars.size()) return;
    std::u32string new_chars(chars, 0, i);
    std::vector<Alignment> new_align(align.begin(), align.begin() + static_cast<std::ptrdiff_t>(i));
    new_chars.reserve(chars.size() + scratch.size());
    new_align.reserve(chars.size() + scratch.size());
    for (;;) {  // scratch holds what chars[i] maps to
      if (scratch.size() == 1) {
        new_chars.push_back(scratch[0]);
        new_align.push_back(align[i]);
      } else {
        new_chars += scratch;
        new_align.insert(new_align.end(), scratch.size(), align[i]);
      }
      if (++i == chars.size()) break;
      scratch.clear();
      map(chars[i], scratch);
    }
    chars = std::move(new_chars);
    align = std::move(new_align);
  }

  // tokenizers' NormalizedString::transform(dest, initial_offset), for rewrites that are not per
  // character (NFD's canonical reordering). Alignments are assigned by position, not carried with
  // the characters: the first `initial_offset` characters are dropped; then each (c, change) with
  // change <= 0 takes the alignment of the next original character and consumes it plus -change
  // more; one with change > 0 is inserted with the alignment of the last consumed character, or
  // (0, 0) when none was consumed yet.
  void apply_changes(const std::vector<std::pair<char32_t, int>>& dest, size_t initial_offset);

  // The sub-string [begin, end) of this normalized string, alignments kept.
  NormalizedString substr(size_t begin, size_t end) const;

  // Original-text offsets covered by chars [begin, end); (0, 0) when empty. Like tokenizers'
  // convert_offsets: the start of the first character's alignment and the end of the last's, which
  // is the min / max as long as alignments only go forward (they do for every BERT normalizer:
  // even NFD's reordering assigns them by position, see apply_changes).
  std::pair<size_t, size_t> original_span(size_t begin, size_t end) const;
  // The empty original span at normalized position `pos`: where chars[pos] starts, or where the
  // last character ends when pos is the end; (0, 0) for an empty string.
  std::pair<size_t, size_t> original_point(size_t pos) const;
};

}  // namespace attnmap::tokenizer
