#include "attnmap/rollout.h"

#include <gtest/gtest.h>

#include <cmath>

#include "attnmap/error.h"
#include "attnmap/gradient_attention.h"
#include "unit/attention_fixtures.h"

namespace attnmap {
namespace {

// 2 layers, 2 heads, 3 tokens, chosen so that the head means are simple:
//   Ā_0 = [1 0 0; .5 .5 0; 0 .5 .5]      Ā_1 = [0 0 1; 1 0 0; .5 .5 0]
AttentionStack hand_stack() {
  AttentionStack s;
  s.layers = 2, s.heads = 2, s.queries = 3, s.keys = 3;
  s.values = {
      // layer 0, head 0 / head 1
      1, 0, 0, 1, 0, 0, 0, 1, 0,  //
      1, 0, 0, 0, 1, 0, 0, 0, 1,  //
      // layer 1, head 0 / head 1 (equal)
      0, 0, 1, 1, 0, 0, .5, .5, 0,  //
      0, 0, 1, 1, 0, 0, .5, .5, 0,
  };
  return s;
}

void expect_rows(const Matrix& m, const std::vector<std::vector<double>>& expected, double tolerance = 1e-6) {
  ASSERT_EQ(m.rows, expected.size());
  for (size_t r = 0; r < m.rows; ++r) {
    ASSERT_EQ(m.cols, expected[r].size());
    for (size_t c = 0; c < m.cols; ++c) EXPECT_NEAR(m.at(r, c), expected[r][c], tolerance) << "at " << r << "," << c;
  }
}

void expect_rows_sum_to_one(const Matrix& m) {
  for (size_t r = 0; r < m.rows; ++r) {
    double sum = 0.0;
    for (size_t c = 0; c < m.cols; ++c) sum += m.at(r, c);
    EXPECT_NEAR(sum, 1.0, 1e-5) << "row " << r;
  }
}

TEST(Rollout, HandWorkedThreeTokens) {
  // A'_l = 0.5 Ā_l + 0.5 I (rows already sum to 1):
  //   A'_0 = [1 0 0; .25 .75 0; 0 .25 .75]    A'_1 = [.5 0 .5; .5 .5 0; .25 .25 .5]
  // R = A'_1 · A'_0, row by row as mixtures of A'_0's rows:
  //   row 0 = .5·[1 0 0] + .5·[0 .25 .75]                      = [.5    .125  .375]
  //   row 1 = .5·[1 0 0] + .5·[.25 .75 0]                      = [.625  .375  0   ]
  //   row 2 = .25·[1 0 0] + .25·[.25 .75 0] + .5·[0 .25 .75]   = [.3125 .3125 .375]
  Matrix r = attention_rollout(hand_stack());
  expect_rows(r, {{.5, .125, .375}, {.625, .375, 0}, {.3125, .3125, .375}});
}

TEST(Rollout, LayerRangePicksLayers) {
  expect_rows(attention_rollout(hand_stack(), {{0, 0}, HeadReduction::kMean}),
              {{1, 0, 0}, {.25, .75, 0}, {0, .25, .75}});
  expect_rows(attention_rollout(hand_stack(), {{-1, -1}, HeadReduction::kMean}),
              {{.5, 0, .5}, {.5, .5, 0}, {.25, .25, .5}});
}

TEST(Rollout, MaxOverHeadsIsRenormalised) {
  // Layer 0, row 1: max over heads of [1 0 0] and [0 1 0] is [1 1 0]; 0.5·[1 1 0] + 0.5·[0 1 0]
  // = [.5 1 0], sum 1.5, renormalised [1/3 2/3 0]. Row 2: max [0 1 1] -> [0 .5 1] / 1.5.
  Matrix r = attention_rollout(hand_stack(), {{0, 0}, HeadReduction::kMax});
  expect_rows(r, {{1, 0, 0}, {1.0 / 3, 2.0 / 3, 0}, {0, 1.0 / 3, 2.0 / 3}});
}

TEST(Rollout, UniformAttentionHasAClosedForm) {
  // With Ā = U (every entry 1/T), A' = 0.5 U + 0.5 I and, since U² = U, the product of L of them
  // is 0.5^L I + (1 - 0.5^L) U.
  const size_t t = 4;
  for (size_t layers = 1; layers <= 4; ++layers) {
    AttentionStack s;
    s.layers = layers, s.heads = 2, s.queries = t, s.keys = t;
    s.values.assign(layers * 2 * t * t, 1.0f / t);
    Matrix r = attention_rollout(s);
    const double keep = std::pow(0.5, static_cast<double>(layers));
    for (size_t i = 0; i < t; ++i)
      for (size_t j = 0; j < t; ++j)
        EXPECT_NEAR(r.at(i, j), (i == j ? keep : 0.0) + (1 - keep) / t, 1e-7) << "L=" << layers;
  }
}

TEST(Rollout, RowsSumToOne) {
  AttentionStack s = testing::random_stack(6, 4, 9, 9, 11);
  Matrix r = attention_rollout(s);
  EXPECT_EQ(r.rows, 9u);
  EXPECT_EQ(r.cols, 9u);
  expect_rows_sum_to_one(r);
  expect_rows_sum_to_one(attention_rollout(s, {{1, 3}, HeadReduction::kMax}));
}

TEST(Rollout, RefusesProjectedKeys) {
  try {
    attention_rollout(testing::random_stack(2, 2, 5, 3, 1));
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.exit_code(), 3);
    EXPECT_STREQ(e.what(), "rollout needs square attention; this model projects keys (T=5, K=3)");
  }
}

TEST(Rollout, LayerRangeErrors) {
  try {
    attention_rollout(hand_stack(), {{1, 0}, HeadReduction::kMean});
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.exit_code(), 2);
    EXPECT_STREQ(e.what(), "the first layer (1) comes after the last layer (0)");
  }
  EXPECT_THROW(attention_rollout(hand_stack(), {{0, 2}, HeadReduction::kMean}), Error);
}

