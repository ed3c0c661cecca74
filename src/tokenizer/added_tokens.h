#pragma once
// Added tokens ([CLS], [MASK], <mask>, user additions) are matched in the text before the model
// sees it, leftmost-longest, and never split further.
#include <cstdint>
#include <string>
#include <vector>

namespace attnmap::tokenizer {

struct AddedToken {
  std::u32string content;
  int64_t id = 0;
  bool special = false;
  bool normalized = false;  // matched in normalized text (true) or in the raw text (false)
  bool lstrip = false;      // the match takes in whitespace on its left
  bool rstrip = false;      // ... and on its right
  bool single_word = false; // only matches when not inside a word
};

struct AddedTokenMatch {
  size_t begin, end;  // code points, whitespace taken by lstrip / rstrip included
  const AddedToken* token;
  size_t content_begin;  // where the token's own content starts, in [begin, end)
};

using IsSpace = bool (*)(char32_t);

// Finds the added tokens of `tokens` in `text`: at each position the longest token that matches;
// a single_word token touching a word character is dropped (and not retried shorter). lstrip /
// rstrip take in the characters `is_space` accepts (default: unicode::is_white_space, the regex
// crate's \s, as `tokenizers` does; the .model path passes Python's str.isspace).
std::vector<AddedTokenMatch> find_added_tokens(std::u32string_view text,
                                               const std::vector<const AddedToken*>& tokens,
                                               IsSpace is_space = nullptr);

}  // namespace attnmap::tokenizer
