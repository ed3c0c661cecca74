#include "tokenizer/replace_strip.h"

#include <algorithm>
#include <cstdint>

#include "core/unicode_tables.h"

namespace attnmap::tokenizer {
namespace {

bool is_regex_meta(char32_t c) { return std::u32string_view(U"\\^$.|?*+()[]{}-/").find(c) != std::u32string_view::npos; }

// Reads digits at `pos`; false when there are none.
bool read_number(const std::u32string& s, size_t& pos, size_t& value) {
  const size_t start = pos;
  value = 0;
  while (pos < s.size() && s[pos] >= U'0' && s[pos] <= U'9' && value < 100000) value = value * 10 + (s[pos++] - U'0');
  return pos > start;
}

// The escape after a backslash at `pos` (advanced past it) into `step`: a class (\s, \S) or one
// character. False for escapes we do not accept (\d, \w, \b, \p{..}, \x..).
bool read_escape(const std::u32string& s, size_t& pos, RegexStep& step) {
  if (pos >= s.size()) return false;
  const char32_t c = s[pos++];
  char32_t literal = 0;
  switch (c) {
    case U's': step.space = true; return true;
    case U'S': step.not_space = true; return true;
    case U'n': literal = U'\n'; break;
    case U'r': literal = U'\r'; break;
    case U't': literal = U'\t'; break;
    case U'f': literal = U'\f'; break;
    case U'v': literal = U'\v'; break;
    default:
      if (!is_regex_meta(c) && c != U' ') return false;
      literal = c;
  }
  step.ranges.emplace_back(literal, literal);
  return true;
}

// A bracket class from just after its "[" to just after its "]".
bool read_class(const std::u32string& s, size_t& pos, RegexStep& step) {
  if (pos < s.size() && s[pos] == U'^') {
    step.negated = true;
    ++pos;
  }
  bool first = true;
  while (pos < s.size() && (s[pos] != U']' || first)) {
    first = false;
    RegexStep item;
    if (s[pos] == U'\\') {
      ++pos;
      if (!read_escape(s, pos, item)) return false;
    } else if (s[pos] == U'[') {
      return false;  // nested classes and [:alpha:]
    } else {
      item.ranges.emplace_back(s[pos], s[pos]);
      ++pos;
    }
    // a-b: a range between two single characters
    if (item.ranges.size() == 1 && pos + 1 < s.size() && s[pos] == U'-' && s[pos + 1] != U']') {
      ++pos;
      char32_t high = s[pos++];
      if (high == U'\\') {
        RegexStep end;
        if (!read_escape(s, pos, end) || end.ranges.size() != 1) return false;
        high = end.ranges[0].first;
      }
      if (high < item.ranges[0].first) return false;
      item.ranges[0].second = high;
    }
    step.ranges.insert(step.ranges.end(), item.ranges.begin(), item.ranges.end());
    step.space = step.space || item.space;
    step.not_space = step.not_space || item.not_space;
  }
  if (pos >= s.size()) return false;
  ++pos;  // the "]"
  return true;
}

// An optional quantifier at `pos` into step.min / step.max.
bool read_quantifier(const std::u32string& s, size_t& pos, RegexStep& step) {
  if (pos >= s.size()) return true;
  const char32_t q = s[pos];
  if (q == U'?' || q == U'*' || q == U'+') {
    step.min = q == U'+' ? 1 : 0;
    step.max = q == U'?' ? 1 : SIZE_MAX;
    ++pos;
  } else if (q == U'{') {
    ++pos;
    if (!read_number(s, pos, step.min)) return false;
    step.max = step.min;
    if (pos < s.size() && s[pos] == U',') {
      ++pos;
      if (!read_number(s, pos, step.max)) step.max = SIZE_MAX;
    }
    if (pos >= s.size() || s[pos] != U'}' || step.max < step.min) return false;
    ++pos;
  } else {
    return true;
  }
  // Lazy (x+?) and possessive (x++) forms match differently: refused.
  return pos >= s.size() || (s[pos] != U'?' && s[pos] != U'+' && s[pos] != U'*' && s[pos] != U'{');
}

// The longest end of steps[k..] matched from `pos` trying greedy counts first, or SIZE_MAX.
size_t match_steps(const std::vector<RegexStep>& steps, size_t k, const std::u32string& text, size_t pos) {
  if (k == steps.size()) return pos;
  const RegexStep& step = steps[k];
  size_t n = 0;
  while (n < step.max && pos + n < text.size() && step.holds(text[pos + n])) ++n;
  for (;; --n) {
    if (n < step.min) return SIZE_MAX;
    const size_t end = match_steps(steps, k + 1, text, pos + n);
    if (end != SIZE_MAX) return end;
    if (n == 0) return SIZE_MAX;
  }
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

bool RegexStep::holds(char32_t c) const {
  bool in = (space && unicode::is_white_space(c)) || (not_space && !unicode::is_white_space(c));
  for (size_t i = 0; i < ranges.size() && !in; ++i) in = ranges[i].first <= c && c <= ranges[i].second;
  return in != negated;
}

bool ReplacePattern::parse_regex(const std::u32string& regex) {
  alternatives.assign(1, {});
  size_t pos = 0;
  while (pos < regex.size()) {
    const char32_t c = regex[pos];
    if (c == U'|') {
      alternatives.emplace_back();
      ++pos;
      continue;
    }
    RegexStep step;
    ++pos;
    if (c == U'\\') {
      if (!read_escape(regex, pos, step)) return false;
    } else if (c == U'[') {
      if (!read_class(regex, pos, step)) return false;
    } else if (c == U'.') {
      step.ranges.emplace_back(U'\n', U'\n');
      step.negated = true;
    } else if (is_regex_meta(c) && c != U'-' && c != U'/') {
      return false;  // groups, anchors, a quantifier with nothing before it
    } else {
      step.ranges.emplace_back(c, c);
    }
    if (!read_quantifier(regex, pos, step)) return false;
    alternatives.back().push_back(std::move(step));
  }
  for (const auto& steps : alternatives)  // a match must take at least one character
    if (std::all_of(steps.begin(), steps.end(), [](const RegexStep& s) { return s.min == 0; })) return false;
  return true;
}

size_t ReplacePattern::match_at(const std::u32string& text, size_t pos) const {
  if (!literal.empty()) return text.compare(pos, literal.size(), literal) == 0 ? literal.size() : 0;
  for (const auto& steps : alternatives) {
    const size_t end = match_steps(steps, 0, text, pos);
    if (end != SIZE_MAX) return end - pos;
  }
  return 0;
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