TEST(Rollout, MalformedStackIsAnInputError) {
  AttentionStack s = hand_stack();
  s.values.pop_back();
  try {
    attention_rollout(s);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.exit_code(), 3);
    EXPECT_STREQ(e.what(), "the attention stack holds 35 values, not the 36 its shape needs");
  }
}

// --- Gradient-weighted attention (Chefer et al. 2021) --------------------------------------------

// 1 layer, 2 heads, 2 tokens.
AttentionStack small_attention() {
  AttentionStack s;
  s.layers = 1, s.heads = 2, s.queries = 2, s.keys = 2;
  s.values = {.6f, .4f, .3f, .7f, /* head 1 */ .5f, .5f, 1.f, 0.f};
  return s;
}
AttentionStack small_gradient() {
  AttentionStack g = small_attention();
  g.values = {1.f, -1.f, 2.f, .5f, /* head 1 */ -2.f, 4.f, 3.f, 3.f};
  return g;
}

TEST(GradientAttention, HeadsAreClippedProductsAveraged) {
  // head 0: A ⊙ ∂y/∂A = [.6 -.4; .6 .35] -> clipped [.6 0; .6 .35]
  // head 1:             [-1 2; 3 0]     -> clipped [0 2; 3 0]
  // mean: [.3 1; 1.8 .175]
  Matrix m = gradient_weighted_heads(small_attention(), small_gradient(), 0);
  expect_rows(m, {{.3, 1}, {1.8, .175}});
}

TEST(GradientAttention, RolloutAddsIdentity) {
  // One layer: R = I + Ā = [1.3 1; 1.8 1.175].
  expect_rows(gradient_rollout(small_attention(), small_gradient()), {{1.3, 1}, {1.8, 1.175}});
}

