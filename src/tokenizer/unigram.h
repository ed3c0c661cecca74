#pragma once
// The Unigram model of sentencepiece-converted tokenizers, as Hugging Face `tokenizers` runs it
// (models/unigram/model.rs, shared TOKENIZERS.md §4): the segmentation of a pre-token that
// maximizes the sum of the pieces' log-probability scores (Viterbi), e.g. with "▁the" -3.0 and
// "▁" -4.0, "t" -3.6, "he" -5.0, "▁the" is one token (-3.0 beats -4.0 - 3.6 - 5.0).
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "tokenizer/components.h"

namespace attnmap::tokenizer {

struct UnigramOptions {
  std::optional<int64_t> unk_id;
  bool byte_fallback = false;  // unknown pieces become <0xXX> byte tokens when all exist
};

class Unigram final : public TokenModel {
 public:
  // vocab[i] = (piece, score); the id of a piece is its index (a later duplicate wins lookups).
  Unigram(std::vector<std::pair<std::string, double>> vocab, UnigramOptions options);

  void tokenize(const NormalizedString& word, std::vector<ModelToken>& out) const override;
  std::optional<int64_t> token_to_id(std::string_view token) const override;
  std::optional<std::string> id_to_token(int64_t id) const override;
  size_t vocab_size() const override { return vocab_.size(); }

 private:
  struct Piece {
    size_t begin, end;  // code points in the word
    int64_t id;         // the unk id for a run of unknown characters
  };
  // The best path's pieces, in order, consecutive unknowns merged into one.
  std::vector<Piece> best_path(const std::u32string& word) const;
  void emit(const std::u32string& word, const Piece& piece, std::vector<ModelToken>& out) const;
  // Child of trie node `node` for character c, or -1. Node 0 is the root.
  int64_t child(int64_t node, char32_t c) const;

  std::vector<std::pair<std::string, double>> vocab_;
  std::unordered_map<std::string, int64_t> ids_;
  // A character trie over the pieces: edges keyed by (node << 21) | c, and the id ending at a node.
  std::unordered_map<uint64_t, int64_t> edges_;
  std::vector<int64_t> node_id_;
  UnigramOptions options_;
  double unk_score_ = 0.0;
};

}  // namespace attnmap::tokenizer
