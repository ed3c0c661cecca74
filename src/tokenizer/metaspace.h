#pragma once
// SentencePiece-style pre-tokenization as Hugging Face `tokenizers` does it
// (pre_tokenizers/metaspace.rs, whitespace.rs, sequence.rs; shared TOKENIZERS.md §4).
#include <memory>
#include <vector>

#include "tokenizer/components.h"

namespace attnmap::tokenizer {

enum class PrependScheme { kAlways, kFirst, kNever };

struct MetaspaceOptions {
  char32_t replacement = U'\u2581';  // '▁'
  PrependScheme prepend_scheme = PrependScheme::kAlways;
  bool split = true;
};

// Every U+0020 becomes the replacement; a replacement is prepended (always; first: only to the
// segment that starts the text; never) unless the piece already starts with one; with split, each
// replacement starts a new piece: "a  b" -> "▁a" "▁" "▁b". The prepended '▁' takes the span of
// the character it was put in front of.
class Metaspace final : public PreTokenizer {
 public:
  explicit Metaspace(MetaspaceOptions options) : options_(options) {}
  std::vector<NormalizedString> split(const NormalizedString& text) const override;

 private:
  MetaspaceOptions options_;
};

// Splits on whitespace (Rust's char::is_whitespace), which is dropped: "a \tb" -> "a" "b".
class WhitespaceSplit final : public PreTokenizer {
 public:
  std::vector<NormalizedString> split(const NormalizedString& text) const override;
};

// Runs each pre-tokenizer on every piece the previous ones produced.
class SequencePreTokenizer final : public PreTokenizer {
 public:
  explicit SequencePreTokenizer(std::vector<std::unique_ptr<PreTokenizer>> steps) : steps_(std::move(steps)) {}
  std::vector<NormalizedString> split(const NormalizedString& text) const override;

 private:
  std::vector<std::unique_ptr<PreTokenizer>> steps_;
};

// Runs each normalizer in turn on the whole text.
class SequenceNormalizer final : public Normalizer {
 public:
  explicit SequenceNormalizer(std::vector<std::unique_ptr<Normalizer>> steps) : steps_(std::move(steps)) {}
  void normalize(NormalizedString& text) const override {
    for (const auto& step : steps_) step->normalize(text);
  }

 private:
  std::vector<std::unique_ptr<Normalizer>> steps_;
};

}  // namespace attnmap::tokenizer
