#include "attnmap/views.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "attnmap/error.h"
#include "unit/attention_fixtures.h"

namespace attnmap {
namespace {

// 2 layers, 2 heads, 2 tokens; value = layer*1000 + head*100 + query*10 + key, easy to read back.
AttentionStack numbered_stack() {
  AttentionStack s;
  s.layers = 2, s.heads = 2, s.queries = 2, s.keys = 2;
  for (size_t l = 0; l < 2; ++l)
    for (size_t h = 0; h < 2; ++h)
      for (size_t q = 0; q < 2; ++q)
        for (size_t k = 0; k < 2; ++k) s.values.push_back(static_cast<float>(l * 1000 + h * 100 + q * 10 + k));
  return s;
}

TEST(Views, HeadMatrixPicksRowsAsQueries) {
  Matrix m = head_matrix(numbered_stack(), 1, 1);
  ASSERT_EQ(m.rows, 2u);
  EXPECT_EQ(m.at(0, 1), 1101.0f);  // query 0 -> key 1
  EXPECT_EQ(m.at(1, 0), 1110.0f);  // query 1 -> key 0
}

TEST(Views, MeanAndMaxOverHeads) {
  Matrix mean = reduce_heads(numbered_stack(), 0, HeadReduction::kMean);
  Matrix max = reduce_heads(numbered_stack(), 0, HeadReduction::kMax);
  EXPECT_FLOAT_EQ(mean.at(1, 1), 61.0f);  // (11 + 111) / 2
  EXPECT_FLOAT_EQ(max.at(1, 1), 111.0f);
}

TEST(Views, MeanOfDistributionsIsADistribution) {
  AttentionStack s;
  s.layers = 1, s.heads = 3, s.queries = 2, s.keys = 2;
  s.values = {0.9f, 0.1f, 0.5f, 0.5f, 0.2f, 0.8f, 1.0f, 0.0f, 0.3f, 0.7f, 0.4f, 0.6f};
  Matrix m = reduce_heads(s, 0, HeadReduction::kMean);
  for (size_t r = 0; r < 2; ++r) EXPECT_NEAR(m.at(r, 0) + m.at(r, 1), 1.0f, 1e-6);
}

TEST(Views, NegativeIndicesCountFromTheEnd) {
  EXPECT_EQ(resolve_index(-1, 6, "layer"), 5u);
  EXPECT_EQ(resolve_index(-6, 6, "layer"), 0u);
  EXPECT_EQ(resolve_index(2, 6, "layer"), 2u);
}

TEST(Views, OutOfRangeIndexNamesTheValidRange) {
  try {
    resolve_index(7, 6, "layer");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.exit_code(), 2);
    EXPECT_STREQ(e.what(), "layer 7 is out of range: the model has 6 layers (0..5, or -6..-1)");
  }
  EXPECT_THROW(resolve_index(-7, 6, "head"), Error);
}

// A 3 × 3 view labelled like "[CLS] good [SEP]".
Matrix labelled_view() {
  Matrix m;
  m.rows = m.cols = 3;
  m.values = {0.1f, 0.6f, 0.3f,  //
              0.2f, 0.2f, 0.6f,  //
              0.5f, 0.25f, 0.25f};
  label_axes(m, {"[CLS]", "good", "[SEP]"});
  return m;
}

TEST(Views, TokenRowKeepsKeyLabelsAndNamesItsQuery) {
  Matrix row = token_row(labelled_view(), 2);
  ASSERT_EQ(row.rows, 1u);
  ASSERT_EQ(row.cols, 3u);
  EXPECT_EQ(row.values, (std::vector<float>{0.5f, 0.25f, 0.25f}));
  EXPECT_EQ(row.row_labels, (std::vector<std::string>{"[SEP]"}));
  EXPECT_EQ(row.col_labels, (std::vector<std::string>{"[CLS]", "good", "[SEP]"}));
}

TEST(Views, TokenRowOutOfRangeIsAUsageError) {
  try {
    token_row(labelled_view(), 3);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.exit_code(), 2);
    EXPECT_STREQ(e.what(), "token 3 is out of range: the view has 3 query tokens (0..2)");
  }
}

TEST(Views, TopKSortsByWeightThenByIndex) {
  // Row 2 is 0.5, 0.25, 0.25: the tie between keys 1 and 2 keeps column order.
  std::vector<RankedKey> top = top_k(token_row(labelled_view(), 2), 3);
  ASSERT_EQ(top.size(), 3u);
  EXPECT_EQ(top[0].index, 0u);
  EXPECT_EQ(top[0].label, "[CLS]");
  EXPECT_FLOAT_EQ(top[0].weight, 0.5f);
  EXPECT_EQ(top[1].index, 1u);
  EXPECT_EQ(top[1].label, "good");
  EXPECT_EQ(top[2].index, 2u);
  EXPECT_FLOAT_EQ(top[2].weight, 0.25f);
}

TEST(Views, TopKStopsAtKAndAtTheRowLength) {
  Matrix row = token_row(labelled_view(), 0);
  std::vector<RankedKey> one = top_k(row, 1);
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0].index, 1u);
  EXPECT_FLOAT_EQ(one[0].weight, 0.6f);
  EXPECT_EQ(top_k(row, 10).size(), 3u);
  EXPECT_TRUE(top_k(row, 0).empty());
}

TEST(Views, TopKNeedsASingleRow) {
  try {
    top_k(labelled_view(), 2);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.exit_code(), 3);
    EXPECT_STREQ(e.what(), "top_k needs a single row (1 × keys), not a 3 × 3 matrix");
  }
}

// --- Projected keys (K != T, Linformer-style): T = 3 queries, K = 2 keys. --------------------------

TEST(Views, ProjectedKeysHeadAndReductionsKeepTheirShape) {
  AttentionStack s = testing::random_stack(2, 3, 3, 2, 7);
  Matrix head = head_matrix(s, 1, 2);
  EXPECT_EQ(head.rows, 3u);
  EXPECT_EQ(head.cols, 2u);
  EXPECT_EQ(head.at(2, 1), s.at(1, 2, 2, 1));
  Matrix mean = reduce_heads(s, 1, HeadReduction::kMean);
  for (size_t r = 0; r < 3; ++r) EXPECT_NEAR(mean.at(r, 0) + mean.at(r, 1), 1.0f, 1e-6);
  EXPECT_FLOAT_EQ(mean.at(0, 1), (s.at(1, 0, 0, 1) + s.at(1, 1, 0, 1) + s.at(1, 2, 0, 1)) / 3.0f);
  Matrix max = reduce_heads(s, 0, HeadReduction::kMax);
  EXPECT_EQ(max.at(1, 0), std::max({s.at(0, 0, 1, 0), s.at(0, 1, 1, 0), s.at(0, 2, 1, 0)}));
}

TEST(Views, ProjectedKeysAreLabelledAsProjections) {
  Matrix m = reduce_heads(testing::random_stack(1, 1, 3, 2, 8), 0, HeadReduction::kMean);
  label_axes(m, {"[CLS]", "hi", "[SEP]"});
  EXPECT_EQ(m.row_labels, (std::vector<std::string>{"[CLS]", "hi", "[SEP]"}));
  EXPECT_EQ(m.col_labels, (std::vector<std::string>{"k0", "k1"}));
  Matrix row = token_row(m, 0);
  EXPECT_EQ(row.cols, 2u);
  EXPECT_EQ(row.row_labels, (std::vector<std::string>{"[CLS]"}));
  EXPECT_EQ(row.col_labels, (std::vector<std::string>{"k0", "k1"}));
}

}  // namespace
}  // namespace attnmap
