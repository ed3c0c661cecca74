#pragma once
// Lookups shared by the vocabulary-based models (WordPiece, BPE): the token -> id map they load
// from tokenizer.json and its reverse, by_id[id] = token ("" where no token has that id).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "attnmap/error.h"

namespace attnmap::tokenizer {

using TokenIds = std::unordered_map<std::string, int64_t>;

// The reverse table by_id[id] = token. It is dense, so ids must be too: throws Error::input for a
// negative id, or one at least twice the number of entries plus 1024 (a vocabulary of three
// entries with id 4,000,000,000 would take 128 GB; no real vocabulary has holes like that).
inline std::vector<std::string> reverse_table(const TokenIds& vocab, const char* model) {
  const int64_t limit = 2 * static_cast<int64_t>(vocab.size()) + 1024;
  std::vector<std::string> by_id;
  for (const auto& [token, id] : vocab) {
    if (id < 0 || id >= limit)
      throw Error::input(std::string(model) + " vocabulary id " + std::to_string(id) + " of '" + token +
                         "' is negative or far beyond its " + std::to_string(vocab.size()) + " entries");
    if (static_cast<size_t>(id) >= by_id.size()) by_id.resize(static_cast<size_t>(id) + 1);
    by_id[static_cast<size_t>(id)] = token;
  }
  return by_id;
}

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
