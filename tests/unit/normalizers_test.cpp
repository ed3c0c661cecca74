// NFC and the Replace regexes: expected values are what Hugging Face tokenizers 0.23.3 returns for
// the same tokenizer.json and text (checked by hand with the Python binding). The corpus parity
// tests (tokenizer_parity.tiny-deberta, tokenizer_parity.variant-*) cover them on real text.
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "attnmap/error.h"
#include "attnmap/tokenizer.h"

namespace attnmap {
namespace {

using Offsets = std::vector<std::pair<size_t, size_t>>;
using Tokens = std::vector<std::string>;

// One piece per character, split on whitespace: the tokens show what the normalizer made.
Tokenizer with_normalizer(const std::string& normalizer) {
  return Tokenizer::from_json(R"({"version": "1.0", "truncation": null, "padding": null, "added_tokens": [],
    "normalizer": )" + normalizer + R"(, "pre_tokenizer": {"type": "WhitespaceSplit"}, "post_processor": null,
    "decoder": null, "model": {"type": "Unigram", "unk_id": 0, "byte_fallback": false, "vocab": [
      ["<unk>", 0.0], ["é", -1.0], ["x", -1.0], ["y", -1.0], ["ẋ", -1.0], ["\u0323", -1.0], ["각", -1.0],
      ["z", -1.0], ["e", -1.0], ["\u0301", -1.0], ["a", -1.0], ["b", -1.0], ["#", -1.0], ["Å", -1.0]]}})");
}

std::string replace(const std::string& regex) {
  return R"({"type": "Replace", "pattern": {"Regex": ")" + regex + R"("}, "content": "#"})";
}

TEST(Nfc, ComposesAndAlignsByPosition) {
  Tokenizer tok = with_normalizer(R"({"type": "NFC"})");
  // The composite stands on its first character; the mark's span goes to no one.
  Encoding e = tok.encode("e\u0301x");
  EXPECT_EQ(e.tokens, (Tokens{"é", "x"}));
  EXPECT_EQ(e.offsets, (Offsets{{0, 1}, {2, 3}}));
  // x + dot below + dot above: x composes with the dot above past the dot below (class 220 < 230),
  // and the dot below takes the position of the character consumed last.
  e = tok.encode("x\u0323\u0307y");
  EXPECT_EQ(e.tokens, (Tokens{"ẋ", "\u0323", "y"}));
  EXPECT_EQ(e.offsets, (Offsets{{0, 1}, {2, 3}, {3, 4}}));
  e = tok.encode("\u1100\u1161\u11A8z");  // Hangul L + V + T
  EXPECT_EQ(e.tokens, (Tokens{"각", "z"}));
  EXPECT_EQ(e.offsets, (Offsets{{0, 1}, {3, 4}}));
  e = tok.encode("\u212Bb");  // a singleton: the Angstrom sign becomes U+00C5 and stays one character
  EXPECT_EQ(e.tokens, (Tokens{"Å", "b"}));
  EXPECT_EQ(e.offsets, (Offsets{{0, 1}, {1, 2}}));
}

TEST(ReplaceRegex, AlternativesClassesAndBacktracking) {
  Tokenizer tok = with_normalizer(replace("a[ab]*b|x"));
  // a[ab]*b must give back the last "b" its star took: one match over "aabbab".
  Encoding e = tok.encode("aabbab y");
  EXPECT_EQ(e.tokens, (Tokens{"#", "y"}));
  EXPECT_EQ(e.offsets, (Offsets{{5, 6}, {7, 8}}));
  e = tok.encode("ab x");
  EXPECT_EQ(e.tokens, (Tokens{"#", "#"}));
  EXPECT_EQ(e.offsets, (Offsets{{1, 2}, {3, 4}}));
}

TEST(ReplaceRegex, RefusesWhatItDoesNotImplement) {
  // Groups, anchors, other classes, lazy and possessive quantifiers, malformed classes and
  // quantifiers, and any pattern that can match nothing: refused by name, not guessed at.
  for (const char* regex : {"(a|b)", "^a", "a$", "\\\\d+", "\\\\w", "a+?", "a*+", "[a-", "a{2,1}", "a*", "x|y?",
                            "[[:alpha:]]", "{2}"}) {
    try {
      with_normalizer(replace(regex));
      ADD_FAILURE() << regex << " was accepted";
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find("unsupported Replace regex"), std::string::npos) << regex << ": " << e.what();
    }
  }
}

}  // namespace
}  // namespace attnmap
