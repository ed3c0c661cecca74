#include "attnmap/value_norm.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "attnmap/error.h"
#include "attnmap/views.h"
#include "unit/attention_fixtures.h"

namespace attnmap {
namespace {

// A hand-built attention sub-layer: T tokens of model width D = H · d, value projection W_V (D × D)
// with bias b_V, output projection W_O (D × D) with bias b_O. Head h owns columns [h·d, (h+1)·d) of
// W_V and the same rows of W_O.
struct SubLayer {
  size_t tokens = 4, heads = 2, head_dim = 3, width = 6;
  std::vector<std::vector<double>> x, w_v, w_o;
  std::vector<double> b_v, b_o;
  AttentionStack attention;  // 2 layers; the test uses layer 1, layer 0 is noise of the same shape

  explicit SubLayer(uint32_t seed) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> u(-1.0, 1.0);
    auto matrix = [&](size_t r, size_t c) {
      std::vector<std::vector<double>> m(r, std::vector<double>(c));
      for (auto& row : m)
        for (double& v : row) v = u(rng);
      return m;
    };
    x = matrix(tokens, width), w_v = matrix(width, width), w_o = matrix(width, width);
    b_v = matrix(1, width)[0], b_o = matrix(1, width)[0];
    attention = testing::random_stack(2, heads, tokens, tokens, seed + 1);
  }

  // The sub-layer computed the usual way: V = x W_V + b_V; Z_h = α_h V_h; out = concat(Z) W_O + b_O.
  std::vector<std::vector<double>> output() const {
    std::vector<std::vector<double>> v(tokens, b_v), z(tokens, std::vector<double>(width, 0.0)), out(tokens, b_o);
    for (size_t j = 0; j < tokens; ++j)
      for (size_t c = 0; c < width; ++c)
        for (size_t k = 0; k < width; ++k) v[j][c] += x[j][k] * w_v[k][c];
    for (size_t h = 0; h < heads; ++h)
      for (size_t i = 0; i < tokens; ++i)
        for (size_t j = 0; j < tokens; ++j)
          for (size_t c = h * head_dim; c < (h + 1) * head_dim; ++c) z[i][c] += attention.at(1, h, i, j) * v[j][c];
    for (size_t i = 0; i < tokens; ++i)
      for (size_t c = 0; c < width; ++c)
        for (size_t k = 0; k < width; ++k) out[i][c] += z[i][k] * w_o[k][c];
    return out;
  }

