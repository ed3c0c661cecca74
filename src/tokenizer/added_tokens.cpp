#include "tokenizer/added_tokens.h"

#include "core/unicode_tables.h"

namespace attnmap::tokenizer {
namespace {

const AddedToken* longest_match_at(std::u32string_view text, size_t pos,
                                   const std::vector<const AddedToken*>& tokens) {
  const AddedToken* best = nullptr;
  for (const AddedToken* token : tokens) {
    const auto& c = token->content;
    if (c.empty() || c.size() > text.size() - pos) continue;
    if (best != nullptr && c.size() <= best->content.size()) continue;
    if (text[pos] == c[0] && text.compare(pos, c.size(), c) == 0) best = token;
  }
  return best;
}

// Which characters can start a match: those below U+0080 in a bitmap, any other one as "maybe",
// so that most positions of a text are passed over without trying every token.
class FirstChars {
 public:
  explicit FirstChars(const std::vector<const AddedToken*>& tokens) {
    for (const AddedToken* token : tokens) {
      if (token->content.empty()) continue;
      const char32_t c = token->content[0];
      if (c < 128) ascii_[c >> 6] |= uint64_t{1} << (c & 63);
      else other_ = true;
    }
  }
  bool may_start(char32_t c) const { return c < 128 ? (ascii_[c >> 6] >> (c & 63) & 1) != 0 : other_; }

 private:
  uint64_t ascii_[2] = {0, 0};
  bool other_ = false;
};

bool touches_word(std::u32string_view text, size_t begin, size_t end) {
  return (begin > 0 && unicode::is_word_char(text[begin - 1])) ||
         (end < text.size() && unicode::is_word_char(text[end]));
}

}  // namespace

std::vector<AddedTokenMatch> find_added_tokens(std::u32string_view text,
                                               const std::vector<const AddedToken*>& tokens, IsSpace is_space) {
  if (is_space == nullptr) is_space = unicode::is_white_space;
  std::vector<AddedTokenMatch> matches;
  if (tokens.empty()) return matches;
  const FirstChars first(tokens);
  size_t previous_end = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    const AddedToken* token = first.may_start(text[pos]) ? longest_match_at(text, pos, tokens) : nullptr;
    if (token == nullptr) {
      ++pos;
      continue;
    }
    size_t begin = pos;
    size_t end = pos + token->content.size();
    pos = end;
    if (token->single_word && touches_word(text, begin, end)) continue;
    const size_t content_begin = begin;
    if (token->lstrip)
      while (begin > previous_end && is_space(text[begin - 1])) --begin;
    if (token->rstrip)
      while (end < text.size() && is_space(text[end])) ++end;
    matches.push_back({begin, end, token, content_begin});
    previous_end = end;
    pos = end;
  }
  return matches;
}

}  // namespace attnmap::tokenizer
