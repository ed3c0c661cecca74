#pragma once
// Builders of a Pipeline from tokenizer files other than tokenizer.json, and the settings they read
// from tokenizer_config.json. Tokenizer::from_path (tokenizer_files.cpp) picks one.
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "attnmap/tokenizer.h"
#include "tokenizer/added_tokens.h"
#include "tokenizer/pipeline.h"

namespace attnmap::tokenizer {

// The parts of transformers' tokenizer_config.json the loaders use. Special tokens there are a
// string ("[CLS]") or an AddedToken object ({"content": "<mask>", "lstrip": true, ...}).
struct TokenizerConfig {
  std::string tokenizer_class;                  // "BertTokenizer", "XLMRobertaTokenizer", ... or ""
  std::map<std::string, bool> flags;            // boolean settings; null ones are left out
  std::map<std::string, AddedToken> specials;   // "cls_token" -> its token (id not set)
  std::vector<AddedToken> added_tokens_decoder; // with their ids

  // The setting: the file's value, else `option`, else `fallback`.
  bool flag(const std::string& name, const std::optional<bool>& option, bool fallback) const;
  // The special token named `key` ("cls_token"), else a special, non-normalized `fallback`.
  AddedToken special(const std::string& key, const std::string& fallback) const;
};

// Reads `directory`/tokenizer_config.json; an empty config when there is none. Throws
// Error::input when it is malformed.
TokenizerConfig read_tokenizer_config(const std::filesystem::path& directory);

// Puts `token` into p.added_tokens unless its content is already there; `vocab_id` gives the id of
// a content in the model's vocabulary, else the token takes the next free id. Returns its id.
int64_t add_special_token(Pipeline& p, AddedToken token, const std::optional<int64_t>& vocab_id);

std::shared_ptr<Pipeline> load_wordpiece_vocab(const std::filesystem::path& vocab_txt, const LoadOptions& options);
std::shared_ptr<Pipeline> load_bpe_vocab(const std::filesystem::path& vocab_json, const LoadOptions& options);
std::shared_ptr<Pipeline> load_sentencepiece(const std::filesystem::path& model_file, const LoadOptions& options);

}  // namespace attnmap::tokenizer
