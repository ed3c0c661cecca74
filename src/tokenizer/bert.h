#pragma once
// BERT's normalizer and pre-tokenizer, as Hugging Face `tokenizers` implements them
// (see shared TOKENIZERS.md §2).
#include "tokenizer/components.h"

namespace attnmap::tokenizer {

struct BertNormalizerOptions {
  bool clean_text = true;
  bool handle_chinese_chars = true;
  bool strip_accents = true;  // tokenizer.json's null means "same as lowercase"
  bool lowercase = true;
};

class BertNormalizer final : public Normalizer {
 public:
  explicit BertNormalizer(BertNormalizerOptions options) : options_(options) {}
  void normalize(NormalizedString& text) const override;

 private:
  BertNormalizerOptions options_;
};

// Splits on whitespace (dropped) and isolates every punctuation character:
// "Hello, world!" -> "Hello" "," "world" "!". The character classes are unicode::is_white_space
// and unicode::bert_is_punctuation.
class BertPreTokenizer final : public PreTokenizer {
 public:
  std::vector<NormalizedString> split(const NormalizedString& text) const override;
};

}  // namespace attnmap::tokenizer
