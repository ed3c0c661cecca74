#pragma once
// GPT-2 / RoBERTa byte-level pre-tokenization and offset trimming, as Hugging Face `tokenizers`
// does them (pre_tokenizers/byte_level.rs, processors/roberta.rs; shared TOKENIZERS.md §3).
//
// "Hello  world" -> "Hello" "Ġ" "Ġworld": the text is cut by GPT-2's split regex, then every UTF-8
// byte of a piece becomes one character of a 256-character alphabet (the space byte is 'Ġ'), so a
// vocabulary of such characters covers any text without an unknown token.
#include <cstdint>
#include <memory>
#include <string_view>

#include "tokenizer/components.h"

namespace attnmap::tokenizer {

// The character that stands for byte b: printable Latin-1 bytes (0x21-0x7E, 0xA1-0xAC, 0xAE-0xFF)
// for themselves, the 68 others, in increasing order, for U+0100, U+0101, ...: 0x00 -> 'Ā',
// 0x0A -> 'Ċ', 0x20 -> 'Ġ', 0xAD -> U+0143.
char32_t byte_to_char(uint8_t b);

// Where the piece of GPT-2's split regex that starts at `pos` ends (always past pos):
//   's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+
// with the classes of unicode::byte_level_is_letter / _number and is_white_space. The regex can
// match at every position, so the pieces tile the text: "I'm 42!\n\n a" -> "I" "'m" " 42" "!"
// "\n\n" " a" (the last space goes to "a": \s+(?!\S) gives back the space before a non-space).
size_t byte_level_piece_end(std::u32string_view text, size_t pos);

struct ByteLevelOptions {
  bool add_prefix_space = true;  // put a space in front of a segment not starting with one
  bool use_regex = true;         // false: the whole segment is one piece
};

// Splits a segment into pieces and maps each piece to byte characters. All bytes of a character
// keep its span (the two tokens "Ã" "©" of "é" both cover it); a prepended space takes the span of
// the character it was put in front of.
class ByteLevelPreTokenizer final : public PreTokenizer {
 public:
  explicit ByteLevelPreTokenizer(ByteLevelOptions options) : options_(options) {}
  std::vector<NormalizedString> split(const NormalizedString& text) const override;

 private:
  ByteLevelOptions options_;
};

// trim_offsets of the ByteLevel and RobertaProcessing post-processors, on the tokens [begin, end)
// of `e`, which are one sequence (tokenizers trims each sequence before adding special tokens; the
// result is the same as long as the index counts within the sequence): a token's leading and trailing 'Ġ' / whitespace characters are
// cut from its offsets (code points, as the Python API reports them), except one leading space of
// a first token (index 0, or starting at offset 0) when add_prefix_space is set, since that space
// was not in the text. E.g. in "Hello  <mask>" with an lstrip <mask>, the added token "  <mask>"
// at (5,13) becomes (7,13); a "Ġ" at (5,6), not first, becomes (6,6) (both ends move).
void trim_byte_level_offsets(Encoding& e, size_t begin, size_t end, bool add_prefix_space);

// Trims each sequence's offsets (trim_byte_level_offsets) around `inner`, which adds the special
// tokens: RobertaProcessing is this around the "<s> $A </s> </s> $B </s>" template, the ByteLevel
// post-processor this around IdentityProcessor. To save copying the sequences, the trimming is
// done on inner's output, so inner must place each sequence once, in one run (both do).
class TrimOffsetsProcessor final : public PostProcessor {
 public:
  TrimOffsetsProcessor(bool add_prefix_space, std::unique_ptr<PostProcessor> inner)
      : add_prefix_space_(add_prefix_space), inner_(std::move(inner)) {}

  size_t added_tokens(bool pair) const override { return inner_->added_tokens(pair); }
  Encoding process(const Encoding& first, const Encoding* second) const override;

 private:
  bool add_prefix_space_;
  std::unique_ptr<PostProcessor> inner_;
};

}  // namespace attnmap::tokenizer
