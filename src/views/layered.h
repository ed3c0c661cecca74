#pragma once
// Shared by the methods that chain layers (rollout, gradient rollout, attention flow): checks of the
// stack's shape, the layer range, and a small dense matrix of doubles to accumulate in. Products of
// 12+ layers of float matrices lose digits that a figure's colour scale then amplifies, so the
// chaining happens in double and only the result becomes a float Matrix.
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "attnmap/attention.h"
#include "attnmap/views.h"

namespace attnmap::views {

// n × n, row-major.
struct Square {
  size_t n = 0;
  std::vector<double> v;

  explicit Square(size_t size) : n(size), v(size * size, 0.0) {}
  static Square identity(size_t size);
  double& at(size_t r, size_t c) { return v[r * n + c]; }
  double at(size_t r, size_t c) const { return v[r * n + c]; }
};

Square multiply(const Square& a, const Square& b);
Matrix to_matrix(const Square& s);

// Throws Error::input when values.size() does not match the shape or there are no layers/heads.
void check_stack(const AttentionStack& stack, const std::string& what);
// Throws Error::input "<method> needs square attention; this model projects keys (T=8, K=4)".
void require_square(const AttentionStack& stack, const std::string& method);
// Inclusive [first, last], resolved against stack.layers; first after last is Error::usage.
std::pair<size_t, size_t> resolve_layers(const LayerRange& range, size_t layers);

// The heads of one layer reduced (mean or max), in double.
Square reduced_layer(const AttentionStack& stack, size_t layer, HeadReduction reduction);
// A' = rows renormalised (0.5 · reduced + 0.5 · I): the residual connection adds each token's own
// representation back with (about) the same weight as the attention output (Abnar & Zuidema 2020).
Square residual_attention(const AttentionStack& stack, size_t layer, HeadReduction reduction);

}  // namespace attnmap::views
