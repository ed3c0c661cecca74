#pragma once
// What transformers' slow AlbertTokenizer did to text in Python before sentencepiece saw it, in
// its two places, each keeping every character's original span:
//
// PythonLowercase (a Normalizer): tokenize() lowercased the text around the special tokens, one
// character at a time (so no final-sigma rule: "ΟΔΟΣ" -> "οδοσ"), then split on the specials, so
// "<PAD>" became the special "<pad>"; the Pipeline looks for the specials again after it.
//
// AlbertPreprocess (a PreTokenizer that returns the whole stretch as one piece): _tokenize()'s
// preprocess_text() on each stretch between specials:
//   1. remove_space: " ".join(text.strip().split())  (Python whitespace; a run becomes one " "
//      with the span of its first character)
//   2. "``" and "''" -> '"'  (the new character spans both)
//   3. per character: NFKD without combining marks unless keep_accents, then lower() when
//      do_lower_case ("ünïcode" -> "unicode"). A pre-tokenizer, not a normalizer, because it comes
//      after the split on specials: "<únk>" is not the special "<unk>".
#include "tokenizer/components.h"

namespace attnmap::tokenizer {

struct AlbertPreprocessOptions {
  bool remove_space = true;
  bool keep_accents = false;
  bool do_lower_case = true;
};

class PythonLowercase final : public Normalizer {
 public:
  void normalize(NormalizedString& text) const override;
};

class AlbertPreprocess final : public PreTokenizer {
 public:
  explicit AlbertPreprocess(AlbertPreprocessOptions options) : options_(options) {}
  std::vector<NormalizedString> split(const NormalizedString& text) const override;

 private:
  AlbertPreprocessOptions options_;
};

}  // namespace attnmap::tokenizer