TEST(GradientAttention, OnesGradientRolloutIsPlainRolloutTimesTwoToTheL) {
  // With ∂y/∂A = 1, Ā_l is the head mean and I + Ā_l = 2 · A'_l (already row-stochastic), so the
  // gradient rollout over L layers is 2^L times attention_rollout. Random stacks make the two
  // orders of multiplication differ, so this also checks that later layers go on the left.
  for (size_t layers = 1; layers <= 4; ++layers) {
    AttentionStack a = testing::random_stack(layers, 3, 5, 5, 100 + static_cast<uint32_t>(layers));
    Matrix g = gradient_rollout(a, testing::ones_like(a));
    Matrix r = attention_rollout(a);
    const double scale = std::pow(2.0, static_cast<double>(layers));
    for (size_t i = 0; i < g.values.size(); ++i) EXPECT_NEAR(g.values[i] / scale, r.values[i], 1e-6);
  }
}

TEST(GradientAttention, WorksOnProjectedKeysButRolloutRefuses) {
  AttentionStack a = testing::random_stack(2, 2, 4, 3, 5);
  Matrix m = gradient_weighted_heads(a, testing::ones_like(a), 1);
  EXPECT_EQ(m.rows, 4u);
  EXPECT_EQ(m.cols, 3u);
  EXPECT_NEAR(m.at(3, 2), (a.at(1, 0, 3, 2) + a.at(1, 1, 3, 2)) / 2.0, 1e-7);
  try {
    gradient_rollout(a, testing::ones_like(a));
    FAIL();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "gradient rollout needs square attention; this model projects keys (T=4, K=3)");
  }
}

TEST(GradientAttention, ShapesMustMatch) {
  AttentionStack g = testing::random_stack(1, 3, 2, 2, 9);
  try {
    gradient_weighted_heads(small_attention(), g, 0);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.exit_code(), 3);
    EXPECT_STREQ(e.what(), "the gradient stack's shape (1, 3, 2, 2) differs from the attention stack's (1, 2, 2, 2)");
  }
}

// 2 layers of one matrix each, 2 tokens: C_0 = [3 1; 1 1] (rows as shares [.75 .25; .5 .5]) and
// C_1 = [1 0; 1 3] (shares [1 0; .25 .75]).
AttentionStack decomposition_stack() {
  AttentionStack s;
  s.layers = 2, s.heads = 1, s.queries = 2, s.keys = 2;
  s.values = {3, 1, 1, 1, /**/ 1, 0, 1, 3};
  return s;
}

TEST(DecompositionRollout, RowSharesNormaliseEachLayer) {
  // R = S_1 · S_0: row 0 = [.75 .25]; row 1 = .25·[.75 .25] + .75·[.5 .5] = [.5625 .4375].
  expect_rows(decomposition_rollout(decomposition_stack()), {{.75, .25}, {.5625, .4375}});
}

TEST(DecompositionRollout, RawChainsTheLayersAsTheyAreAndNormalisesTheResult) {
  // C_1 · C_0 = [3 1; 6 4], rows divided by their sums at the end: [.75 .25; .6 .4].
  expect_rows(decomposition_rollout(decomposition_stack(), {}, LayerScaling::kRaw), {{.75, .25}, {.6, .4}});
}

TEST(DecompositionRollout, LayerRangeAndZeroRows) {
  AttentionStack s = decomposition_stack();
  expect_rows(decomposition_rollout(s, {-1, -1}), {{1, 0}, {.25, .75}});
  s.values[2] = s.values[3] = 0;  // token 1 takes nothing from layer 0: its row stays zero
  expect_rows(decomposition_rollout(s, {0, 0}), {{.75, .25}, {0, 0}});
  // Through layer 1, token 1 reaches token 0 (C_1[1][0] = 1), which took [3 1]: [3 1] again.
  expect_rows(decomposition_rollout(s, {}, LayerScaling::kRaw), {{.75, .25}, {.75, .25}});
}

