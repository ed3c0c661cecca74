// display_tokens: the raw, clean and text forms of tokens for figures (attnmap/display.h).
#include "attnmap/display.h"

#include <gtest/gtest.h>

#include "attnmap/error.h"
#include "attnmap/tokenizer.h"

namespace attnmap {
namespace {

using Labels = std::vector<std::string>;

TEST(DisplayTokens, ByteLevelDecodesBytesAndDropsTheWordStartMark) {
  Tokenizer tok = Tokenizer::from_path("models/tiny-roberta/hf/tokenizer.json");
  const std::string text = "Hello na\u00efve \U0001F600 <mask>";
  Encoding e = tok.encode(text);
  ASSERT_EQ(e.tokens, (Labels{"<s>", "H", "e", "ll", "o", "\u0120n", "a", "\u00c3", "\u00af", "ve", "\u0120", "\u00f0",
                              "\u0141", "\u013a", "\u0122", "\u0120", "<mask>", "</s>"}));
  EXPECT_EQ(display_tokens(e, text, DisplayForm::kRaw), e.tokens);
  // "ï" is two byte tokens, each half a character: U+FFFD for each; so are the emoji's four.
  EXPECT_EQ(display_tokens(e, text, DisplayForm::kClean),
            (Labels{"<s>", "H", "e", "ll", "o", "n", "a", "\ufffd", "\ufffd", "ve", "\u2423", "\ufffd", "\ufffd", "\ufffd",
                    "\ufffd", "\u2423", "<mask>", "</s>"}));
  // The offsets give each part the whole character; an empty span falls back to the clean form.
  EXPECT_EQ(display_tokens(e, text, DisplayForm::kText),
            (Labels{"<s>", "H", "e", "ll", "o", "n", "a", "\u00ef", "\u00ef", "ve", "\u2423", "\U0001F600",
                    "\U0001F600", "\U0001F600", "\U0001F600", "\u2423", "<mask>", "</s>"}));
}

TEST(DisplayTokens, WholeByteLevelCharactersDecode) {
  Encoding e;
  e.ids = {1, 2};
  e.tokens = {"\u0120caf\u00c3\u00a9", "\u010a"};  // "Ġcafé" as bytes, a newline
  e.offsets = {{0, 5}, {5, 6}};
  e.spelling = TokenSpelling::kByteLevel;
  EXPECT_EQ(display_tokens(e, " caf\u00e9\n", DisplayForm::kClean), (Labels{"caf\u00e9", "\u21b5"}));
}

TEST(DisplayTokens, MetaspaceMarksAreRemoved) {
  Tokenizer tok = Tokenizer::from_path("models/tiny-xlmr/sentencepiece.bpe.model");
  const std::string text = "Hello <mask>. a";
  Encoding e = tok.encode(text);
  ASSERT_EQ(e.tokens, (Labels{"<s>", "\u2581H", "ell", "o", "<mask>", "\u2581", ".", "\u2581a", "</s>"}));
  EXPECT_EQ(display_tokens(e, text, DisplayForm::kClean),
            (Labels{"<s>", "H", "ell", "o", "<mask>", "\u2423", ".", "a", "</s>"}));
  // sentencepiece's spans include the space before a word: the text form shows it.
  EXPECT_EQ(display_tokens(e, text, DisplayForm::kText)[7], " a");
}

TEST(DisplayTokens, WordPieceKeepsItsContinuationMarkInClean) {
  Tokenizer tok = Tokenizer::from_path("models/minilm/hf/tokenizer.json");
  const std::string text = "Playing na\u00efvely";
  Encoding e = tok.encode(text);
  EXPECT_EQ(display_tokens(e, text, DisplayForm::kClean), (Labels{"[CLS]", "playing", "naive", "##ly", "[SEP]"}));
  EXPECT_EQ(display_tokens(e, text, DisplayForm::kText), (Labels{"[CLS]", "Playing", "na\u00efve", "ly", "[SEP]"}));
}

TEST(DisplayTokens, PairUsesTheSecondTextForTheSecondSequence) {
  Tokenizer tok = Tokenizer::from_path("models/minilm/hf/tokenizer.json");
  Encoding e = tok.encode_pair("Good", "Bad");
  EXPECT_EQ(display_tokens(e, "Good", "Bad", DisplayForm::kText), (Labels{"[CLS]", "Good", "[SEP]", "Bad", "[SEP]"}));
}

TEST(DisplayTokens, FormNamesAndErrors) {
  EXPECT_EQ(parse_display_form("text"), DisplayForm::kText);
  EXPECT_STREQ(display_form_name(DisplayForm::kClean), "clean");
  try {
    parse_display_form("pretty");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.category(), ErrorCategory::kUsage);
  }
  Encoding e = Tokenizer::from_path("models/minilm/hf/tokenizer.json").encode("Good");
  try {
    display_tokens(e, "Go\xff", DisplayForm::kText);
    FAIL();
  } catch (const Error& err) {
    EXPECT_EQ(err.where(), "byte 2");
  }
  EXPECT_THROW(display_tokens(e, "G", DisplayForm::kText), Error) << "offsets beyond the text";
}

}  // namespace
}  // namespace attnmap
