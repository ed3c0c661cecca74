#pragma once
// What a loaded tokenizer is made of. Built once by the loader, then only read.
#include <memory>
#include <vector>

#include "attnmap/tokenizer.h"
#include "tokenizer/added_tokens.h"
#include "tokenizer/components.h"

namespace attnmap::tokenizer {

struct Pipeline {
  std::vector<AddedToken> added_tokens;
  std::vector<const AddedToken*> raw_added;         // matched before normalization
  std::vector<const AddedToken*> normalized_added;  // matched after it
  std::unique_ptr<Normalizer> normalizer;           // may be null
  std::unique_ptr<PreTokenizer> pre_tokenizer;      // may be null: the whole segment is one word
  std::unique_ptr<TokenModel> model;
  std::unique_ptr<PostProcessor> post_processor;    // never null
  size_t default_max_length = 0;                    // from tokenizer.json's truncation, 0 if none
  int64_t pad_id = 0;
  TokenizerKind kind = TokenizerKind::kTokenizerJson;
  TokenSpelling spelling = TokenSpelling::kPlain;
  // transformers' Python tokenizers (the .model path): the whitespace an lstrip / rstrip added
  // token takes is dropped from the neighbouring text (Python's str.isspace) and is not part of
  // the token, whose string is its content and whose offsets cover the content only. Otherwise, as
  // `tokenizers` does it, the token's string and offsets include that whitespace (" <mask>").
  bool slow_added_tokens = false;

  // Splits added_tokens into raw_added / normalized_added; call after filling added_tokens.
  void index_added_tokens();
  // Tokens of one sequence, before post-processing.
  Encoding encode_sequence(const std::u32string& text) const;
};

}  // namespace attnmap::tokenizer
