#pragma once
// One text (or text pair) as a model sees it: its encoding, and its tokens as figures label them.
#include <optional>
#include <string>
#include <vector>

#include "attnmap/bundle.h"
#include "attnmap/encoding.h"
#include "attnmap/tokenizer.h"

namespace attnmap::explain {

struct Example {
  std::string text, pair;           // pair empty for a single sentence
  std::string source;               // where the text came from, for errors: "--text", a file, "standard input"
  std::optional<size_t> gold;       // the gold class, when the example is labelled
  Encoding encoding;
  std::vector<std::string> labels;  // each token as figures show it (EncodingOptions::tokens)
};

struct EncodingOptions {
  int max_length = 0;            // 0: the model's maximum
  bool no_truncate = false;      // refuse a longer text instead of truncating it
  std::string tokens = "clean";  // how tokens are labelled: raw, clean or text (display.h)
  bool warn_truncation = true;   // say on stderr that a text was truncated (batch mode counts instead)
};

// Encodes the example's text for `manifest`'s model into its encoding and labels. Throws
// Error::input when the text and pair hold no token but the special ones (empty or only
// whitespace): a figure of [CLS] and [SEP] alone explains nothing.
void encode_example(Example& example, const EncodingOptions& options, const Tokenizer& tokenizer,
                    const Manifest& manifest);

// The id of the tokenizer's mask token ("[MASK]" for BERT-style vocabularies, "<mask>" for
// RoBERTa- and XLM-R-style ones), or nullopt when it has neither.
std::optional<int64_t> mask_token_id(const Tokenizer& tokenizer);

}  // namespace attnmap::explain
