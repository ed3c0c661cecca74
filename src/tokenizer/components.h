#pragma once
// The stages of a Hugging Face style tokenization pipeline, each behind a small interface:
//   added-token split -> Normalizer -> PreTokenizer -> TokenModel -> PostProcessor.
// Implementations hold immutable state built once at load; they are safe to share between threads.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "attnmap/encoding.h"
#include "tokenizer/normalized_string.h"

namespace attnmap::tokenizer {

class Normalizer {
 public:
  virtual ~Normalizer() = default;
  virtual void normalize(NormalizedString& text) const = 0;
};

class PreTokenizer {
 public:
  virtual ~PreTokenizer() = default;
  // Splits normalized text into pre-tokens ("words"); empty pieces are dropped.
  virtual std::vector<NormalizedString> split(const NormalizedString& text) const = 0;
};

struct ModelToken {
  int64_t id;
  std::string value;
  size_t begin, end;  // code point range within the pre-token
};

class TokenModel {
 public:
  virtual ~TokenModel() = default;
  virtual void tokenize(const NormalizedString& word, std::vector<ModelToken>& out) const = 0;
  virtual std::optional<int64_t> token_to_id(std::string_view token) const = 0;
  virtual std::optional<std::string> id_to_token(int64_t id) const = 0;
  virtual size_t vocab_size() const = 0;
};

class PostProcessor {
 public:
  virtual ~PostProcessor() = default;
  // How many tokens the template adds around one sequence (pair = false) or two.
  virtual size_t added_tokens(bool pair) const = 0;
  // Wraps the model's tokens in the template's special tokens.
  virtual Encoding process(const Encoding& first, const Encoding* second) const = 0;
};

}  // namespace attnmap::tokenizer
