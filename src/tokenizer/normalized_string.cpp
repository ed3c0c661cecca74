#include "tokenizer/normalized_string.h"

namespace attnmap::tokenizer {

NormalizedString NormalizedString::slice(const std::u32string& original, size_t begin, size_t end) {
  NormalizedString s;
  s.chars = original.substr(begin, end - begin);
  s.align.resize(s.chars.size());
  for (size_t i = 0; i < s.align.size(); ++i)
    s.align[i] = {static_cast<uint32_t>(begin + i), static_cast<uint32_t>(begin + i + 1)};
  return s;
}

void NormalizedString::apply_changes(const std::vector<std::pair<char32_t, int>>& dest,
                                     size_t initial_offset) {
  std::u32string new_chars;
  std::vector<Alignment> new_align;
  new_chars.reserve(dest.size());
  new_align.reserve(dest.size());
  size_t consumed = initial_offset;
  for (const auto& [c, change] : dest) {
    Alignment a;
    if (change > 0) {
      if (consumed > 0) a = align[consumed - 1];
    } else {
      a = align[consumed];
      consumed += 1 + static_cast<size_t>(-change);
    }
    new_chars.push_back(c);
    new_align.push_back(a);
  }
  chars = std::move(new_chars);
  align = std::move(new_align);
}

NormalizedString NormalizedString::substr(size_t begin, size_t end) const {
  NormalizedString s;
  s.chars = chars.substr(begin, end - begin);
  s.align.assign(align.begin() + static_cast<std::ptrdiff_t>(begin),
                 align.begin() + static_cast<std::ptrdiff_t>(end));
  return s;
}

std::pair<size_t, size_t> NormalizedString::original_span(size_t begin, size_t end) const {
  if (begin >= end) return {0, 0};
  return {align[begin].begin, align[end - 1].end};
}

std::pair<size_t, size_t> NormalizedString::original_point(size_t pos) const {
  if (align.empty()) return {0, 0};
  size_t at = pos < align.size() ? align[pos].begin : align.back().end;
  return {at, at};
}

}  // namespace attnmap::tokenizer
