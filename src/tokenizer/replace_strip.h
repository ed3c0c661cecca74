#pragma once
// The Strip and Replace normalizers that transformers' XLM-R converter puts after Precompiled:
// Sequence[Precompiled, Strip(right), Replace(Regex(" {2,}") -> "▁")] (normalizers/strip.rs,
// normalizers/replace.rs of Hugging Face tokenizers).
#include <string>
#include <utility>
#include <vector>

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

// One step of a Replace regex: a set of characters, matched min..max times (greedy).
struct RegexStep {
  std::vector<std::pair<char32_t, char32_t>> ranges;  // inclusive
  bool space = false;      // also \s: unicode::is_white_space (Oniguruma's \s, the generator checks)
  bool not_space = false;  // also \S
  bool negated = false;    // [^...]: every character the above do not hold
  size_t min = 1, max = 1;

  bool holds(char32_t c) const;
};

// What Replace looks for. tokenizers takes a literal string or an Oniguruma regex; attnmap accepts
// the literals and the regexes converters write: alternatives ("|", tried left to right, the first
// that matches wins, as in Oniguruma) of sequences of steps, each a character, an escape (\s, \S,
// \n, \r, \t, \f, \v, an escaped metacharacter), "." (anything but \n) or a bracket class with
// ranges and those escapes, optionally quantified by ?, *, +, {n}, {n,} or {n,m} (greedy). E.g.
// " {2,}" (XLM-R, DeBERTa-v3) and "\s{2,}|[\n\r\t]" (DeBERTa-v2 of transformers 5). The loader
// refuses any other regex (groups, anchors, other classes, lazy quantifiers) and any that can match
// the empty string, instead of guessing.
struct ReplacePattern {
  std::u32string literal;  // non-empty: the literal pattern
  std::vector<std::vector<RegexStep>> alternatives;  // else: the regex

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
