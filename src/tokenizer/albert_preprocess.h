#pragma once
// What transformers' slow AlbertTokenizer did to text in Python before sentencepiece saw it
// (tokenize() and preprocess_text()), as a Normalizer that keeps each character's original span:
//   1. remove_space: " ".join(text.strip().split())  (Python whitespace; a run becomes one " "
//      with the span of its first character)
//   2. "``" and "''" -> '"'  (the new character spans both)
//   3. per character: lower() when do_lower_case, then NFKD without combining marks unless
//      keep_accents, then lower() again ("Ünïcode" -> "unicode").
// Python's lower() is applied one character at a time, as tokenize() did, so there is no
// final-sigma rule ("ΟΔΟΣ" -> "οδοσ").
#include "tokenizer/components.h"

namespace attnmap::tokenizer {

struct AlbertPreprocessOptions {
  bool remove_space = true;
  bool keep_accents = false;
  bool do_lower_case = true;
};

class AlbertPreprocess final : public Normalizer {
 public:
  explicit AlbertPreprocess(AlbertPreprocessOptions options) : options_(options) {}
  void normalize(NormalizedString& text) const override;

 private:
  AlbertPreprocessOptions options_;
};

}  // namespace attnmap::tokenizer
