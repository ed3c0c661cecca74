#include <nlohmann/json.hpp>

#include <limits>

#include "attnmap/error.h"
#include "attnmap/files.h"
#include "core/decimal.h"
#include "core/json_depth.h"
#include "core/utf8.h"
#include "tokenizer/loaders.h"

namespace attnmap::tokenizer {
namespace {

using json = nlohmann::json;

// A string, or an AddedToken object as transformers saves it ({"__type": "AddedToken",
// "content": ..., "lstrip": ...}); special tokens default to special and not normalized.
std::optional<AddedToken> token_from(const json& j, bool special_default) {
  AddedToken t;
  t.special = special_default;
  t.normalized = !special_default;
  if (j.is_string()) {
    t.content = utf8::decode(j.get<std::string>(), "tokenizer_config.json token");
  } else if (j.is_object() && j.contains("content") && j["content"].is_string()) {
    t.content = utf8::decode(j["content"].get<std::string>(), "tokenizer_config.json token");
    t.special = j.value("special", special_default);
    t.normalized = j.value("normalized", !t.special);
    t.lstrip = j.value("lstrip", false);
    t.rstrip = j.value("rstrip", false);
    t.single_word = j.value("single_word", false);
  } else {
    return std::nullopt;
  }
  if (t.content.empty()) return std::nullopt;
  return t;
}

void read_into(const json& j, TokenizerConfig& c, const std::string& where) {
  c.tokenizer_class = j.value("tokenizer_class", "");
  for (const auto& [key, value] : j.items()) {
    if (value.is_boolean()) c.flags[key] = value.get<bool>();
    if (key.size() > 6 && key.compare(key.size() - 6, 6, "_token") == 0)
      if (auto t = token_from(value, true)) c.specials[key] = *t;
  }
  if (j.contains("added_tokens_decoder") && j["added_tokens_decoder"].is_object()) {
    for (const auto& [id, value] : j["added_tokens_decoder"].items()) {
      auto t = token_from(value, false);
      if (!t) continue;
      const std::optional<uint64_t> number = parse_decimal_id(id, std::numeric_limits<uint32_t>::max());
      if (!number)
        throw Error::input("tokenizer_config.json added_tokens_decoder key '" + id + "' is not a token id", where);
      t->id = static_cast<int64_t>(*number);
      c.added_tokens_decoder.push_back(*t);
    }
  }
}

}  // namespace

bool TokenizerConfig::flag(const std::string& name, const std::optional<bool>& option, bool fallback) const {
  auto it = flags.find(name);
  if (it != flags.end()) return it->second;
  return option.value_or(fallback);
}

AddedToken TokenizerConfig::special(const std::string& key, const std::string& fallback) const {
  auto it = specials.find(key);
  if (it != specials.end()) return it->second;
  AddedToken t;
  t.content = utf8::decode(fallback, "special token");
  t.special = true;
  t.normalized = false;
  return t;
}

TokenizerConfig read_tokenizer_config(const std::filesystem::path& directory) {
  TokenizerConfig c;
  const auto path = directory / "tokenizer_config.json";
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return c;
  try {
    const std::string text = read_file(path);
    check_json_depth(text, path.string());
    json j = json::parse(text);
    if (!j.is_object()) throw Error::input("tokenizer_config.json is not an object", path.string());
    read_into(j, c, path.string());
  } catch (const json::exception& e) {
    throw Error::input(std::string("malformed tokenizer_config.json: ") + e.what(), path.string());
  }
  return c;
}

int64_t add_special_token(Pipeline& p, AddedToken token, const std::optional<int64_t>& vocab_id) {
  for (const auto& t : p.added_tokens)
    if (t.content == token.content) return t.id;
  if (vocab_id) {
    token.id = *vocab_id;
  } else {
    token.id = static_cast<int64_t>(p.model->vocab_size());
    for (const auto& t : p.added_tokens) token.id = std::max(token.id, t.id + 1);
  }
  p.added_tokens.push_back(std::move(token));
  return p.added_tokens.back().id;
}

}  // namespace attnmap::tokenizer