  // f_h(x_j) = (x_j W_V^h + b_V^h) W_O^h for layer 1; layer 0 gets arbitrary numbers.
  ValueVectors value_vectors() const {
    ValueVectors f;
    f.layers = 2, f.heads = heads, f.keys = tokens, f.dim = width;
    f.values.assign(2 * heads * tokens * width, 0.0f);
    for (size_t k = 0; k < heads * tokens * width; ++k) f.values[k] = static_cast<float>(k % 7) - 3.0f;
    for (size_t h = 0; h < heads; ++h)
      for (size_t j = 0; j < tokens; ++j) {
        std::vector<double> v_h(head_dim);
        for (size_t c = 0; c < head_dim; ++c) {
          v_h[c] = b_v[h * head_dim + c];
          for (size_t k = 0; k < width; ++k) v_h[c] += x[j][k] * w_v[k][h * head_dim + c];
        }
        for (size_t d = 0; d < width; ++d) {
          double sum = 0.0;
          for (size_t c = 0; c < head_dim; ++c) sum += v_h[c] * w_o[h * head_dim + c][d];
          f.values[f.index(1, h, j) + d] = static_cast<float>(sum);
        }
      }
    return f;
  }
};

TEST(ValueNorm, ContributionsReproduceTheAttentionSubLayer) {
  SubLayer layer(42);
  const auto expected = layer.output();
  const ValueVectors f = layer.value_vectors();
  for (size_t i = 0; i < layer.tokens; ++i) {
    std::vector<double> c = value_contributions(layer.attention, f, 1, i);
    ASSERT_EQ(c.size(), layer.tokens * layer.width);
    for (size_t d = 0; d < layer.width; ++d) {
      double sum = layer.b_o[d];  // the output bias, added once
      for (size_t j = 0; j < layer.tokens; ++j) sum += c[j * layer.width + d];
      EXPECT_NEAR(sum, expected[i][d], 1e-5) << "token " << i << " dim " << d;
    }
  }
}

TEST(ValueNorm, LayerNormIsTheNormOfEachContribution) {
  SubLayer layer(7);
  const ValueVectors f = layer.value_vectors();
  Matrix m = value_norm_layer(layer.attention, f, 1);
  ASSERT_EQ(m.rows, layer.tokens);
  ASSERT_EQ(m.cols, layer.tokens);
  for (size_t i = 0; i < layer.tokens; ++i) {
    std::vector<double> c = value_contributions(layer.attention, f, 1, i);
    for (size_t j = 0; j < layer.tokens; ++j) {
      double sq = 0.0;
      for (size_t d = 0; d < layer.width; ++d) sq += c[j * layer.width + d] * c[j * layer.width + d];
      EXPECT_NEAR(m.at(i, j), std::sqrt(sq), 1e-5);
    }
  }
}

TEST(ValueNorm, HeadNormsAreWeightTimesVectorNorm) {
  // One layer, two heads, one query, two keys, dim 2. f_0(x_0) = (3, 4), norm 5; f_1(x_1) = (0, -2).
  AttentionStack a;
  a.layers = 1, a.heads = 2, a.queries = 1, a.keys = 2;
  a.values = {.2f, .8f, /* head 1 */ .5f, .5f};
  ValueVectors f;
  f.layers = 1, f.heads = 2, f.keys = 2, f.dim = 2;
  f.values = {3, 4, 1, 0, /* head 1 */ 6, 8, 0, -2};
  AttentionStack n = value_norm_heads(a, f);
  EXPECT_EQ(n.values.size(), 4u);
  EXPECT_NEAR(n.at(0, 0, 0, 0), 1.0, 1e-6);  // .2 · 5
  EXPECT_NEAR(n.at(0, 0, 0, 1), 0.8, 1e-6);  // .8 · 1
  EXPECT_NEAR(n.at(0, 1, 0, 0), 5.0, 1e-6);  // .5 · 10
  EXPECT_NEAR(n.at(0, 1, 0, 1), 1.0, 1e-6);  // .5 · 2
  // The layer view adds vectors before the norm: key 0 gets .2·(3,4) + .5·(6,8) = (3.6, 4.8), norm 6;
  // key 1 gets .8·(1,0) + .5·(0,-2) = (.8, -1), norm sqrt(1.64).
  Matrix layer = value_norm_layer(a, f, 0);
  EXPECT_NEAR(layer.at(0, 0), 6.0, 1e-6);
  EXPECT_NEAR(layer.at(0, 1), std::sqrt(1.64), 1e-6);
  // Head views of the result work like those of attention: mean of 1 and 5 is 3.
  EXPECT_NEAR(reduce_heads(n, 0, HeadReduction::kMean).at(0, 0), 3.0, 1e-6);
}

TEST(ValueNorm, LayerNormIsAtMostTheSumOfHeadNorms) {
  SubLayer layer(3);
  const ValueVectors f = layer.value_vectors();
  AttentionStack heads = value_norm_heads(layer.attention, f);
  Matrix m = value_norm_layer(layer.attention, f, -1);
  for (size_t i = 0; i < layer.tokens; ++i)
    for (size_t j = 0; j < layer.tokens; ++j)
      EXPECT_LE(m.at(i, j), heads.at(1, 0, i, j) + heads.at(1, 1, i, j) + 1e-5);
}

TEST(ValueNorm, ShapesMustMatch) {
  SubLayer layer(1);
  ValueVectors f = layer.value_vectors();
  f.keys = 3;
  try {
    value_norm_heads(layer.attention, f);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.exit_code(), 3);
    EXPECT_STREQ(e.what(),
                 "the value vectors (layers=2, heads=2, keys=3) do not match the attention "
                 "(layers=2, heads=2, keys=4)");
  }
  f = layer.value_vectors();
  f.values.pop_back();
  EXPECT_THROW(value_norm_layer(layer.attention, f, 0), Error);
}

TEST(ValueNorm, WorksWithProjectedKeys) {
  // T = 3 queries, K = 2 projected keys; the f vectors are per key.
  AttentionStack a = testing::random_stack(1, 1, 3, 2, 4);
  ValueVectors f;
  f.layers = 1, f.heads = 1, f.keys = 2, f.dim = 1;
  f.values = {2, -3};
  Matrix m = value_norm_layer(a, f, 0);
  EXPECT_EQ(m.rows, 3u);
  EXPECT_EQ(m.cols, 2u);
  EXPECT_NEAR(m.at(2, 1), 3.0 * a.at(0, 0, 2, 1), 1e-6);
}

}  // namespace
}  // namespace attnmap
