// Byte-level BPE (RoBERTa / GPT-2). Every expected value below is the output of Hugging Face
// tokenizers 0.23.3 on the same tokenizer.json and text.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "attnmap/error.h"
#include "attnmap/tokenizer.h"
#include "core/utf8.h"
#include "tokenizer/byte_level.h"
#include "core/unicode_tables.h"

namespace attnmap {
namespace {

using Tokens = std::vector<std::string>;
using Ids = std::vector<int64_t>;
using Offsets = std::vector<std::pair<size_t, size_t>>;

// RoBERTa-like: prefix space, trimmed offsets, <mask> with lstrip.
const char* kTinyRoberta = R"({"version": "1.0", "truncation": null, "padding": null,
 "added_tokens": [
  {"id": 0, "content": "<s>", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
  {"id": 1, "content": "<pad>", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
  {"id": 2, "content": "</s>", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
  {"id": 3, "content": "<unk>", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
  {"id": 4, "content": "<mask>", "single_word": false, "lstrip": true, "rstrip": false, "normalized": false, "special": true}],
 "normalizer": null,
 "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": true, "trim_offsets": true, "use_regex": true},
 "post_processor": {"type": "RobertaProcessing", "sep": ["</s>", 2], "cls": ["<s>", 0], "trim_offsets": true, "add_prefix_space": true},
 "decoder": null,
 "model": {"type": "BPE", "dropout": null, "unk_token": null, "continuing_subword_prefix": "", "end_of_word_suffix": "",
  "fuse_unk": false, "byte_fallback": false,
  "vocab": {"<s>": 0, "<pad>": 1, "</s>": 2, "<unk>": 3, "<mask>": 4, "Ġ": 5, "H": 6, "e": 7, "l": 8, "o": 9, ".": 10,
            "ĠH": 11, "ll": 12, "ĠHe": 13, "llo": 14, "ĠHello": 15, "w": 16, "r": 17, "d": 18, "Ġw": 19, "or": 20,
            "Ġwor": 21, "ld": 22, "Ġworld": 23, "'": 24, "s": 25, "'s": 26, "Ã": 27, "©": 28, "Ċ": 29, "ĠĠ": 30},
  "merges": ["Ġ H", "l l", "ĠH e", "ll o", "ĠHe llo", "Ġ w", "o r", "Ġw or", "l d", "Ġwor ld", "' s", "Ġ Ġ"]}})";

Tokenizer tiny_roberta() { return Tokenizer::from_json(kTinyRoberta); }

// The pieces of GPT-2's split regex, as text.
Tokens regex_pieces(const std::string& text) {
  std::u32string chars = utf8::decode(text);
  Tokens pieces;
  for (size_t pos = 0; pos < chars.size();) {
    size_t end = tokenizer::byte_level_piece_end(chars, pos);
    pieces.push_back(utf8::encode(std::u32string_view(chars).substr(pos, end - pos)));
    pos = end;
  }
  return pieces;
}

TEST(ByteLevel, ByteTableMapsUnprintableBytesAboveU0100) {
  EXPECT_EQ(tokenizer::byte_to_char('A'), U'A');
  EXPECT_EQ(tokenizer::byte_to_char(0x00), char32_t{0x100});
  EXPECT_EQ(tokenizer::byte_to_char(0x0A), char32_t{0x10A});  // Ċ
  EXPECT_EQ(tokenizer::byte_to_char(0x20), char32_t{0x120});  // Ġ
  EXPECT_EQ(tokenizer::byte_to_char(0x7F), char32_t{0x121});
  EXPECT_EQ(tokenizer::byte_to_char(0xA0), char32_t{0x142});
  EXPECT_EQ(tokenizer::byte_to_char(0xA1), char32_t{0xA1});
  EXPECT_EQ(tokenizer::byte_to_char(0xAD), char32_t{0x143});
}

TEST(ByteLevel, SplitRegexPieces) {
  EXPECT_EQ(regex_pieces("I'm 42!\n\n a"), (Tokens{"I", "'m", " 42", "!", "\n\n", " a"}));
  EXPECT_EQ(regex_pieces("a   b"), (Tokens{"a", "  ", " b"}));
  EXPECT_EQ(regex_pieces("a\u00a0b"), (Tokens{"a", "\u00a0", "b"})) << "only U+0020 leads a word";
  EXPECT_EQ(regex_pieces("it\u2019s I'M"), (Tokens{"it", "\u2019", "s", " I", "'", "M"}));
  EXPECT_EQ(regex_pieces("'S's'll'lL"), (Tokens{"'", "S", "'s", "'ll", "'", "lL"}));
  EXPECT_EQ(regex_pieces("'re're 's"), (Tokens{"'re", "'re", " '", "s"}));
  EXPECT_EQ(regex_pieces("x\t\u3000 \u2028y "), (Tokens{"x", "\t\u3000 ", "\u2028", "y", " "}));
  EXPECT_EQ(regex_pieces("!?\u0301  \U0001F600e\u0308"), (Tokens{"!?\u0301", " ", " \U0001F600", "e", "\u0308"}));
  EXPECT_EQ(regex_pieces("\u00bd\u00b2\u216b12 345"), (Tokens{"\u00bd\u00b2\u216b12", " 345"}));
}

TEST(ByteLevel, RegexClassesAreOnigurumasNotPythons) {
  // Newer than Python 3.11's Unicode 14, known to tokenizers' Oniguruma.
  EXPECT_TRUE(unicode::byte_level_is_letter(0x1C89));
  EXPECT_TRUE(unicode::byte_level_is_number(0x10D40));
  EXPECT_FALSE(unicode::byte_level_is_letter(0x0301));
  EXPECT_FALSE(unicode::byte_level_is_number(0x0301));
  EXPECT_TRUE(unicode::byte_level_is_number(0x00BD));
}

TEST(ByteLevel, RobertaEncodesWithPrefixSpaceAndTrimmedOffsets) {
  Encoding e = tiny_roberta().encode("Hello world");
  EXPECT_EQ(e.tokens, (Tokens{"<s>", "ĠHello", "Ġworld", "</s>"}));
  EXPECT_EQ(e.ids, (Ids{0, 15, 23, 2}));
  EXPECT_EQ(e.offsets, (Offsets{{0, 0}, {0, 5}, {6, 11}, {0, 0}}));
  e = tiny_roberta().encode("Hello's world\n");
  EXPECT_EQ(e.tokens, (Tokens{"<s>", "ĠHello", "'s", "Ġworld", "Ċ", "</s>"}));
  EXPECT_EQ(e.offsets, (Offsets{{0, 0}, {0, 5}, {5, 7}, {8, 13}, {13, 14}, {0, 0}}));
  // A space already there is not doubled, and a first token keeps it in its offsets.
  e = tiny_roberta().encode(" Hello");
  EXPECT_EQ(e.offsets, (Offsets{{0, 0}, {0, 6}, {0, 0}}));
  // A space token not first is trimmed to an empty span after its space.
  e = tiny_roberta().encode("Hello   world");
  EXPECT_EQ(e.tokens, (Tokens{"<s>", "ĠHello", "ĠĠ", "Ġworld", "</s>"}));
  EXPECT_EQ(e.offsets, (Offsets{{0, 0}, {0, 5}, {7, 7}, {8, 13}, {0, 0}}));
}

TEST(ByteLevel, BytesOfOneCharacterShareItsSpan) {
  // "é" is C3 A9: "Ã" "©" both cover it; the prepended "Ġ" takes its span and is trimmed to (0,0).
  Encoding e = tiny_roberta().encode("\u00e9");
  EXPECT_EQ(e.tokens, (Tokens{"<s>", "Ġ", "Ã", "©", "</s>"}));
  EXPECT_EQ(e.offsets, (Offsets{{0, 0}, {0, 0}, {0, 1}, {0, 1}, {0, 0}}));
}

TEST(ByteLevel, LstripMaskKeepsItsSpacesInTheTokenButNotInTheOffsets) {
  Encoding e = tiny_roberta().encode("Hello  <mask>.");
  EXPECT_EQ(e.tokens, (Tokens{"<s>", "ĠHello", "  <mask>", "Ġ", ".", "</s>"}));
  EXPECT_EQ(e.ids, (Ids{0, 15, 4, 5, 10, 2}));
  // The "." after <mask> is a new segment: it gets a prefix space of its own, "Ġ" (with the span
  // of ".") trimmed to (14,14).
  EXPECT_EQ(e.offsets, (Offsets{{0, 0}, {0, 5}, {7, 13}, {14, 14}, {13, 14}, {0, 0}}));
}

TEST(ByteLevel, RobertaPairIsAllTypeZero) {
  Encoding e = tiny_roberta().encode_pair("Hello", " world");
  EXPECT_EQ(e.tokens, (Tokens{"<s>", "ĠHello", "</s>", "</s>", "Ġworld", "</s>"}));
  EXPECT_EQ(e.type_ids, (Ids{0, 0, 0, 0, 0, 0}));
  EXPECT_EQ(e.special_tokens_mask, (std::vector<uint8_t>{1, 0, 1, 1, 0, 1}));
  EXPECT_EQ(e.offsets, (Offsets{{0, 0}, {0, 5}, {0, 0}, {0, 0}, {0, 6}, {0, 0}}));
}

// A BPE model on its own (no pre-tokenizer: the text is one word), options varied per test.
Tokenizer plain_bpe(const std::string& model_fields, const std::string& vocab = R"({"a": 0, "b": 1, "c": 2, "ab": 3, "bc": 4, "abc": 5, "<unk>": 6})",
                    const std::string& merges = R"(["a b", "b c", "ab c"])") {
  return Tokenizer::from_json(R"({"added_tokens": [], "normalizer": null, "pre_tokenizer": null, "post_processor": null,
    "model": {"type": "BPE", "vocab": )" + vocab + R"(, "merges": )" + merges +
                              (model_fields.empty() ? "" : ", " + model_fields) + "}}");
}

TEST(Bpe, MergesLowestRankFirst) {
  EXPECT_EQ(plain_bpe("").encode("abc").tokens, (Tokens{"abc"}));
  EXPECT_EQ(plain_bpe("").encode("bca").tokens, (Tokens{"bc", "a"}));
  // A repeated pair keeps its last rank: "b c" (2) now comes after "a b" (1).
  EXPECT_EQ(plain_bpe("", R"({"a": 0, "b": 1, "c": 2, "ab": 3, "bc": 4})", R"(["b c", "a b", "b c"])").encode("abc").tokens,
            (Tokens{"ab", "c"}));
  EXPECT_EQ(plain_bpe("", R"({"a": 0, "b": 1, "c": 2, "ab": 3, "bc": 4})", R"([["b", "c"], ["a", "b"]])").encode("abc").tokens,
            (Tokens{"a", "bc"}));
}

TEST(Bpe, UnknownCharactersAreDroppedUnkOrFused) {
  Encoding e = plain_bpe("").encode("abcx");
  EXPECT_EQ(e.tokens, (Tokens{"abc"})) << "no unk_token: dropped";
  e = plain_bpe(R"("unk_token": "<unk>")").encode("xxabc");
  EXPECT_EQ(e.tokens, (Tokens{"<unk>", "<unk>", "abc"}));
  EXPECT_EQ(e.offsets, (Offsets{{0, 1}, {1, 2}, {2, 5}}));
  e = plain_bpe(R"("unk_token": "<unk>", "fuse_unk": true)").encode("axxb");
  EXPECT_EQ(e.tokens, (Tokens{"a", "<unk>", "b"}));
  EXPECT_EQ(e.offsets, (Offsets{{0, 1}, {1, 3}, {3, 4}}));
  EXPECT_THROW(plain_bpe(R"("unk_token": "<missing>")").encode("ax"), Error);
  EXPECT_EQ(plain_bpe(R"("unk_token": "<missing>")").encode("ab").tokens, (Tokens{"ab"}));
}

TEST(Bpe, ByteFallbackPiecesShareTheCharactersSpan) {
  Tokenizer tok = plain_bpe(R"("unk_token": "<unk>", "byte_fallback": true)",
                            R"({"a": 0, "<0xC3>": 1, "<0xA9>": 2, "<unk>": 3})", "[]");
  Encoding e = tok.encode("a\u00e9");
  EXPECT_EQ(e.tokens, (Tokens{"a", "<0xC3>", "<0xA9>"}));
  EXPECT_EQ(e.offsets, (Offsets{{0, 1}, {1, 2}, {1, 2}}));
  EXPECT_EQ(tok.encode("a\u00e8").tokens, (Tokens{"a", "<unk>"})) << "<0xA8> missing: unk";
}

TEST(Bpe, SubwordPrefixAndWordSuffix) {
  const char* vocab = R"({"a": 0, "##b": 1, "##c": 2, "ab": 3, "##bc": 4, "b": 5, "c</w>": 6, "##c</w>": 7, "a</w>": 8})";
  // The merge "a ##b" makes "ab": the right part's prefix goes.
  Tokenizer prefix = plain_bpe(R"("continuing_subword_prefix": "##")", vocab, R"(["a ##b"])");
  Encoding e = prefix.encode("abc");
  EXPECT_EQ(e.tokens, (Tokens{"ab", "##c"}));
  EXPECT_EQ(e.offsets, (Offsets{{0, 2}, {2, 3}}));
  Tokenizer both = plain_bpe(R"("continuing_subword_prefix": "##", "end_of_word_suffix": "</w>")", vocab, "[]");
  EXPECT_EQ(both.encode("abc").tokens, (Tokens{"a", "##b", "##c</w>"}));
  EXPECT_EQ(both.encode("a").tokens, (Tokens{"a</w>"}));
}

TEST(Bpe, IgnoreMergesTakesAWordInTheVocabularyWhole) {
  const char* vocab = R"({"a": 0, "b": 1, "c": 2, "ab": 3, "abc": 4, "bc": 5})";
  EXPECT_EQ(plain_bpe(R"("ignore_merges": true)", vocab, R"(["b c", "a b"])").encode("abc").tokens, (Tokens{"abc"}));
  EXPECT_EQ(plain_bpe(R"("ignore_merges": false)", vocab, R"(["b c", "a b"])").encode("abc").tokens, (Tokens{"a", "bc"}));
}

TEST(Bpe, RefusesWhatTokenizersRefusesAndDropout) {
  EXPECT_THROW(plain_bpe("", R"({"a": 0, "b": 1, "ab": 2})", R"(["a b c"])"), Error);
  EXPECT_THROW(plain_bpe("", R"({"a": 0, "b": 1, "ab": 2})", R"(["a  b"])"), Error);
  EXPECT_THROW(plain_bpe("", R"({"a": 0, "b": 1, "ab": 2})", R"(["a x"])"), Error);
  EXPECT_THROW(plain_bpe("", R"({"a": 0, "b": 1})", R"(["a b"])"), Error) << "merged token not in vocab";
  EXPECT_THROW(plain_bpe("", R"({"a": 0, "b": 1, "ab": 2})", R"([["a", "b"], "a b"])"), Error) << "mixed forms";
  EXPECT_THROW(plain_bpe(R"("dropout": 0.1)"), Error) << "random, so not reproducible";
  EXPECT_EQ(plain_bpe(R"("dropout": 0.0)").encode("abc").tokens, (Tokens{"abc"}));
}

}  // namespace
}  // namespace attnmap
