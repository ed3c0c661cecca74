// Unigram, Metaspace, Precompiled: expected values are what Hugging Face tokenizers 0.23.3 returns
// for the same tokenizer.json and text (checked by hand with the Python binding).
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "attnmap/tokenizer.h"
#include "tokenizer/grapheme.h"

namespace attnmap {
namespace {

using Offsets = std::vector<std::pair<size_t, size_t>>;

std::string unigram_json(const std::string& vocab, const std::string& pre_tokenizer, bool byte_fallback = false) {
  return R"({"version": "1.0", "truncation": null, "padding": null, "added_tokens": [], "normalizer": null,
    "pre_tokenizer": )" + pre_tokenizer + R"(, "post_processor": null, "decoder": null,
    "model": {"type": "Unigram", "unk_id": 0, "byte_fallback": )" + (byte_fallback ? "true" : "false") +
         R"(, "vocab": )" + vocab + "}}";
}

std::string metaspace(const std::string& scheme, bool split) {
  return R"({"type": "Metaspace", "replacement": "\u2581", "prepend_scheme": ")" + scheme +
         R"(", "split": )" + (split ? "true" : "false") + "}";
}

// Three segmentations of "▁ab" score -4 (▁+ab, ▁a+b, ▁+a+b), "▁ab" itself -5.
const char* kTieVocab =
    R"([["<unk>", 0.0], ["▁", -2.0], ["a", -1.0], ["▁a", -3.0], ["b", -1.0], ["ab", -2.0], ["▁ab", -5.0]])";

const char* kVocab =
    R"([["<unk>", 0.0], ["▁", -2.0], ["a", -1.0], ["b", -1.0], ["ab", -2.0], ["▁ab", -5.0], ["c", -3.0],
        ["<0xC3>", -9.0], ["<0xA9>", -9.0], ["▁a", -1.5]])";

TEST(Unigram, TiesKeepThePathFoundFirst) {
  Tokenizer tok = Tokenizer::from_json(unigram_json(kTieVocab, metaspace("always", true)));
  // Offers are made from each start in turn: at the end of "▁ab", ▁+ab (from start 1, -4)
  // replaces ▁ab (from start 0, -5); b after ▁a (from start 2, also -4) is not strictly better,
  // so ▁+ab stays.
  Encoding e = tok.encode("ab");
  EXPECT_EQ(e.ids, (std::vector<int64_t>{1, 5}));
  EXPECT_EQ(e.tokens, (std::vector<std::string>{"▁", "ab"}));
  EXPECT_EQ(e.offsets, (Offsets{{0, 1}, {0, 2}}));
  // ▁a (-3, found from start 0) ties with ▁+a (-3, from start 1): the first stays.
  EXPECT_EQ(tok.encode("a").tokens, (std::vector<std::string>{"▁a"}));
}

TEST(Unigram, UnknownRunsFuseAndKeepTheirText) {
  Tokenizer tok = Tokenizer::from_json(unigram_json(kVocab, metaspace("always", true)));
  Encoding e = tok.encode("a xyz b");
  EXPECT_EQ(e.ids, (std::vector<int64_t>{9, 1, 0, 1, 3}));
  EXPECT_EQ(e.tokens, (std::vector<std::string>{"▁a", "▁", "xyz", "▁", "b"}));
  EXPECT_EQ(e.offsets, (Offsets{{0, 1}, {1, 2}, {2, 5}, {5, 6}, {6, 7}}));
}

TEST(Unigram, ByteFallbackOnlyWhenEveryByteHasAToken) {
  Tokenizer tok = Tokenizer::from_json(unigram_json(kVocab, metaspace("always", true), true));
  Encoding e = tok.encode("é");
  EXPECT_EQ(e.ids, (std::vector<int64_t>{1, 7, 8}));
  EXPECT_EQ(e.tokens, (std::vector<std::string>{"▁", "<0xC3>", "<0xA9>"}));
  EXPECT_EQ(e.offsets, (Offsets{{0, 1}, {0, 1}, {0, 1}}));
  // "z" has no byte token, so the fused run "éz" stays one unknown.
  e = tok.encode("éz");
  EXPECT_EQ(e.ids, (std::vector<int64_t>{1, 0}));
  EXPECT_EQ(e.tokens, (std::vector<std::string>{"▁", "éz"}));
  EXPECT_EQ(e.offsets, (Offsets{{0, 1}, {0, 2}}));
}

TEST(Metaspace, NeverWithoutSplitKeepsOnePiece) {
  Tokenizer tok = Tokenizer::from_json(unigram_json(kVocab, metaspace("never", false)));
  Encoding e = tok.encode("a b  c");
  EXPECT_EQ(e.ids, (std::vector<int64_t>{2, 1, 3, 1, 1, 6}));
  EXPECT_EQ(e.offsets, (Offsets{{0, 1}, {1, 2}, {2, 3}, {3, 4}, {4, 5}, {5, 6}}));
}

TEST(Metaspace, FirstPrependsAtTheStartOfTheText) {
  Tokenizer tok = Tokenizer::from_json(unigram_json(kVocab, metaspace("first", true)));
  EXPECT_EQ(tok.encode("a b").tokens, (std::vector<std::string>{"▁a", "▁", "b"}));
}

