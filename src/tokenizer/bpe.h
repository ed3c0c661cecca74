#pragma once
// Byte-pair encoding as Hugging Face `tokenizers` runs it (models/bpe; shared TOKENIZERS.md §3):
// a word starts as one symbol per character, then the adjacent pair with the lowest merge rank is
// merged, leftmost first among equal ranks, until no adjacent pair has a merge. With RoBERTa's
// merges "Ġ t", "h e", "Ġt he", "Ġthe" is "Ġ" "t" "h" "e" -> "Ġt" "h" "e" -> "Ġt" "he" -> "Ġthe".
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "tokenizer/components.h"

namespace attnmap::tokenizer {

struct BpeOptions {
  std::optional<std::string> unk_token;   // none: unknown characters are dropped
  std::string continuing_subword_prefix;  // put before every character but the first ("" = none)
  std::string end_of_word_suffix;         // put after the last character ("" = none)
  bool fuse_unk = false;                  // consecutive unknown characters make one unknown token
  bool byte_fallback = false;             // an unknown character becomes its "<0xXX>" byte tokens
  bool ignore_merges = false;             // a word that is itself in the vocabulary is one token
};

class Bpe final : public TokenModel {
 public:
  using Merge = std::pair<std::string, std::string>;

  // `merges` in rank order (rank = index; a repeated pair keeps its last rank). Throws Error::input
  // when a merge names, or makes, a token that is not in the vocabulary, like tokenizers' loader.
  Bpe(std::unordered_map<std::string, int64_t> vocab, const std::vector<Merge>& merges, BpeOptions options);

  void tokenize(const NormalizedString& word, std::vector<ModelToken>& out) const override;
  std::optional<int64_t> token_to_id(std::string_view token) const override;
  std::optional<std::string> id_to_token(int64_t id) const override;
  size_t vocab_size() const override { return by_id_.size(); }

 private:
  // A symbol of the word being merged, in a doubly linked list over a vector. Lengths are in UTF-8
  // bytes, as tokenizers counts them, so that byte-fallback pieces of one character each get one.
  struct Symbol {
    uint32_t id;
    uint32_t bytes;  // 0 once merged into the symbol on its left
    int32_t prev, next;
  };
  struct MergeResult {
    uint32_t rank;
    uint32_t id;
  };
  // (left id, right id) -> merge, open addressing with linear probing: the lookup of the merge
  // loop, several per symbol, so it avoids std::unordered_map's modulo and pointer chasing.
  class MergeMap {
   public:
    void reserve(size_t n);
    void set(uint32_t left, uint32_t right, MergeResult merge);  // replaces an earlier value
    const MergeResult* find(uint32_t left, uint32_t right) const;

   private:
    static constexpr uint64_t kEmpty = ~uint64_t{0};  // no pair of ids below 2^32 - 1 makes it
    size_t slot(uint64_t key) const { return static_cast<size_t>((key * 0x9E3779B97F4A7C15ull) >> shift_); }
    std::vector<uint64_t> keys_;
    std::vector<MergeResult> values_;
    unsigned shift_ = 64;
  };

  void initial_symbols(const NormalizedString& word, std::vector<Symbol>& symbols) const;
  std::optional<uint32_t> char_id(char32_t c, bool first, bool last, std::string& scratch) const;
  bool push_byte_fallback(const std::string& piece, std::vector<Symbol>& symbols) const;
  uint32_t unk_id() const;
  void merge_all(std::vector<Symbol>& symbols) const;
  void emit(const NormalizedString& word, const std::vector<Symbol>& symbols, std::vector<ModelToken>& out) const;

  std::unordered_map<std::string, int64_t> vocab_;
  std::vector<std::string> by_id_;
  // Tokens of one character (used where no prefix / suffix applies): below U+0180, which holds the
  // whole byte-level alphabet, in an array (kNoId = none), the others in a map.
  static constexpr uint32_t kNoId = ~uint32_t{0};
  std::vector<uint32_t> small_char_ids_;
  std::unordered_map<char32_t, uint32_t> char_ids_;
  MergeMap merges_;
  BpeOptions options_;
};

}  // namespace attnmap::tokenizer
