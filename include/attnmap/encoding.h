#pragma once
// The output of a tokenizer: one value type that crosses from the tokenizer to the model layer and
// the views. All vectors have size() entries.
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace attnmap {

// How the tokenizer spells its tokens, so they can be shown as text (display.h):
//   kPlain      WordPiece and others: the token is the text ("play", "##ing" with its prefix)
//   kByteLevel  GPT-2 / RoBERTa: one character per UTF-8 byte, "Ġ" for a space ("Ġcaf", "Ã©")
//   kMetaspace  sentencepiece: "▁" for a space ("▁the")
enum class TokenSpelling { kPlain, kByteLevel, kMetaspace };

struct Encoding {
  std::vector<int64_t> ids;
  std::vector<int64_t> type_ids;
  std::vector<std::string> tokens;  // the vocabulary strings, e.g. "[CLS]", "##ing", "Ġthe"
  // Character offsets [begin, end) into the original text, counted in Unicode code points as
  // Hugging Face's Python API counts them; (0, 0) for inserted special tokens. For a pair, the
  // offsets of the second sequence point into the second text.
  std::vector<std::pair<size_t, size_t>> offsets;
  std::vector<uint8_t> special_tokens_mask;  // 1 for tokens the template inserted, and padding
  std::vector<uint8_t> attention_mask;       // 0 for padding
  std::vector<int> sequence_ids;             // 0 or 1 for text tokens, -1 for special tokens
  bool truncated = false;                    // true when tokens were dropped to fit max_length
  TokenSpelling spelling = TokenSpelling::kPlain;

  size_t size() const { return ids.size(); }
};

}  // namespace attnmap
