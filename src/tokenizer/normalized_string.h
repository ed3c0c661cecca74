#pragma once
// A piece of text being normalized, with each code point tied to the code point of the original
// text it came from, so that token offsets can be mapped back after normalization changed the text
// (accents stripped, characters lowercased into two, spaces inserted around CJK characters).
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace attnmap::tokenizer {

struct NormalizedString {
  std::u32string chars;
  std::vector<uint32_t> origin;  // origin[i]: index in the original text of chars[i]

  // The slice [begin, end) of the original text, unchanged.
  static NormalizedString slice(const std::u32string& original, size_t begin, size_t end);

  size_t size() const { return chars.size(); }
  bool empty() const { return chars.empty(); }

  // Replaces each code point c by what `map(c, out)` appends to `out` (nothing deletes it,
  // several code points expand it); every output code point keeps c's origin.
  template <class Map>
  void transform(Map map) {
    std::u32string new_chars;
    std::vector<uint32_t> new_origin;
    new_chars.reserve(chars.size());
    new_origin.reserve(chars.size());
    std::u32string scratch;
    for (size_t i = 0; i < chars.size(); ++i) {
      scratch.clear();
      map(chars[i], scratch);
      new_chars += scratch;
      new_origin.insert(new_origin.end(), scratch.size(), origin[i]);
    }
    chars = std::move(new_chars);
    origin = std::move(new_origin);
  }

  // The sub-string [begin, end) of this normalized string, origins kept.
  NormalizedString substr(size_t begin, size_t end) const;

  // Original-text offsets [first, last + 1) covered by chars [begin, end); (0, 0) when empty.
  std::pair<size_t, size_t> original_span(size_t begin, size_t end) const;
};

}  // namespace attnmap::tokenizer