// Every prefix of one pass is the rollout of layers first..l computed on its own.
void expect_same(const Matrix& a, const Matrix& b) {
  ASSERT_EQ(a.rows, b.rows);
  ASSERT_EQ(a.cols, b.cols);
  for (size_t i = 0; i < a.values.size(); ++i) EXPECT_NEAR(a.values[i], b.values[i], 1e-6) << "at " << i;
}

TEST(Rollout, PrefixesAreTheRolloutsOfEachLayerRange) {
  const AttentionStack s = testing::random_stack(4, 3, 5, 5, 21);
  for (const HeadReduction heads : {HeadReduction::kMean, HeadReduction::kMax}) {
    std::vector<Matrix> prefixes;
    const Matrix whole = attention_rollout(s, {{1, -1}, heads}, &prefixes);
    ASSERT_EQ(prefixes.size(), 3u);  // layers 1..1, 1..2, 1..3
    for (long last = 1; last <= 3; ++last)
      expect_same(prefixes[static_cast<size_t>(last - 1)], attention_rollout(s, {{1, last}, heads}));
    expect_same(prefixes.back(), whole);
  }
}

TEST(DecompositionRollout, PrefixesAreTheRolloutsOfEachLayerRange) {
  AttentionStack s = testing::random_stack(4, 1, 5, 5, 22);
  for (const LayerScaling scaling : {LayerScaling::kRowShares, LayerScaling::kRaw}) {
    std::vector<Matrix> prefixes;
    const Matrix whole = decomposition_rollout(s, {}, scaling, &prefixes);
    ASSERT_EQ(prefixes.size(), 4u);
    for (long last = 0; last < 4; ++last)
      expect_same(prefixes[static_cast<size_t>(last)], decomposition_rollout(s, {0, last}, scaling));
    expect_same(prefixes.back(), whole);
  }
}

TEST(DecompositionRollout, RefusesHeadsAndBadRanges) {
  AttentionStack heads = hand_stack();
  EXPECT_THROW(decomposition_rollout(heads), Error);
  EXPECT_THROW(decomposition_rollout(decomposition_stack(), {0, 5}), Error);
}

TEST(HeadImportance, AbsoluteSumOfGradientTimesAttentionPerHead) {
  // 2 layers × 2 heads × 2 × 2: head (0,0) sums to 1 - 1 - 2 - 1 = -3, so 3; (0,1) to .5; (1,0) to 0; (1,1) to 4.
  AttentionStack g;
  g.layers = 2, g.heads = 2, g.queries = 2, g.keys = 2;
  g.values = {1, -1, -2, -1, /**/ .5, 0, 0, 0, /**/ 1, -1, 1, -1, /**/ 1, 1, 1, 1};
  Matrix m = head_importance(g);
  expect_rows(m, {{3, .5}, {0, 4}});
  EXPECT_EQ(m.row_labels, (std::vector<std::string>{"layer 0", "layer 1"}));
  EXPECT_EQ(m.col_labels, (std::vector<std::string>{"head 0", "head 1"}));
}

TEST(HeadImportance, WeightedHeadsFollowTheWeightsAndFallBackToTheMean) {
  AttentionStack a = hand_stack();
  Matrix importance;
  importance.rows = 2, importance.cols = 2;
  importance.values = {3, 1, 0, 0};
  Matrix w = importance_weighted_heads(a, importance, 0);
  // hand_stack layer 0: head 0 = [1 0 0; 1 0 0; 0 1 0], head 1 = I; weights 3 : 1, so .75 h0 + .25 h1.
  expect_rows(w, {{1, 0, 0}, {.75, .25, 0}, {0, .75, .25}});
  // Layer 1 has no importance at all: the plain mean of its heads.
  expect_rows(importance_weighted_heads(a, importance, 1), {{0, 0, 1}, {1, 0, 0}, {.5, .5, 0}});
  importance.cols = 1;
  importance.values = {1, 1};
  EXPECT_THROW(importance_weighted_heads(a, importance, 0), Error);
}

}  // namespace
}  // namespace attnmap
