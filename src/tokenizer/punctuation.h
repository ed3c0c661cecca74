#pragma once
// tokenizers' Punctuation pre-tokenizer (pre_tokenizers/punctuation.rs): splits on every punctuation
// character (the test BertPreTokenizer uses, unicode::bert_is_punctuation), which the behaviour
// keeps as its own piece (isolated, the default), drops (removed), joins to the piece before or
// after it, or keeps with its neighbours as one piece (contiguous). DeBERTa-v2's split_by_punct.
#include "tokenizer/components.h"

namespace attnmap::tokenizer {

enum class SplitBehavior { kRemoved, kIsolated, kMergedWithPrevious, kMergedWithNext, kContiguous };

class PunctuationPreTokenizer final : public PreTokenizer {
 public:
  explicit PunctuationPreTokenizer(SplitBehavior behavior) : behavior_(behavior) {}
  std::vector<NormalizedString> split(const NormalizedString& text) const override;

 private:
  SplitBehavior behavior_;
};

}  // namespace attnmap::tokenizer
