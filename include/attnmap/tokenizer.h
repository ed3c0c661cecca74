#pragma once
// Text to tokens, exactly as Hugging Face does it for the same tokenizer files.
//
//   auto tok = attnmap::Tokenizer::from_path("models/sentiment-bert");
//   attnmap::Encoding e = tok.encode("Not bad at all.");
//   // e.tokens: [CLS] not bad at all . [SEP]
//
// Four kinds of tokenizer files, each matched against its own reference:
//   tokenizer.json   Hugging Face `tokenizers` with that file
//   sentencepiece    a .model file (XLM-R, CamemBERT, ALBERT), encoded by libsentencepiece with
//                    the family's id mapping and template, as transformers' slow (Python)
//                    tokenizers did
//   wordpiece-vocab  a BERT vocab.txt, built as transformers' BertTokenizer builds it
//   bpe-vocab        a RoBERTa vocab.json + merges.txt, built as RobertaTokenizer builds it
// For the last three, tokenizer_config.json beside the file (when there is one) supplies the
// settings (do_lower_case, strip_accents, tokenize_chinese_chars, keep_accents, remove_space,
// add_prefix_space, trim_offsets, the special tokens and added_tokens_decoder); LoadOptions fill
// in what it does not say; then transformers' defaults.
//
// A Tokenizer is immutable after loading and cheap to copy; encode() is safe to call from several
// threads at once.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
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

enum class TokenizerKind { kTokenizerJson, kSentencePiece, kWordPieceVocab, kBpeVocab };

// The manifest's names: "tokenizer.json", "sentencepiece", "wordpiece-vocab", "bpe-vocab".
std::string tokenizer_kind_name(TokenizerKind kind);
// Throws Error::input naming the supported kinds when `name` is none of them.
TokenizerKind parse_tokenizer_kind(std::string_view name, const std::string& where = {});

// Settings for tokenizer files that do not carry them (all but tokenizer.json). Unset fields take
// tokenizer_config.json's value beside the file, else transformers' default (in brackets).
struct LoadOptions {
  // Family of a .model: "xlm-roberta", "camembert", "albert" or "deberta-v2". Unset: tokenizer_config.json's
  // tokenizer_class, else model_type of attnmap.json or config.json in the same directory, else
  // "deberta-v2" when the model has a "[PAD]" piece, "albert" when it has "[CLS]", "xlm-roberta" otherwise.
  std::optional<std::string> family;
  std::optional<bool> do_lower_case;          // BERT [true], ALBERT [true]
  std::optional<bool> strip_accents;          // BERT [= do_lower_case]
  std::optional<bool> tokenize_chinese_chars; // BERT [true]
  std::optional<bool> keep_accents;           // ALBERT [false]
  std::optional<bool> remove_space;           // ALBERT [true]
  std::optional<bool> add_prefix_space;       // RoBERTa [false]
  std::optional<bool> trim_offsets;           // RoBERTa [true]
  // The merges file of a vocab.json; unset: merges.txt beside it.
  std::optional<std::filesystem::path> merges_file;
};

class Tokenizer {
 public:
  // Picks the tokenizer for `path`: a tokenizer.json, a .model, a vocab.txt, a vocab.json (with
  // merges.txt beside it), or a directory: the first found of tokenizer.json, a *.model
  // (sentencepiece.bpe.model, spiece.model, then others by name), vocab.txt, vocab.json +
  // merges.txt. (For an attnmap bundle, whose manifest names its tokenizer, use load_tokenizer
  // of bundle.h.) Throws Error::io when the path does not exist, Error::input when it holds none of
  // these or a file is malformed.
  static Tokenizer from_path(const std::filesystem::path& path, const LoadOptions& options = {});
  // One kind, named explicitly (e.g. a manifest's tokenizer.kind).
  static Tokenizer from_kind(TokenizerKind kind, const std::filesystem::path& file,
                             const LoadOptions& options = {});

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
  TokenizerKind kind() const;

  explicit Tokenizer(std::shared_ptr<const tokenizer::Pipeline> pipeline);

 private:
  std::shared_ptr<const tokenizer::Pipeline> pipeline_;
};

}  // namespace attnmap
