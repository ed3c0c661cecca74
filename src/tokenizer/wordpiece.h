#pragma once
// WordPiece, as BERT uses it: greedy longest match from the left, continuation pieces looked up
// with a prefix: "unaffable" -> "un" "##aff" "##able". A word with any unmatched position, or
// longer than max_input_chars_per_word, becomes one unknown token.
#include <string>
#include <unordered_map>

#include "tokenizer/components.h"

namespace attnmap::tokenizer {

struct WordPieceOptions {
  std::string unk_token = "[UNK]";
  std::string continuing_subword_prefix = "##";
  size_t max_input_chars_per_word = 100;
};

class WordPiece final : public TokenModel {
 public:
  WordPiece(std::unordered_map<std::string, int64_t> vocab, WordPieceOptions options);

  void tokenize(const NormalizedString& word, std::vector<ModelToken>& out) const override;
  std::optional<int64_t> token_to_id(std::string_view token) const override;
  std::optional<std::string> id_to_token(int64_t id) const override;
  size_t vocab_size() const override { return by_id_.size(); }

 private:
  std::unordered_map<std::string, int64_t> vocab_;
  std::vector<std::string> by_id_;
  WordPieceOptions options_;
  int64_t unk_id_;
  size_t max_token_bytes_ = 0;  // of the longest vocabulary entry, prefix included
};

}  // namespace attnmap::tokenizer
