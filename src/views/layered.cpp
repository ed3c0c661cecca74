#include "views/layered.h"

#include <algorithm>

#include "attnmap/error.h"

namespace attnmap::views {

Square Square::identity(size_t size) {
  Square s(size);
  for (size_t i = 0; i < size; ++i) s.at(i, i) = 1.0;
  return s;
}

Square multiply(const Square& a, const Square& b) {
  Square c(a.n);
  for (size_t i = 0; i < a.n; ++i)
    for (size_t k = 0; k < a.n; ++k) {
      const double aik = a.at(i, k);
      for (size_t j = 0; j < a.n; ++j) c.v[i * a.n + j] += aik * b.v[k * a.n + j];
    }
  return c;
}

Matrix to_matrix(const Square& s) {
  Matrix m;
  m.rows = m.cols = s.n;
  m.values.assign(s.v.begin(), s.v.end());
  return m;
}

void check_stack(const AttentionStack& stack, const std::string& what) {
  if (stack.layers == 0 || stack.heads == 0 || stack.queries == 0 || stack.keys == 0)
    throw Error::input("the " + what + " stack is empty (layers=" + std::to_string(stack.layers) +
                       ", heads=" + std::to_string(stack.heads) + ", T=" + std::to_string(stack.queries) +
                       ", K=" + std::to_string(stack.keys) + ")");
  const size_t expected = stack.layers * stack.heads * stack.queries * stack.keys;
  if (stack.values.size() != expected)
    throw Error::input("the " + what + " stack holds " + std::to_string(stack.values.size()) + " values, not the " +
                       std::to_string(expected) + " its shape needs");
}

void require_square(const AttentionStack& stack, const std::string& method) {
  if (stack.keys != stack.queries)
    throw Error::input(method + " needs square attention; this model projects keys (T=" +
                       std::to_string(stack.queries) + ", K=" + std::to_string(stack.keys) + ")");
}

std::pair<size_t, size_t> resolve_layers(const LayerRange& range, size_t layers) {
  const size_t first = resolve_index(range.first, layers, "layer");
  const size_t last = resolve_index(range.last, layers, "layer");
  if (first > last)
    throw Error::usage("the first layer (" + std::to_string(first) + ") comes after the last layer (" +
                       std::to_string(last) + ")");
  return {first, last};
}

Square reduced_layer(const AttentionStack& stack, size_t layer, HeadReduction reduction) {
  Square s(stack.queries);
  const size_t size = s.v.size();
  for (size_t h = 0; h < stack.heads; ++h) {
    const float* head = &stack.values[stack.index(layer, h, 0, 0)];
    for (size_t i = 0; i < size; ++i) {
      const double x = head[i];
      s.v[i] = reduction == HeadReduction::kMean ? s.v[i] + x : (h == 0 ? x : std::max(s.v[i], x));
    }
  }
  if (reduction == HeadReduction::kMean)
    for (double& x : s.v) x /= static_cast<double>(stack.heads);
  return s;
}

Square residual_attention(const AttentionStack& stack, size_t layer, HeadReduction reduction) {
  Square a = reduced_layer(stack, layer, reduction);
  for (size_t i = 0; i < a.n; ++i) {
    double sum = 0.0;
    for (size_t j = 0; j < a.n; ++j) {
      a.at(i, j) = 0.5 * a.at(i, j) + (i == j ? 0.5 : 0.0);
      sum += a.at(i, j);
    }
    // sum >= 0.5 for non-negative attention, so the division is safe.
    for (size_t j = 0; j < a.n; ++j) a.at(i, j) /= sum;
  }
  return a;
}

}  // namespace attnmap::views
