#include "tokenizer/normalized_string.h"

#include <algorithm>

namespace attnmap::tokenizer {

NormalizedString NormalizedString::slice(const std::u32string& original, size_t begin, size_t end) {
  NormalizedString s;
  s.chars = original.substr(begin, end - begin);
  s.origin.resize(s.chars.size());
  for (size_t i = 0; i < s.origin.size(); ++i) s.origin[i] = static_cast<uint32_t>(begin + i);
  return s;
}

NormalizedString NormalizedString::substr(size_t begin, size_t end) const {
  NormalizedString s;
  s.chars = chars.substr(begin, end - begin);
  s.origin.assign(origin.begin() + static_cast<std::ptrdiff_t>(begin),
                  origin.begin() + static_cast<std::ptrdiff_t>(end));
  return s;
}

std::pair<size_t, size_t> NormalizedString::original_span(size_t begin, size_t end) const {
  if (begin >= end) return {0, 0};
  // Normalization never reorders across original characters, but a decomposition may be
  // reordered by canonical ordering within one; take the extremes to be safe.
  auto [lo, hi] = std::minmax_element(origin.begin() + static_cast<std::ptrdiff_t>(begin),
                                      origin.begin() + static_cast<std::ptrdiff_t>(end));
  return {*lo, static_cast<size_t>(*hi) + 1};
}

}  // namespace attnmap::tokenizer
