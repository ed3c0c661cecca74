#pragma once
// The Strip and Replace normalizers that transformers' XLM-R converter puts after Precompiled:
// Sequence[Precompiled, Strip(right), Replace(Regex(" {2,}") -> "▁")] (normalizers/strip.rs,
// normalizers/replace.rs of Hugging Face tokenizers).
#include <string>

#include "tokenizer/components.h"

namespace attnmap::tokenizer {

// Removes leading and / or trailing whitespace (Rust's char::is_whitespace); the kept characters
// keep their alignments.
class Strip final : public Normalizer {
 public:
  Strip(bool left, bool right) : left_(left), right_(right) {}
  void normalize(NormalizedString& text) const override;

 private:
  bool left_, right_;
};

// What Replace looks for. tokenizers takes a literal string or an Oniguruma regex; attnmap accepts
// the literals and the regexes that are one character repeated: "X+", "X{n,}", "X{n}", "X{n,m}"
// (X a literal or a backslash-escaped character), which is what converters write. The loader
// refuses any other regex instead of guessing.
struct ReplacePattern {
  std::u32string literal;  // non-empty: the literal pattern
  char32_t repeated = 0;   // else: this character, repeated min..max times (greedy)
  size_t min = 1, max = SIZE_MAX;

  // Parses tokenizer.json's {"Regex": ...} form; false when it is not of the accepted shape.
  bool parse_regex(const std::u32string& regex);
  // Length of the match at `pos`, 0 when none.
  size_t match_at(const std::u32string& text, size_t pos) const;
};

// Replaces every non-overlapping match, leftmost first. As in tokenizers, the replacement's
// characters are all insertions after the removed match, so each takes the alignment of the
// match's LAST character: "a   b" with " {2,}" -> "▁" gives "a▁b" with the "▁" on the third
// space, (3,4), and the token "▁b" spans (3,5).
class Replace final : public Normalizer {
 public:
  Replace(ReplacePattern pattern, std::u32string content) : pattern_(std::move(pattern)), content_(std::move(content)) {}
  void normalize(NormalizedString& text) const override;

 private:
  ReplacePattern pattern_;
  std::u32string content_;
};

}  // namespace attnmap::tokenizer
