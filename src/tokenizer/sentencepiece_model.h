#pragma once
// The `.model` path: libsentencepiece encodes, attnmap maps its piece ids to the model's ids, as
// transformers' slow (Python, sentencepiece-backed) tokenizers did (shared TOKENIZERS.md §4).
//
// libsentencepiece normalizes, adds the dummy "▁" prefix and segments one whole stretch of text at
// a time, so in a Pipeline this model runs with no pre-tokenizer: each segment between added
// tokens is one "word". Offsets come from sentencepiece's own byte spans (a piece's surface in its
// input), converted to code points.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "tokenizer/components.h"

namespace sentencepiece {
class SentencePieceProcessor;
}

namespace attnmap::tokenizer {

// How a sentencepiece id becomes a model id. Fairseq-trained models (XLM-R, CamemBERT) put their
// own specials first and shift every piece:
//   XLM-R:     <s>=0 <pad>=1 </s>=2 <unk>=3, piece id + 1, spm's unk (id 0) -> 3
//   CamemBERT: <s>NOTUSED=0 <pad>=1 </s>NOTUSED=2 <unk>=3 <unk>NOTUSED=4, piece id + 4, unk -> 3
// ALBERT's spiece.model holds its specials itself: ids are spm ids (offset 0, no reserved).
struct SpmIdMapping {
  std::vector<std::pair<std::string, int64_t>> reserved;  // looked up before the pieces
  int64_t offset = 0;
  std::optional<int64_t> unk_id;  // where spm's unknown piece goes; none: spm's own id + offset
};

class SentencePieceModel final : public TokenModel {
 public:
  using Processor = sentencepiece::SentencePieceProcessor;

  // Loads a .model file. Throws Error::io when it cannot be read, Error::input when
  // libsentencepiece rejects it (its message included).
  static std::shared_ptr<const Processor> load(const std::filesystem::path& model_file);

  // split_digit_comma: ALBERT's rule, a piece that ends in a digit and "," ("▁1990,") is
  // re-encoded without the comma and "▁" and followed by "," alone ("▁1990" ","), as
  // AlbertTokenizer._tokenize did. The re-encoded pieces' offsets are placed right before the
  // comma, one code point per code point of the re-encoded text (so "▁1990" covers "1990").
  SentencePieceModel(std::shared_ptr<const Processor> processor, SpmIdMapping mapping, bool split_digit_comma);

  void tokenize(const NormalizedString& word, std::vector<ModelToken>& out) const override;
  std::optional<int64_t> token_to_id(std::string_view token) const override;
  std::optional<std::string> id_to_token(int64_t id) const override;
  // Pieces plus the offset: the ids tokenize() can produce.
  size_t vocab_size() const override;

  // The model id of a sentencepiece piece, or none when the piece is not in the model.
  std::optional<int64_t> piece_id(std::string_view piece) const;

 private:
  int64_t map_id(int spm_id) const;
  void split_digit_comma(const std::string& piece, size_t begin, size_t end, std::vector<ModelToken>& out) const;

  std::shared_ptr<const Processor> sp_;
  SpmIdMapping mapping_;
  bool split_digit_comma_;
};

}  // namespace attnmap::tokenizer
