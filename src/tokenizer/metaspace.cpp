#include "tokenizer/metaspace.h"

#include "core/unicode_tables.h"

namespace attnmap::tokenizer {

std::vector<NormalizedString> Metaspace::split(const NormalizedString& text) const {
  NormalizedString s = text;
  const char32_t rep = options_.replacement;
  s.transform([rep](char32_t c, std::u32string& out) { out.push_back(c == U' ' ? rep : c); });
  // tokenizers' prepend: the new first character replaces the old one's place (change 0, its
  // alignment) and the old one is re-inserted (+1, the alignment just consumed): both share it.
  // `first` tests the piece's start in the original text, so it fires for the text's first
  // segment only, not after an added token or in a later word.
  bool prepend = options_.prepend_scheme == PrependScheme::kAlways ||
                 (options_.prepend_scheme == PrependScheme::kFirst && !s.empty() && s.align[0].begin == 0);
  if (prepend && !s.empty() && s.chars[0] != rep) {
    s.chars.insert(s.chars.begin(), rep);
    s.align.insert(s.align.begin(), s.align[0]);
  }
  std::vector<NormalizedString> pieces;
  if (!options_.split) {
    if (!s.empty()) pieces.push_back(std::move(s));
    return pieces;
  }
  // MergedWithNext: each replacement opens a piece.
  size_t start = 0;
  for (size_t i = 1; i <= s.size(); ++i) {
    if (i == s.size() || s.chars[i] == rep) {
      if (i > start) pieces.push_back(s.substr(start, i));
      start = i;
    }
  }
  return pieces;
}

std::vector<NormalizedString> WhitespaceSplit::split(const NormalizedString& text) const {
  std::vector<NormalizedString> words;
  size_t start = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || unicode::is_white_space(text.chars[i])) {
      if (i > start) words.push_back(text.substr(start, i));
      start = i + 1;
    }
  }
  return words;
}

std::vector<NormalizedString> SequencePreTokenizer::split(const NormalizedString& text) const {
  std::vector<NormalizedString> pieces{text};
  for (const auto& step : steps_) {
    std::vector<NormalizedString> next;
    for (const auto& piece : pieces) {
      auto parts = step->split(piece);
      for (auto& p : parts) next.push_back(std::move(p));
    }
    pieces = std::move(next);
  }
  return pieces;
}

}  // namespace attnmap::tokenizer
