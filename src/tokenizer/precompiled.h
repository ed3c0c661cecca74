#pragma once
// The Precompiled normalizer of sentencepiece-converted tokenizer.json files (XLM-R, T5, ALBERT):
// sentencepiece's normalization rules (NFKC-like folding: "ﬁ" -> "fi", "①" -> "1", "\t" -> " ")
// compiled into a double-array trie over UTF-8 bytes plus a pool of NUL-terminated replacements.
// The rules are data; what this file reproduces is how Hugging Face `tokenizers`
// (normalizers/precompiled.rs) applies them, which is not how libsentencepiece does (see
// shared TOKENIZERS.md §4 and Precompiled::normalize).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tokenizer/components.h"

namespace attnmap::tokenizer {

// The charsmap blob: [u32 LE trie size in bytes][trie units, u32 LE each][replacement pool].
class CharsMap {
 public:
  // Parses the decoded blob; throws Error::input when it is truncated or inconsistent.
  explicit CharsMap(std::string_view blob);

  // The replacement for the shortest rule that is a prefix of `key` (UTF-8), if any.
  // E.g. for "ｅ\u0301" the rule "ｅ" -> "e" is the first hit, so the answer is "e".
  std::optional<std::string_view> shortest_prefix_rule(std::string_view key) const;

 private:
  std::vector<uint32_t> units_;
  std::string pool_;
};

class Precompiled final : public Normalizer {
 public:
  explicit Precompiled(CharsMap map) : map_(std::move(map)) {}
  void normalize(NormalizedString& text) const override;

 private:
  CharsMap map_;
};

}  // namespace attnmap::tokenizer
