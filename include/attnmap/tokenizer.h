#pragma once
// Text to tokens, exactly as Hugging Face `tokenizers` does it for the same tokenizer.json.
//
//   auto tok = attnmap::Tokenizer::from_file("models/sentiment-bert/tokenizer.json");
//   attnmap::Encoding e = tok.encode("Not bad at all.");
//   // e.tokens: [CLS] not bad at all . [SEP]
//
// A Tokenizer is immutable after loading and cheap to copy; encode() is safe to call from several
// threads at once.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string_view>

#include "attnmap/encoding.h"

namespace attnmap {

namespace tokenizer {
struct Pipeline;
}

struct EncodeOptions {
  // Longest encoding allowed, special tokens included; 0 means the tokenizer.json's own
  // truncation limit, or no limit when it has none.
  size_t max_length = 0;
  // When the text is too long: drop tokens from the end (true, marking Encoding::truncated) or
  // throw Error::input (false).
  bool truncate = true;
};

class Tokenizer {
 public:
  // Loads a Hugging Face tokenizer.json. Throws Error::io when the file cannot be read and
  // Error::input when it is malformed or uses a component attnmap does not support (named).
  static Tokenizer from_file(const std::filesystem::path& tokenizer_json);
  static Tokenizer from_json(std::string_view json, const std::string& where = "tokenizer.json");

  // Throws Error::input on invalid UTF-8 (naming the byte offset) and, with truncate = false,
  // when the encoding would be longer than max_length.
  Encoding encode(std::string_view text, const EncodeOptions& options = {}) const;
  Encoding encode_pair(std::string_view first, std::string_view second,
                       const EncodeOptions& options = {}) const;

  std::optional<int64_t> token_to_id(std::string_view token) const;
  // One more than the highest id the tokenizer can produce: the embedding table must have at
  // least this many rows.
  int64_t id_limit() const;
  int64_t pad_id() const;

  explicit Tokenizer(std::shared_ptr<const tokenizer::Pipeline> pipeline);

 private:
  std::shared_ptr<const tokenizer::Pipeline> pipeline_;
};

}  // namespace attnmap
