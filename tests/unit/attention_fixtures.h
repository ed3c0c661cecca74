#pragma once
// Attention stacks for the view tests: random ones with rows that sum to 1, from fixed seeds.
#include <cstdint>
#include <random>

#include "attnmap/attention.h"

namespace attnmap::testing {

// Every row a distribution over keys; values in (0.01, 1) before normalising, so no cell is 0.
inline AttentionStack random_stack(size_t layers, size_t heads, size_t queries, size_t keys, uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> u(0.01, 1.0);
  AttentionStack s;
  s.layers = layers, s.heads = heads, s.queries = queries, s.keys = keys;
  for (size_t row = 0; row < layers * heads * queries; ++row) {
    std::vector<double> r(keys);
    double sum = 0.0;
    for (double& x : r) sum += (x = u(rng));
    for (double x : r) s.values.push_back(static_cast<float>(x / sum));
  }
  return s;
}

// Same shape, every value 1.
inline AttentionStack ones_like(const AttentionStack& s) {
  AttentionStack g = s;
  for (float& x : g.values) x = 1.0f;
  return g;
}

}  // namespace attnmap::testing
