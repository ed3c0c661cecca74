#include "attnmap/tokenizer.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <limits>

#include "attnmap/error.h"
#include "core/unicode_tables.h"
#include "unit/golden.h"

namespace attnmap {
namespace {

// A BERT-style tokenizer.json small enough to reason about by hand.
const char* kTinyBert = R"({
  "version": "1.0",
  "truncation": null, "padding": null,
  "added_tokens": [
    {"id": 0, "content": "[PAD]", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
    {"id": 1, "content": "[UNK]", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
    {"id": 2, "content": "[CLS]", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
    {"id": 3, "content": "[SEP]", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
    {"id": 4, "content": "[MASK]", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true}
  ],
  "normalizer": {"type": "BertNormalizer", "clean_text": true, "handle_chinese_chars": true, "strip_accents": null, "lowercase": true},
  "pre_tokenizer": {"type": "BertPreTokenizer"},
  "post_processor": {"type": "TemplateProcessing",
    "single": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}, {"SpecialToken": {"id": "[SEP]", "type_id": 0}}],
    "pair": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}, {"SpecialToken": {"id": "[SEP]", "type_id": 0}},
             {"Sequence": {"id": "B", "type_id": 1}}, {"SpecialToken": {"id": "[SEP]", "type_id": 1}}],
    "special_tokens": {"[CLS]": {"id": "[CLS]", "ids": [2], "tokens": ["[CLS]"]}, "[SEP]": {"id": "[SEP]", "ids": [3], "tokens": ["[SEP]"]}}},
  "decoder": null,
  "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##", "max_input_chars_per_word": 100,
    "vocab": {"[PAD]": 0, "[UNK]": 1, "[CLS]": 2, "[SEP]": 3, "[MASK]": 4, "the": 5, "movie": 6, "was": 7, "not": 8,
              "bad": 9, "!": 10, "un": 11, "##aff": 12, "##able": 13, "cafe": 14, "東": 15, "京": 16, ",": 17, "is": 18}}
})";

Tokenizer tiny() { return Tokenizer::from_json(kTinyBert); }

TEST(Tokenizer, BertSingleSentenceWithOffsets) {
  Encoding e = tiny().encode("The movie was NOT bad!");
  EXPECT_EQ(e.tokens, (std::vector<std::string>{"[CLS]", "the", "movie", "was", "not", "bad", "!", "[SEP]"}));
  EXPECT_EQ(e.ids, (std::vector<int64_t>{2, 5, 6, 7, 8, 9, 10, 3}));
  using O = std::pair<size_t, size_t>;
  EXPECT_EQ(e.offsets, (std::vector<O>{{0, 0}, {0, 3}, {4, 9}, {10, 13}, {14, 17}, {18, 21}, {21, 22}, {0, 0}}));
  EXPECT_EQ(e.special_tokens_mask, (std::vector<uint8_t>{1, 0, 0, 0, 0, 0, 0, 1}));
}

TEST(Tokenizer, WordPieceSplitsGreedilyAndOffsetsCoverThePieceOnly) {
  Encoding e = tiny().encode("unaffable");
  EXPECT_EQ(e.tokens, (std::vector<std::string>{"[CLS]", "un", "##aff", "##able", "[SEP]"}));
  using O = std::pair<size_t, size_t>;
  EXPECT_EQ(e.offsets[2], (O{2, 5}));
  EXPECT_EQ(e.offsets[3], (O{5, 9}));
}

TEST(Tokenizer, UnmatchableWordIsOneUnknown) {
  Encoding e = tiny().encode("unaffablex is");
  EXPECT_EQ(e.tokens, (std::vector<std::string>{"[CLS]", "[UNK]", "is", "[SEP]"}));
  EXPECT_EQ(e.offsets[1], (std::pair<size_t, size_t>{0, 10}));
}

TEST(Tokenizer, AccentsStrippedAndCjkSplitOffsetsInCodePoints) {
  // "Café" is 4 code points; the accent is stripped after NFD, the offsets still cover "é".
  Encoding e = tiny().encode("Caf\u00e9,\u6771\u4eac");
  EXPECT_EQ(e.tokens, (std::vector<std::string>{"[CLS]", "cafe", ",", "\u6771", "\u4eac", "[SEP]"}));
  using O = std::pair<size_t, size_t>;
  EXPECT_EQ(e.offsets[1], (O{0, 4}));
  EXPECT_EQ(e.offsets[3], (O{5, 6}));
  EXPECT_EQ(e.offsets[4], (O{6, 7}));
}

