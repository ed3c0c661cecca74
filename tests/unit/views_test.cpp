#include "attnmap/views.h"

#include <gtest/gtest.h>

#include "attnmap/error.h"

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

}  // namespace
}  // namespace attnmap
