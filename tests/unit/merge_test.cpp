// Word groups, subword merging, hiding special tokens and cutting padding, on encodings written by
// hand in the shape each tokenizer family gives them.
#include <gtest/gtest.h>

#include "attnmap/error.h"
#include "attnmap/padding.h"
#include "attnmap/special_tokens.h"
#include "attnmap/words.h"
#include "unit/attention_fixtures.h"

namespace attnmap {
namespace {

struct Token {
  std::string text;
  size_t begin, end;
  int sequence;  // -1: special
  bool padding = false;
};

Encoding encode(const std::vector<Token>& tokens) {
  Encoding e;
  for (const Token& t : tokens) {
    e.ids.push_back(static_cast<int64_t>(e.ids.size()));
    e.type_ids.push_back(t.sequence == 1 ? 1 : 0);
    e.tokens.push_back(t.text);
    e.offsets.emplace_back(t.begin, t.end);
    e.special_tokens_mask.push_back(t.sequence < 0 ? 1 : 0);
    e.attention_mask.push_back(t.padding ? 0 : 1);
    e.sequence_ids.push_back(t.sequence);
  }
  return e;
}

// "[CLS] un ##believ ##able ! [SEP]" for `text`, with "!" at `bang`.
Encoding bert(size_t bang) {
  return encode({{"[CLS]", 0, 0, -1},
                 {"un", 0, 2, 0},
                 {"##believ", 2, 8, 0},
                 {"##able", 8, 12, 0},
                 {"!", bang, bang + 1, 0},
                 {"[SEP]", 0, 0, -1}});
}

struct Expected {
  size_t begin, end;
  std::string label;
  bool special;
};

void expect_groups(const std::vector<WordGroup>& groups, const std::vector<Expected>& expected) {
  ASSERT_EQ(groups.size(), expected.size());
  for (size_t g = 0; g < groups.size(); ++g) {
    EXPECT_EQ(groups[g].begin, expected[g].begin) << "group " << g;
    EXPECT_EQ(groups[g].end, expected[g].end) << "group " << g;
    EXPECT_EQ(groups[g].label, expected[g].label) << "group " << g;
    EXPECT_EQ(groups[g].special, expected[g].special) << "group " << g;
  }
}

TEST(WordGroups, BertWordPiece) {
  expect_groups(word_groups(bert(13), "unbelievable !"),
                {{0, 1, "[CLS]", true}, {1, 4, "unbelievable", false}, {4, 5, "!", false}, {5, 6, "[SEP]", true}});
  // Punctuation that touches the word is part of the whitespace-delimited word.
  expect_groups(word_groups(bert(12), "unbelievable!"),
                {{0, 1, "[CLS]", true}, {1, 5, "unbelievable!", false}, {5, 6, "[SEP]", true}});
}

TEST(WordGroups, RobertaByteLevel) {
  // "Hello world" -> "<s> Hello Ġwor ld </s>"; trimmed offsets leave the space out of "Ġwor".
  Encoding trimmed =
      encode({{"<s>", 0, 0, -1}, {"Hello", 0, 5, 0}, {"Ġwor", 6, 9, 0}, {"ld", 9, 11, 0}, {"</s>", 0, 0, -1}});
  expect_groups(word_groups(trimmed, "Hello world"),
                {{0, 1, "<s>", true}, {1, 2, "Hello", false}, {2, 4, "world", false}, {4, 5, "</s>", true}});
  // Without trim_offsets "Ġwor" starts at the space, touching "Hello": the space starts a new word.
  Encoding untrimmed = trimmed;
  untrimmed.offsets[2] = {5, 9};
  expect_groups(word_groups(untrimmed, "Hello world"),
                {{0, 1, "<s>", true}, {1, 2, "Hello", false}, {2, 4, "world", false}, {4, 5, "</s>", true}});
}

TEST(WordGroups, ByteLevelPiecesOfOneCharacterShareItsSpan) {
  // "a 😀": the emoji's four bytes in two tokens, both with the emoji's span (2, 3).
  Encoding e = encode({{"a", 0, 1, 0}, {"ĠðŁ", 2, 3, 0}, {"ĺĢ", 2, 3, 0}});
  expect_groups(word_groups(e, "a \xF0\x9F\x98\x80"), {{0, 1, "a", false}, {1, 3, "\xF0\x9F\x98\x80", false}});
}

TEST(WordGroups, SentencepieceWithCodePointOffsets) {
  // "Héllo wörld" -> "<s> ▁Hé llo ▁wö rld </s>". Offsets count code points: "é" is one, although two
  // bytes, so byte offsets would cut the labels wrong.
  Encoding e = encode({{"<s>", 0, 0, -1},
                       {"▁Hé", 0, 2, 0},
                       {"llo", 2, 5, 0},
                       {"▁wö", 6, 8, 0},
                       {"rld", 8, 11, 0},
                       {"</s>", 0, 0, -1}});
  expect_groups(word_groups(e, "Héllo wörld"),
                {{0, 1, "<s>", true}, {1, 3, "Héllo", false}, {3, 5, "wörld", false}, {5, 6, "</s>", true}});
}

TEST(WordGroups, LoneWordStartMarkIsItsOwnWord) {
  // XLM-R writes "a ," as "▁a ▁ ,": the bare "▁" covers the space, "," touches it.
  Encoding e = encode({{"▁a", 0, 1, 0}, {"▁", 1, 2, 0}, {",", 2, 3, 0}});
  expect_groups(word_groups(e, "a ,"), {{0, 1, "a", false}, {1, 3, ",", false}});
}

TEST(WordGroups, PairsNeverMergeAcrossSequences) {
  // "[CLS] hello [SEP] world ##s [SEP]" for ("hello", "worlds"): offsets of the second sequence
  // point into the second text.
  Encoding e = encode({{"[CLS]", 0, 0, -1},
                       {"hello", 0, 5, 0},
                       {"[SEP]", 0, 0, -1},
                       {"world", 0, 5, 1},
                       {"##s", 5, 6, 1},
                       {"[SEP]", 0, 0, -1}});
  expect_groups(word_groups(e, "hello", "worlds"), {{0, 1, "[CLS]", true},
                                                   {1, 2, "hello", false},
                                                   {2, 3, "[SEP]", true},
                                                   {3, 5, "worlds", false},
                                                   {5, 6, "[SEP]", true}});
  // Without a separator between them, touching offsets in different sequences still split.
  Encoding joined = encode({{"ab", 0, 2, 0}, {"cd", 2, 4, 1}});
  expect_groups(word_groups(joined, "ab", "xxcd"), {{0, 1, "ab", false}, {1, 2, "cd", false}});
}

TEST(WordGroups, BadInput) {
  try {
    word_groups(bert(13), "unbelievable");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.exit_code(), 3);
    EXPECT_STREQ(e.what(), "token 4 (\"!\") has offsets (13, 14) outside its text (12 characters)");
  }
  Encoding e = bert(13);
  e.sequence_ids.pop_back();
  EXPECT_THROW(word_groups(e, "unbelievable !"), Error);
  EXPECT_THROW(word_groups(bert(13), "unbelievable \xFF"), Error);
}

// --- merge_subwords ------------------------------------------------------------------------------

TEST(Merge, HandWorkedThreeTokens) {
  // "playing now" -> "play ##ing now", groups {play ##ing} {now}.
  //   rows: play [.2 .3 .5], ##ing [.6 .2 .2], now [.1 .4 .5]
  // Columns summed: play [.5 .5], ##ing [.8 .2], now [.5 .5]; rows averaged:
  //   playing = ([.5 .5] + [.8 .2]) / 2 = [.65 .35], now = [.5 .5]
  Encoding e = encode({{"play", 0, 4, 0}, {"##ing", 4, 7, 0}, {"now", 8, 11, 0}});
  Matrix m;
  m.rows = m.cols = 3;
  m.values = {.2f, .3f, .5f, .6f, .2f, .2f, .1f, .4f, .5f};
  Matrix merged = merge_subwords(m, word_groups(e, "playing now"));
  ASSERT_EQ(merged.rows, 2u);
  ASSERT_EQ(merged.cols, 2u);
  EXPECT_NEAR(merged.at(0, 0), .65, 1e-6);
  EXPECT_NEAR(merged.at(0, 1), .35, 1e-6);
  EXPECT_NEAR(merged.at(1, 0), .5, 1e-6);
  EXPECT_NEAR(merged.at(1, 1), .5, 1e-6);
  EXPECT_EQ(merged.row_labels, (std::vector<std::string>{"playing", "now"}));
  EXPECT_EQ(merged.col_labels, (std::vector<std::string>{"playing", "now"}));
}

TEST(Merge, RowsStillSumToOne) {
  Matrix m = reduce_heads(testing::random_stack(1, 2, 6, 6, 9), 0, HeadReduction::kMean);
  Matrix merged = merge_subwords(m, word_groups(bert(13), "unbelievable !"));
  ASSERT_EQ(merged.rows, 4u);
  for (size_t r = 0; r < merged.rows; ++r) {
    double sum = 0.0;
    for (size_t c = 0; c < merged.cols; ++c) sum += merged.at(r, c);
    EXPECT_NEAR(sum, 1.0, 1e-5);
  }
  // Word "unbelievable" (tokens 1..3) attending to "!" (token 4): the mean of three cells.
  EXPECT_NEAR(merged.at(1, 2), (m.at(1, 4) + m.at(2, 4) + m.at(3, 4)) / 3.0, 1e-6);
  // "!" attending to "unbelievable": the sum of three cells.
  EXPECT_NEAR(merged.at(2, 1), m.at(4, 1) + m.at(4, 2) + m.at(4, 3), 1e-6);
}

TEST(Merge, OneTokensRowMergesColumnsOnly) {
  Matrix m = reduce_heads(testing::random_stack(1, 1, 6, 6, 2), 0, HeadReduction::kMean);
  label_axes(m, bert(13).tokens);
  Matrix row = merge_subwords(token_row(m, 0), word_groups(bert(13), "unbelievable !"), TokenAxes::kColumns);
  ASSERT_EQ(row.rows, 1u);
  ASSERT_EQ(row.cols, 4u);
  EXPECT_EQ(row.row_labels, (std::vector<std::string>{"[CLS]"}));
  EXPECT_NEAR(row.at(0, 1), m.at(0, 1) + m.at(0, 2) + m.at(0, 3), 1e-6);
}

TEST(Merge, GroupsMustCoverTheView) {
  Matrix m = reduce_heads(testing::random_stack(1, 1, 5, 5, 2), 0, HeadReduction::kMean);
  try {
    merge_subwords(m, word_groups(bert(13), "unbelievable !"));
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.exit_code(), 3);
    EXPECT_STREQ(e.what(), "the word groups cover 6 tokens but this view has 5 rows");
  }
}