TEST(Tokenizer, SpecialTokenInsideTextIsKeptWhole) {
  Encoding e = tiny().encode("the [MASK] was bad");
  EXPECT_EQ(e.tokens, (std::vector<std::string>{"[CLS]", "the", "[MASK]", "was", "bad", "[SEP]"}));
  EXPECT_EQ(e.offsets[2], (std::pair<size_t, size_t>{4, 10}));
  EXPECT_EQ(e.special_tokens_mask[2], 0) << "only template-inserted tokens count as special";
}

TEST(Tokenizer, PairGetsTypeIdsAndSequenceIds) {
  Encoding e = tiny().encode_pair("the movie", "was bad");
  EXPECT_EQ(e.tokens, (std::vector<std::string>{"[CLS]", "the", "movie", "[SEP]", "was", "bad", "[SEP]"}));
  EXPECT_EQ(e.type_ids, (std::vector<int64_t>{0, 0, 0, 0, 1, 1, 1}));
  EXPECT_EQ(e.sequence_ids, (std::vector<int>{-1, 0, 0, -1, 1, 1, -1}));
}

TEST(Tokenizer, TruncatesToMaxLengthOrRefuses) {
  EncodeOptions options;
  options.max_length = 4;
  Encoding e = tiny().encode("the movie was bad", options);
  EXPECT_EQ(e.tokens, (std::vector<std::string>{"[CLS]", "the", "movie", "[SEP]"}));
  EXPECT_TRUE(e.truncated);
  options.truncate = false;
  EXPECT_THROW(tiny().encode("the movie was bad", options), Error);
}

TEST(Tokenizer, ControlCharactersVanishAndOddSpacesSplit) {
  Encoding e = tiny().encode("the\u200bmovie\u00a0was\tbad\x01");
  EXPECT_EQ(e.tokens, (std::vector<std::string>{"[CLS]", "[UNK]", "was", "bad", "[SEP]"}))
      << "ZWSP is deleted (Cf), so 'the' and 'movie' join into one unknown word";
}

// The cases below were each run through Hugging Face tokenizers 0.23.3 with the same tokenizer.json
// (tokenizer.encode(text, add_special_tokens=False)); the expected values are its output.

using Offsets = std::vector<std::pair<size_t, size_t>>;

Encoding encode_plain(const Tokenizer& tok, const std::string& text) {
  Encoding e = tok.encode(text);
  // Drop [CLS] and [SEP].
  e.tokens = std::vector<std::string>(e.tokens.begin() + 1, e.tokens.end() - 1);
  e.offsets = Offsets(e.offsets.begin() + 1, e.offsets.end() - 1);
  return e;
}

TEST(Tokenizer, RemovedCharactersLeaveTheirSpanToNoOne) {
  // clean_text and strip_accents delete characters; a kept character keeps its own span and the
  // removed one's goes to no one: a token covers it only when it lies between the token's ends.
  Tokenizer tok = tiny();
  Encoding e = encode_plain(tok, "a\u0085b");  // U+0085 is Cc: deleted, not a space
  EXPECT_EQ(e.tokens, (std::vector<std::string>{"[UNK]"}));
  EXPECT_EQ(e.offsets, (Offsets{{0, 3}}));
  e = encode_plain(tok, "un\u00adaff\u200bable");  // soft hyphen and ZWSP (Cf) deleted
  EXPECT_EQ(e.tokens, (std::vector<std::string>{"un", "##aff", "##able"}));
  EXPECT_EQ(e.offsets, (Offsets{{0, 2}, {3, 6}, {7, 11}}));
  e = encode_plain(tok, "\u0301bad");  // a leading accent is stripped: the word starts after it
  EXPECT_EQ(e.offsets, (Offsets{{1, 4}}));
  e = encode_plain(tok, "bad\u0301");  // and a trailing one leaves the word ending before it
  EXPECT_EQ(e.offsets, (Offsets{{0, 3}}));
  e = encode_plain(tok, "the\x0bmovie");  // U+000B is deleted before whitespace is mapped
  EXPECT_EQ(e.tokens, (std::vector<std::string>{"[UNK]"}));
  EXPECT_EQ(e.offsets, (Offsets{{0, 9}}));
}

TEST(Tokenizer, AccentsAreStrippedPerTokenizersOldMarkTable) {
  Tokenizer tok = tiny();
  // U+0AC7 (Mn since Unicode 1.1) is stripped; U+0AFF (Mn, Unicode 10) is not, so the word is
  // unknown and its span includes the mark.
  EXPECT_EQ(encode_plain(tok, "bad\u0ac7").tokens, (std::vector<std::string>{"bad"}));
  Encoding e = encode_plain(tok, "bad\u0aff");
  EXPECT_EQ(e.tokens, (std::vector<std::string>{"[UNK]"}));
  EXPECT_EQ(e.offsets, (Offsets{{0, 4}}));
  e = encode_plain(tok, "bad\u0d3c is");  // U+0D3C: Unicode 10
  EXPECT_EQ(e.tokens, (std::vector<std::string>{"[UNK]", "is"}));
  EXPECT_EQ(e.offsets, (Offsets{{0, 4}, {5, 7}}));
  // U+1734 is Mc today but was Mn in the old table: stripped.
  EXPECT_EQ(encode_plain(tok, "bad\u1734").tokens, (std::vector<std::string>{"bad"}));
}

