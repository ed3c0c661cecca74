#include "tokenizer/wordpiece.h"
#include "tokenizer/vocabulary.h"

#include <algorithm>

#include "attnmap/error.h"
#include "core/utf8.h"

namespace attnmap::tokenizer {

WordPiece::WordPiece(std::unordered_map<std::string, int64_t> vocab, WordPieceOptions options)
    : vocab_(std::move(vocab)), options_(std::move(options)) {
  auto unk = vocab_.find(options_.unk_token);
  if (unk == vocab_.end())
    throw Error::input("WordPiece unknown token '" + options_.unk_token + "' is not in the vocabulary");
  unk_id_ = unk->second;
  by_id_ = reverse_table(vocab_, "WordPiece");
  for (const auto& entry : vocab_) max_token_bytes_ = std::max(max_token_bytes_, entry.first.size());
}

void WordPiece::tokenize(const NormalizedString& word, std::vector<ModelToken>& out) const {
  const size_t n = word.size();
  if (n == 0) return;
  if (n > options_.max_input_chars_per_word) {
    out.push_back({unk_id_, options_.unk_token, 0, n});
    return;
  }
  // Byte offset of each code point, so candidate pieces are plain substrings of the UTF-8 word.
  std::string utf8;
  std::vector<size_t> byte_at(n + 1);
  for (size_t i = 0; i < n; ++i) {
    byte_at[i] = utf8.size();
    utf8::append(utf8, word.chars[i]);
  }
  byte_at[n] = utf8.size();

  const size_t first = out.size();
  std::string candidate;
  size_t start = 0;
  while (start < n) {
    // Pieces longer than the longest vocabulary entry cannot match: the search starts below them.
    const size_t prefix = start > 0 ? options_.continuing_subword_prefix.size() : 0;
    size_t end = n;
    while (end > start && prefix + byte_at[end] - byte_at[start] > max_token_bytes_) --end;
    const std::unordered_map<std::string, int64_t>::value_type* match = nullptr;
    for (; end > start; --end) {
      candidate.clear();
      if (start > 0) candidate = options_.continuing_subword_prefix;
      candidate.append(utf8, byte_at[start], byte_at[end] - byte_at[start]);
      auto it = vocab_.find(candidate);
      if (it != vocab_.end()) {
        match = &*it;
        break;
      }
    }
    if (match == nullptr) {
      out.resize(first);
      out.push_back({unk_id_, options_.unk_token, 0, n});
      return;
    }
    out.push_back({match->second, match->first, start, end});
    start = end;
  }
}

std::optional<int64_t> WordPiece::token_to_id(std::string_view token) const { return find_id(vocab_, token); }

std::optional<std::string> WordPiece::id_to_token(int64_t id) const { return find_token(by_id_, id); }

}  // namespace attnmap::tokenizer