// --- Hiding special tokens -----------------------------------------------------------------------

// 4 tokens "[CLS] a b [SEP]" with rows summing to 1; [SEP] takes most of the attention.
Matrix cls_a_b_sep() {
  Matrix m;
  m.rows = m.cols = 4;
  m.values = {.1f, .1f, .2f, .6f,  //
              .1f, .2f, .2f, .5f,  //
              .2f, .1f, .1f, .6f,  //
              .25f, .25f, .25f, .25f};
  label_axes(m, {"[CLS]", "a", "b", "[SEP]"});
  return m;
}
Encoding cls_a_b_sep_encoding() {
  return encode({{"[CLS]", 0, 0, -1}, {"a", 0, 1, 0}, {"b", 2, 3, 0}, {"[SEP]", 0, 0, -1}});
}

TEST(HideSpecial, DropsRowsAndColumnsAndKeepsTheNumbers) {
  Matrix m = hide_special_tokens(cls_a_b_sep(), cls_a_b_sep_encoding());
  ASSERT_EQ(m.rows, 2u);
  ASSERT_EQ(m.cols, 2u);
  EXPECT_EQ(m.values, (std::vector<float>{.2f, .2f, .1f, .1f}));
  EXPECT_EQ(m.row_labels, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(m.col_labels, (std::vector<std::string>{"a", "b"}));
}

TEST(HideSpecial, RenormaliseMakesRowsSumToOne) {
  // Row a: [.2 .2] / .4 = [.5 .5]; row b: [.1 .1] / .2 = [.5 .5].
  Matrix m = hide_special_tokens(cls_a_b_sep(), cls_a_b_sep_encoding(), {TokenAxes::kBoth, true});
  for (float v : m.values) EXPECT_NEAR(v, .5, 1e-6);
}

TEST(HideSpecial, PaddingIsHiddenToo) {
  Encoding e = encode({{"[CLS]", 0, 0, -1}, {"a", 0, 1, 0}, {"b", 2, 3, 0}, {"[PAD]", 0, 0, 0, true}});
  e.special_tokens_mask[3] = 0;  // only the attention mask says it is padding
  EXPECT_EQ(visible_tokens(e), (std::vector<bool>{false, true, true, false}));
}

TEST(HideSpecial, AfterMergingWords) {
  // Merge first, then hide the special words: "[CLS] un ##believ ##able ! [SEP]" -> 2 × 2.
  Matrix m = reduce_heads(testing::random_stack(1, 2, 6, 6, 4), 0, HeadReduction::kMean);
  auto groups = word_groups(bert(13), "unbelievable !");
  Matrix words = keep_tokens(merge_subwords(m, groups), visible_words(groups));
  ASSERT_EQ(words.rows, 2u);
  EXPECT_EQ(words.col_labels, (std::vector<std::string>{"unbelievable", "!"}));
  // The same numbers as hiding first and merging with the special groups left out.
  Matrix hidden = hide_special_tokens(m, bert(13));
  double block = 0.0;  // rows 0..2 ("un ##believ ##able") × columns 0..2 of the hidden view
  for (size_t r = 0; r < 3; ++r)
    for (size_t c = 0; c < 3; ++c) block += hidden.at(r, c);
  EXPECT_NEAR(words.at(0, 0), block / 3.0, 1e-6);
  EXPECT_NEAR(words.at(1, 0), hidden.at(3, 0) + hidden.at(3, 1) + hidden.at(3, 2), 1e-6);
}

TEST(HideSpecial, ProjectedKeysHideRowsOnly) {
  // T = 4 tokens, K = 2 projected keys.
  Matrix m = reduce_heads(testing::random_stack(1, 1, 4, 2, 3), 0, HeadReduction::kMean);
  label_axes(m, {"[CLS]", "a", "b", "[SEP]"});
  Matrix rows = hide_special_tokens(m, cls_a_b_sep_encoding(), {TokenAxes::kRows, false});
  ASSERT_EQ(rows.rows, 2u);
  ASSERT_EQ(rows.cols, 2u);
  EXPECT_EQ(rows.at(1, 1), m.at(2, 1));
  EXPECT_EQ(rows.row_labels, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(rows.col_labels, (std::vector<std::string>{"k0", "k1"}));
  try {
    hide_special_tokens(m, cls_a_b_sep_encoding());
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.exit_code(), 3);
    EXPECT_STREQ(e.what(),
                 "the columns of this view are not tokens (2 columns, 4 tokens): with projected keys hide rows only");
  }
  // Merging works on rows in the same way: "a" and "b" as one word "ab".
  Encoding e = encode({{"[CLS]", 0, 0, -1}, {"a", 0, 1, 0}, {"b", 1, 2, 0}, {"[SEP]", 0, 0, -1}});
  Matrix merged = merge_subwords(m, word_groups(e, "ab"), TokenAxes::kRows);
  ASSERT_EQ(merged.rows, 3u);
  ASSERT_EQ(merged.cols, 2u);
  EXPECT_NEAR(merged.at(1, 0), (m.at(1, 0) + m.at(2, 0)) / 2.0, 1e-7);
  EXPECT_EQ(merged.col_labels, (std::vector<std::string>{"k0", "k1"}));
}

// --- Padding -------------------------------------------------------------------------------------

TEST(Padding, CutsPaddedPositionsOnBothAxes) {
  // "[CLS] a [SEP] [PAD] [PAD]" (right padding) and "[PAD] [CLS] a [SEP]" (left padding).
  AttentionStack s = testing::random_stack(2, 2, 5, 5, 8);
  Encoding right = encode({{"[CLS]", 0, 0, -1}, {"a", 0, 1, 0}, {"[SEP]", 0, 0, -1},
                           {"[PAD]", 0, 0, -1, true}, {"[PAD]", 0, 0, -1, true}});
  AttentionStack cut = strip_padding(s, right);
  EXPECT_EQ(cut.queries, 3u);
  EXPECT_EQ(cut.keys, 3u);
  EXPECT_EQ(cut.values.size(), 2u * 2u * 3u * 3u);
  EXPECT_EQ(cut.at(1, 1, 2, 1), s.at(1, 1, 2, 1));
  Encoding e = strip_padding(right);
  EXPECT_EQ(e.tokens, (std::vector<std::string>{"[CLS]", "a", "[SEP]"}));
  EXPECT_EQ(e.attention_mask, (std::vector<uint8_t>{1, 1, 1}));

  AttentionStack s4 = testing::random_stack(1, 1, 4, 4, 9);
  Encoding left = encode({{"[PAD]", 0, 0, -1, true}, {"[CLS]", 0, 0, -1}, {"a", 0, 1, 0}, {"[SEP]", 0, 0, -1}});
  AttentionStack cut_left = strip_padding(s4, left);
  EXPECT_EQ(cut_left.queries, 3u);
  EXPECT_EQ(cut_left.at(0, 0, 0, 0), s4.at(0, 0, 1, 1));
  EXPECT_EQ(cut_left.at(0, 0, 2, 1), s4.at(0, 0, 3, 2));
}

TEST(Padding, ProjectedKeysAreKept) {
  AttentionStack s = testing::random_stack(1, 1, 3, 2, 1);
  Encoding e = encode({{"[CLS]", 0, 0, -1}, {"[SEP]", 0, 0, -1}, {"[PAD]", 0, 0, -1, true}});
  AttentionStack cut = strip_padding(s, e);
  EXPECT_EQ(cut.queries, 2u);
  EXPECT_EQ(cut.keys, 2u);
  EXPECT_EQ(cut.at(0, 0, 1, 1), s.at(0, 0, 1, 1));
}

TEST(Padding, ValueVectorsLoseThePaddedKeys) {
  ValueVectors f;
  f.layers = 1, f.heads = 2, f.keys = 3, f.dim = 2;
  f.values = {1, 2, 3, 4, 5, 6, /* head 1 */ 7, 8, 9, 10, 11, 12};
  Encoding e = encode({{"a", 0, 1, 0}, {"[PAD]", 0, 0, -1, true}, {"b", 2, 3, 0}});
  ValueVectors cut = strip_padding(f, e);
  EXPECT_EQ(cut.keys, 2u);
  EXPECT_EQ(cut.values, (std::vector<float>{1, 2, 5, 6, 7, 8, 11, 12}));
}

TEST(Padding, StackMustMatchTheEncoding) {
  try {
    strip_padding(testing::random_stack(1, 1, 4, 4, 1), encode({{"a", 0, 1, 0}}));
    FAIL();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "the attention covers 4 tokens but the encoding has 1");
  }
}

}  // namespace
}  // namespace attnmap