TEST(Tokenizer, NfdReorderingAssignsSpansByPosition) {
  // NFD sorts U+1D165 (class 216) before U+0301 (class 230). Alignments are assigned by position,
  // so U+1D165 takes the span of the original U+0301, (3,4); U+0301 is then stripped. The word
  // "bad\U0001D165" ends at 4, not 5.
  Encoding e = encode_plain(tiny(), "bad\u0301\U0001D165");
  EXPECT_EQ(e.tokens, (std::vector<std::string>{"[UNK]"}));
  EXPECT_EQ(e.offsets, (Offsets{{0, 4}}));
}

TEST(Tokenizer, PunctuationAndControlsFollowTokenizersOldCategoryTable) {
  Tokenizer tok = tiny();
  // U+166D was Po in the old table (So today): isolated.
  Encoding e = encode_plain(tok, "bad\u166dbad");
  EXPECT_EQ(e.tokens, (std::vector<std::string>{"bad", "[UNK]", "bad"}));
  EXPECT_EQ(e.offsets, (Offsets{{0, 3}, {3, 4}, {4, 7}}));
  // U+061D (Po, Unicode 14) is unknown to it: not punctuation.
  e = encode_plain(tok, "bad\u061dbad");
  EXPECT_EQ(e.tokens, (std::vector<std::string>{"[UNK]"}));
  EXPECT_EQ(e.offsets, (Offsets{{0, 7}}));
  // U+0890 (Cf, Unicode 14) is not deleted by clean_text.
  e = encode_plain(tok, "the\u0890 was");
  EXPECT_EQ(e.tokens, (std::vector<std::string>{"[UNK]", "was"}));
  EXPECT_EQ(e.offsets, (Offsets{{0, 4}, {5, 8}}));
}

TEST(Tokenizer, SingleWordUsesTheRegexCrateWordClass) {
  // \w of the regex crate: letters, marks, Nd, Pc, Join_Control, but not No ("²", "½").
  Tokenizer tok = Tokenizer::from_json(R"({
    "version": "1.0", "truncation": null, "padding": null,
    "added_tokens": [{"id": 2, "content": "<w>", "single_word": true, "lstrip": false, "rstrip": false, "normalized": false, "special": false}],
    "normalizer": null, "pre_tokenizer": {"type": "BertPreTokenizer"}, "post_processor": null, "decoder": null,
    "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##", "max_input_chars_per_word": 100,
              "vocab": {"[UNK]": 0, "a": 1}}})");
  EXPECT_EQ(tok.encode("\u00b2<w>").ids, (std::vector<int64_t>{0, 2}));
  EXPECT_EQ(tok.encode("<w>\u00bd").ids, (std::vector<int64_t>{2, 0}));
  EXPECT_EQ(tok.encode("a<w>").ids, (std::vector<int64_t>{1, 0, 0, 0}));
  EXPECT_EQ(tok.encode("\u0301<w>").ids, (std::vector<int64_t>{0, 0, 0, 0}));
  EXPECT_EQ(tok.encode("<w>\u200d").ids, (std::vector<int64_t>{0, 0, 0, 0}));
}

TEST(TokenizerUnicode, TablesRecordTokenizersBehaviour) {
  char32_t out[4];
  // Lowercasing is Rust's, from a Unicode newer than Python 3.11's 14.
  ASSERT_EQ(unicode::to_lower(0x1C89, out), 1u);
  EXPECT_EQ(out[0], char32_t{0x1C8A});
  ASSERT_EQ(unicode::to_lower(0xA7CB, out), 1u);
  EXPECT_EQ(out[0], char32_t{0x0264});
  ASSERT_EQ(unicode::to_lower(0x0130, out), 2u);
  EXPECT_EQ(out[1], char32_t{0x0307});
  // NFD's tables are old: U+11938 (Unicode 13) does not decompose, U+1DFA is a starter.
  EXPECT_EQ(unicode::canonical_decompose(0x11938, out), 1u);
  EXPECT_EQ(unicode::combining_class(0x1DFA), 0);
  EXPECT_EQ(unicode::combining_class(0x0301), 230);
  EXPECT_EQ(unicode::combining_class(0x1D165), 216);
  EXPECT_TRUE(unicode::bert_strips_as_accent(0x0301));
  EXPECT_FALSE(unicode::bert_strips_as_accent(0x0AFF));
  EXPECT_TRUE(unicode::bert_clean_text_removes(0x0085));
  EXPECT_FALSE(unicode::bert_clean_text_to_space(0x0085));
  EXPECT_TRUE(unicode::bert_clean_text_to_space(0x3000));
  EXPECT_TRUE(unicode::bert_clean_text_removes(0xFFFD));
  EXPECT_TRUE(unicode::bert_clean_text_removes(0xE000));   // Co
  EXPECT_FALSE(unicode::bert_clean_text_removes(0x0378));  // unassigned: kept
  EXPECT_TRUE(unicode::is_white_space(0x0085));
  EXPECT_FALSE(unicode::is_white_space(0x001F));
  EXPECT_FALSE(unicode::is_word_char(0x00B2));
  EXPECT_TRUE(unicode::is_word_char(0x0301));
  EXPECT_TRUE(unicode::is_word_char(0x200D));
}

