#include "attnmap/flow.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>

#include "attnmap/error.h"
#include "unit/attention_fixtures.h"

namespace attnmap {
namespace {

// A'_l written out again here, independently of the library: head mean, half residual, rows
// renormalised. Returned as [i][j].
std::vector<std::vector<double>> residual(const AttentionStack& s, size_t layer) {
  const size_t t = s.queries;
  std::vector<std::vector<double>> a(t, std::vector<double>(t, 0.0));
  for (size_t i = 0; i < t; ++i) {
    double sum = 0.0;
    for (size_t j = 0; j < t; ++j) {
      double mean = 0.0;
      for (size_t h = 0; h < s.heads; ++h) mean += s.at(layer, h, i, j);
      a[i][j] = 0.5 * mean / static_cast<double>(s.heads) + (i == j ? 0.5 : 0.0);
      sum += a[i][j];
    }
    for (double& x : a[i]) x /= sum;
  }
  return a;
}

// The layered graph as a dense capacity matrix: node l*T + j, edge (l, j) -> (l+1, i) = A'_l[i][j].
using Dense = std::vector<std::vector<double>>;
Dense capacities(const AttentionStack& s) {
  const size_t t = s.queries, n = (s.layers + 1) * t;
  Dense c(n, std::vector<double>(n, 0.0));
  for (size_t l = 0; l < s.layers; ++l) {
    auto a = residual(s, l);
    for (size_t i = 0; i < t; ++i)
      for (size_t j = 0; j < t; ++j) c[l * t + j][(l + 1) * t + i] = a[i][j];
  }
  return c;
}

// Deliberately naive Ford–Fulkerson: depth-first augmenting paths on a dense residual matrix.
double naive_max_flow(Dense residual_capacity, size_t source, size_t sink) {
  const size_t n = residual_capacity.size();
  std::vector<size_t> parent(n);
  std::vector<bool> seen(n);
  std::function<bool(size_t)> dfs = [&](size_t u) {
    if (u == sink) return true;
    seen[u] = true;
    for (size_t v = 0; v < n; ++v)
      if (!seen[v] && residual_capacity[u][v] > 1e-12) {
        parent[v] = u;
        if (dfs(v)) return true;
      }
    return false;
  };
  double total = 0.0;
  while (true) {
    std::fill(seen.begin(), seen.end(), false);
    if (!dfs(source)) return total;
    double bottleneck = 1e300;
    for (size_t v = sink; v != source; v = parent[v])
      bottleneck = std::min(bottleneck, residual_capacity[parent[v]][v]);
    for (size_t v = sink; v != source; v = parent[v]) {
      residual_capacity[parent[v]][v] -= bottleneck;
      residual_capacity[v][parent[v]] += bottleneck;
    }
    total += bottleneck;
  }
}

// Max-flow = min-cut, by trying every cut of a tiny graph: the source side always holds the
// source and never the sink.
double brute_force_min_cut(const Dense& c, size_t source, size_t sink) {
  const size_t n = c.size();
  double best = 1e300;
  for (uint32_t mask = 0; mask < (1u << n); ++mask) {
    if (!(mask >> source & 1u) || (mask >> sink & 1u)) continue;
    double cut = 0.0;
    for (size_t u = 0; u < n; ++u)
      for (size_t v = 0; v < n; ++v)
        if ((mask >> u & 1u) && !(mask >> v & 1u)) cut += c[u][v];
    best = std::min(best, cut);
  }
  return best;
}

TEST(Flow, OneLayerFlowIsTheEdge) {
  // With one layer, the only path from input j to output i is the edge A'[i][j].
  AttentionStack s = testing::random_stack(1, 3, 5, 5, 21);
  Matrix f = attention_flow(s);
  auto a = residual(s, 0);
  for (size_t i = 0; i < 5; ++i)
    for (size_t j = 0; j < 5; ++j) EXPECT_NEAR(f.at(i, j), a[i][j], 1e-6);
}

TEST(Flow, HandWorkedTwoLayers) {
  // T = 2, one head. A_0 = A_1 = [.5 .5; 0 1] -> A' = [.75 .25; 0 1] (rows already sum to 1).
  // flow(0 <- 1): paths 1 -> 0 -> 0 (cap min(.25, .75)) and 1 -> 1 -> 0 (cap min(1, .25)); the two
  // paths share no edge, so .25 + .25 = .5. flow(1 <- 0): node (1, 0) has no edge to (2, 1) and
  // node (1, 1) gets nothing from (0, 0), so 0.
  AttentionStack s;
  s.layers = 2, s.heads = 1, s.queries = 2, s.keys = 2;
  s.values = {.5f, .5f, 0.f, 1.f, .5f, .5f, 0.f, 1.f};
  Matrix f = attention_flow(s);
  EXPECT_NEAR(f.at(0, 1), .5, 1e-7);
  EXPECT_NEAR(f.at(1, 0), 0.0, 1e-7);
  // flow(0 <- 0): 0 -> 0 -> 0 only (cap .75); flow(1 <- 1): 1 -> 1 -> 1 only (cap 1).
  EXPECT_NEAR(f.at(0, 0), .75, 1e-7);
  EXPECT_NEAR(f.at(1, 1), 1.0, 1e-7);
}

TEST(Flow, MatchesANaiveMaxFlowOnRandomGraphs) {
  for (uint32_t seed = 1; seed <= 12; ++seed) {
    const size_t layers = 2 + seed % 2, t = 3 + seed % 3;
    AttentionStack s = testing::random_stack(layers, 2, t, t, seed);
    Matrix f = attention_flow(s);
    Dense c = capacities(s);
    for (size_t i = 0; i < t; ++i)
      for (size_t j = 0; j < t; ++j)
        EXPECT_NEAR(f.at(i, j), naive_max_flow(c, j, layers * t + i), 1e-6)
            << "seed " << seed << " flow(" << i << " <- " << j << ")";
  }
}

TEST(Flow, MatchesTheMinimumCutOnATinyGraph) {
  AttentionStack s = testing::random_stack(2, 2, 3, 3, 77);
  Matrix f = attention_flow(s);
  Dense c = capacities(s);
  for (size_t i = 0; i < 3; ++i)
    for (size_t j = 0; j < 3; ++j) EXPECT_NEAR(f.at(i, j), brute_force_min_cut(c, j, 6 + i), 1e-6);
}

TEST(Flow, IsAtLeastRolloutAndAtMostOne) {
  // Rollout's path products are a feasible flow: an edge (l, u) -> (l+1, v) carries
  // R_<l[u][j] · A'_l[v][u] · R_>l[i][v] <= A'_l[v][u], as rollout entries are at most 1.
  AttentionStack s = testing::random_stack(4, 3, 6, 6, 5);
  Matrix f = attention_flow(s);
  Matrix r = attention_rollout(s);
  for (size_t k = 0; k < f.values.size(); ++k) {
    EXPECT_GE(f.values[k], r.values[k] - 1e-6);
    EXPECT_LE(f.values[k], 1.0 + 1e-6);
  }
}

TEST(Flow, RowIsARowOfTheMatrix) {
  AttentionStack s = testing::random_stack(3, 2, 7, 7, 3);
  Matrix f = attention_flow(s, {{1, -1}, HeadReduction::kMax});
  Matrix row = attention_flow_row(s, 4, {{1, -1}, HeadReduction::kMax});
  ASSERT_EQ(row.rows, 1u);
  ASSERT_EQ(row.cols, 7u);
  for (size_t j = 0; j < 7; ++j) EXPECT_FLOAT_EQ(row.at(0, j), f.at(4, j));
}

TEST(Flow, LengthLimits) {
  AttentionStack long_text = testing::random_stack(1, 1, kFlowMatrixMaxTokens + 1, kFlowMatrixMaxTokens + 1, 1);
  try {
    attention_flow(long_text);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.exit_code(), 2);
    EXPECT_STREQ(e.what(),
                 "attention flow for every pair of tokens (T² max-flows) is limited to 64 tokens; this text has 65: "
                 "ask for one token's row (up to 128 tokens)");
  }
  Matrix row = attention_flow_row(long_text, 0);  // one layer: the row is A'[0][j]
  ASSERT_EQ(row.cols, 65u);
  auto a = residual(long_text, 0);
  for (size_t j = 0; j < 65; ++j) EXPECT_NEAR(row.at(0, j), a[0][j], 1e-6);
  AttentionStack longer = testing::random_stack(1, 1, kFlowRowMaxTokens + 1, kFlowRowMaxTokens + 1, 1);
  try {
    attention_flow_row(longer, 0);
    FAIL();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "attention flow (T max-flows for one row) is limited to 128 tokens; this text has 129");
  }
}

TEST(Flow, RefusesProjectedKeysAndBadQueries) {
  try {
    attention_flow_row(testing::random_stack(2, 1, 4, 2, 1), 0);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.exit_code(), 3);
    EXPECT_STREQ(e.what(), "attention flow needs square attention; this model projects keys (T=4, K=2)");
  }
  try {
    attention_flow_row(testing::random_stack(2, 1, 4, 4, 1), 4);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.exit_code(), 2);
    EXPECT_STREQ(e.what(), "token 4 is out of range: the text has 4 tokens (0..3)");
  }
}

}  // namespace
}  // namespace attnmap