TEST(Normalizers, ReplaceAlignsToTheMatchsLastCharacterAndStripDrops) {
  // What transformers writes after Precompiled for XLM-R.
  std::string json = unigram_json(kVocab, metaspace("always", true));
  json.replace(json.find(R"("normalizer": null)"), 18,
               R"("normalizer": {"type": "Sequence", "normalizers": [
                   {"type": "Strip", "strip_left": false, "strip_right": true},
                   {"type": "Replace", "pattern": {"Regex": " {2,}"}, "content": "\u2581"}]})");
  Tokenizer tok = Tokenizer::from_json(json);
  Encoding e = tok.encode("a   b");  // "▁a▁b", the inner "▁" on the third space
  EXPECT_EQ(e.ids, (std::vector<int64_t>{9, 1, 3}));
  EXPECT_EQ(e.offsets, (Offsets{{0, 1}, {3, 4}, {4, 5}}));
  e = tok.encode("   a");  // starts with "▁" (the third space), so none is prepended
  EXPECT_EQ(e.tokens, (std::vector<std::string>{"▁a"}));
  EXPECT_EQ(e.offsets, (Offsets{{2, 4}}));
  EXPECT_EQ(tok.encode("a \t ").offsets, (Offsets{{0, 1}}));
}

TEST(Grapheme, ClustersFollowUax29) {
  EXPECT_EQ(tokenizer::grapheme_end(U"e\u0301x", 0), 2u);
  EXPECT_EQ(tokenizer::grapheme_end(U"\r\nb", 0), 2u);
  EXPECT_EQ(tokenizer::grapheme_end(U"ab", 0), 1u);
  EXPECT_EQ(tokenizer::grapheme_end(U"\U0001F469\u200D\U0001F4BBx", 0), 3u);
  EXPECT_EQ(tokenizer::grapheme_end(U"\U0001F1EB\U0001F1F7\U0001F1E9", 0), 2u);
}

class TinyXlmr : public testing::Test {
 protected:
  void SetUp() override {
    const std::filesystem::path path = "models/tiny-xlmr/hf/tokenizer.json";
    if (!std::filesystem::exists(path)) GTEST_SKIP() << path << " not found (run from the repository root)";
    tok_ = Tokenizer::from_file(path);
  }
  Tokenizer tok_ = Tokenizer::from_json(unigram_json(kVocab, "null"));
};

TEST_F(TinyXlmr, PrecompiledReplacesAShortClusterByItsFirstRule) {
  // "ｅ" -> "e" is a rule and "ｅ\u0301" is one cluster of 5 bytes: the accent goes with it.
  Encoding e = tok_.encode("ｅ\u0301x");
  EXPECT_EQ(e.tokens, (std::vector<std::string>{"<s>", "▁ex", "</s>"}));
  EXPECT_EQ(e.offsets, (Offsets{{0, 0}, {0, 3}, {0, 0}}));
  // "\r\n" is one cluster: "\r" -> " " replaces both, so one space.
  e = tok_.encode("a\r\nb");
  EXPECT_EQ(e.ids, (std::vector<int64_t>{0, 19, 41, 2}));
  EXPECT_EQ(e.offsets, (Offsets{{0, 0}, {0, 1}, {3, 4}, {0, 0}}));
}

TEST_F(TinyXlmr, ExpansionsAndCompositionsKeepAlignments) {
  Encoding e = tok_.encode("㍿ and ﬁ");
  EXPECT_EQ(e.ids, (std::vector<int64_t>{0, 11, 3, 11, 91, 212, 2}));
  EXPECT_EQ(e.tokens, (std::vector<std::string>{"<s>", "▁", "株式会社", "▁", "and", "▁fi", "</s>"}));
  EXPECT_EQ(e.offsets, (Offsets{{0, 0}, {0, 1}, {0, 1}, {2, 3}, {2, 5}, {6, 7}, {0, 0}}));
  // "e\u0301" composes to "é", which takes the span of "e" alone.
  e = tok_.encode("e\u0301");
  EXPECT_EQ(e.ids, (std::vector<int64_t>{0, 11, 3, 2}));
  EXPECT_EQ(e.offsets, (Offsets{{0, 0}, {0, 1}, {0, 1}, {0, 0}}));
  // U+200B becomes a space, which WhitespaceSplit drops.
  EXPECT_EQ(tok_.encode("\u200bab").offsets, (Offsets{{0, 0}, {1, 3}, {0, 0}}));
}

TEST_F(TinyXlmr, PairTemplate) {
  Encoding e = tok_.encode_pair("Hi", "there");
  EXPECT_EQ(e.ids, (std::vector<int64_t>{0, 480, 800, 2, 2, 6, 217, 2}));
  EXPECT_EQ(e.offsets, (Offsets{{0, 0}, {0, 1}, {1, 2}, {0, 0}, {0, 0}, {0, 3}, {3, 5}, {0, 0}}));
}

}  // namespace
}  // namespace attnmap
