#include "tokenizer/replace_strip.h"

#include <cstdint>

#include "core/unicode_tables.h"

namespace attnmap::tokenizer {
namespace {

bool is_regex_meta(char32_t c) { return std::u32string_view(U"\\^$.|?*+()[]{}").find(c) != std::u32string_view::npos; }

// Reads digits at `pos`; false when there are none.
bool read_number(const std::u32string& s, size_t& pos, size_t& value) {
  const size_t start = pos;
  value = 0;
  while (pos < s.size() && s[pos] >= U'0' && s[pos] <= U'9') value = value * 10 + (s[pos++] - U'0');
  return pos > start;
}

}  // namespace

void Strip::normalize(NormalizedString& text) const {
  size_t begin = 0, end = text.size();
  if (left_)
    while (begin < end && unicode::is_white_space(text.chars[begin])) ++begin;
  if (right_)
    while (end > begin && unicode::is_white_space(text.chars[end - 1])) --end;
  if (begin != 0 || end != text.size()) text = text.substr(begin, end);
}

bool ReplacePattern::parse_regex(const std::u32string& regex) {
  size_t pos = 0;
  if (regex.empty()) return false;
  if (regex[0] == U'\\') {
    if (regex.size() < 2 || !is_regex_meta(regex[1])) return false;  // \s, \d... are classes
    repeated = regex[1];
    pos = 2;
  } else {
    if (is_regex_meta(regex[0])) return false;
    repeated = regex[0];
    pos = 1;
  }
  if (pos == regex.size()) {  // one literal character
    literal = std::u32string(1, repeated);
    return true;
  }
  if (regex[pos] == U'+' && pos + 1 == regex.size()) {
    min = 1;
    max = SIZE_MAX;
    return true;
  }
  if (regex[pos] != U'{') return false;
  ++pos;
  if (!read_number(regex, pos, min)) return false;
  max = min;
  if (pos < regex.size() && regex[pos] == U',') {
    ++pos;
    if (!read_number(regex, pos, max)) max = SIZE_MAX;
  }
  return pos + 1 == regex.size() && regex[pos] == U'}' && min >= 1 && max >= min;
}

size_t ReplacePattern::match_at(const std::u32string& text, size_t pos) const {
  if (!literal.empty()) return text.compare(pos, literal.size(), literal) == 0 ? literal.size() : 0;
  size_t n = 0;
  while (pos + n < text.size() && n < max && text[pos + n] == repeated) ++n;
  return n >= min ? n : 0;
}

void Replace::normalize(NormalizedString& text) const {
  NormalizedString out;
  out.chars.reserve(text.size());
  out.align.reserve(text.size());
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t len = pattern_.match_at(text.chars, pos);
    if (len == 0) {
      out.chars.push_back(text.chars[pos]);
      out.align.push_back(text.align[pos]);
      ++pos;
      continue;
    }
    const Alignment last = text.align[pos + len - 1];
    out.chars += content_;
    out.align.insert(out.align.end(), content_.size(), last);
    pos += len;
  }
  text = std::move(out);
}

}  // namespace attnmap::tokenizer
