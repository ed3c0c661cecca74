#pragma once
// Lookups shared by the vocabulary-based models (WordPiece, BPE): the token -> id map they load
// from tokenizer.json and its reverse, by_id[id] = token ("" where no token has that id).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace attnmap::tokenizer {

using TokenIds = std::unordered_map<std::string, int64_t>;

inline std::optional<int64_t> find_id(const TokenIds& vocab, std::string_view token) {
  auto it = vocab.find(std::string(token));
  if (it == vocab.end()) return std::nullopt;
  return it->second;
}

inline std::optional<std::string> find_token(const std::vector<std::string>& by_id, int64_t id) {
  if (id < 0 || static_cast<size_t>(id) >= by_id.size() || by_id[static_cast<size_t>(id)].empty())
    return std::nullopt;
  return by_id[static_cast<size_t>(id)];
}

}  // namespace attnmap::tokenizer