// The BERT normalizer skips NFD for text below U+00C0 (bert_normalizer.cpp, nfd_stable).
TEST(TokenizerUnicode, NothingBelowU00C0DecomposesOrCombines) {
  for (char32_t c = 0; c < 0xC0; ++c) {
    char32_t parts[4];
    ASSERT_EQ(unicode::canonical_decompose(c, parts), 1u) << static_cast<uint32_t>(c);
    EXPECT_EQ(parts[0], c);
    EXPECT_EQ(unicode::combining_class(c), 0) << static_cast<uint32_t>(c);
  }
}

TEST(Tokenizer, InvalidUtf8IsAnInputErrorWithByteOffset) {
  try {
    tiny().encode("the \xff movie");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.category(), ErrorCategory::kInput);
    EXPECT_EQ(e.where(), "byte 4");
  }
}

TEST(Tokenizer, MalformedOrUnsupportedJsonIsAnInputError) {
  for (const char* bad : {"{", "[]", R"({"model": {"type": "Mystery"}})",
                          R"({"model": {"type": "WordPiece", "vocab": {"a": 0}}})"}) {
    try {
      Tokenizer::from_json(bad, "t.json");
      FAIL() << bad;
    } catch (const Error& e) {
      EXPECT_EQ(e.category(), ErrorCategory::kInput) << bad;
      EXPECT_EQ(e.where(), "t.json");
    }
  }
}

TEST(Tokenizer, IdLimitCoversVocabularyAndAddedTokens) { EXPECT_EQ(tiny().id_limit(), 19); }

// Parity with Hugging Face `tokenizers` on a corpus; run by ctest with the files named in the
// environment (see tests/CMakeLists.txt), skipped when run on its own.
TEST(TokenizerGolden, IdsTokensAndOffsetsMatchHuggingFace) {
  if (std::getenv("ATTNMAP_TOKENIZER_GOLDEN") == nullptr) GTEST_SKIP() << "no golden file given";
  // Any file or directory Tokenizer::from_path takes; a .model's family may be named.
  LoadOptions load;
  if (const char* family = std::getenv("ATTNMAP_TOKENIZER_FAMILY")) load.family = family;
  Tokenizer tok = Tokenizer::from_path(testing::required_env("ATTNMAP_TOKENIZER"), load);
  auto golden = testing::read_tokenizer_golden(testing::required_env("ATTNMAP_TOKENIZER_GOLDEN"));
  ASSERT_FALSE(golden.empty());
  // make_golden.py encodes without truncation; tokenizer.json's own max_length (128 for MiniLM)
  // would otherwise cut the longest lines.
  EncodeOptions no_truncation;
  no_truncation.max_length = std::numeric_limits<size_t>::max();
  size_t mismatches = 0;
  const size_t max_reported = std::getenv("ATTNMAP_PARITY_REPORT_ALL") ? golden.size() : 5;
  for (size_t i = 0; i < golden.size(); ++i) {
    const auto& want = golden[i];
    Encoding got = tok.encode(want.text, no_truncation);
    bool same = got.ids == want.ids && got.tokens == want.tokens && got.offsets == want.offsets;
    if (!same && ++mismatches <= max_reported) std::cout << "line " << i + 1 << " differs: " << want.text << "\n";
  }
  // A known number of differences the reference cannot help (see tests/CMakeLists.txt); more fail.
  const char* allowed = std::getenv("ATTNMAP_PARITY_KNOWN_DIFFERENCES");
  EXPECT_LE(mismatches, allowed ? std::stoul(allowed) : 0u) << "of " << golden.size() << " lines";
  std::cout << "tokenizer parity: " << golden.size() - mismatches << "/" << golden.size() << " lines identical\n";
}

}  // namespace
}  // namespace attnmap
