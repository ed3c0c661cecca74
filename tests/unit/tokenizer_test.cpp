#include "attnmap/tokenizer.h"

#include <gtest/gtest.h>

#include <cstdlib>

#include "attnmap/error.h"
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
  Tokenizer tok = Tokenizer::from_file(testing::required_env("ATTNMAP_TOKENIZER_JSON"));
  auto golden = testing::read_tokenizer_golden(testing::required_env("ATTNMAP_TOKENIZER_GOLDEN"));
  ASSERT_FALSE(golden.empty());
  size_t mismatches = 0;
  for (size_t i = 0; i < golden.size(); ++i) {
    const auto& want = golden[i];
    Encoding got = tok.encode(want.text);
    bool same = got.ids == want.ids && got.tokens == want.tokens && got.offsets == want.offsets;
    if (!same && ++mismatches <= 5) ADD_FAILURE() << "line " << i + 1 << " differs: " << want.text;
  }
  EXPECT_EQ(mismatches, 0u) << "of " << golden.size() << " lines";
  std::cout << "tokenizer parity: " << golden.size() - mismatches << "/" << golden.size() << " lines identical\n";
}

}  // namespace
}  // namespace attnmap
