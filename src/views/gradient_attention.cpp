#include "attnmap/gradient_attention.h"

#include <algorithm>
#include <cmath>

#include "attnmap/error.h"
#include "views/layered.h"

namespace attnmap {
namespace {

std::string shape(const AttentionStack& s) {
  return "(" + std::to_string(s.layers) + ", " + std::to_string(s.heads) + ", " + std::to_string(s.queries) + ", " +
         std::to_string(s.keys) + ")";
}

void check_pair(const AttentionStack& attention, const AttentionStack& gradient) {
  views::check_stack(attention, "attention");
  views::check_stack(gradient, "gradient");
  if (attention.layers != gradient.layers || attention.heads != gradient.heads ||
      attention.queries != gradient.queries || attention.keys != gradient.keys)
    throw Error::input("the gradient stack's shape " + shape(gradient) + " differs from the attention stack's " +
                       shape(attention));
}

// Ā_l in double, for both the public per-layer view and the rollout.
std::vector<double> weighted_mean(const AttentionStack& attention, const AttentionStack& gradient, size_t layer) {
  const size_t size = attention.queries * attention.keys;
  std::vector<double> mean(size, 0.0);
  for (size_t h = 0; h < attention.heads; ++h) {
    const size_t base = attention.index(layer, h, 0, 0);
    for (size_t i = 0; i < size; ++i)
      mean[i] += std::max(0.0, static_cast<double>(gradient.values[base + i]) * attention.values[base + i]);
  }
  for (double& x : mean) x /= static_cast<double>(attention.heads);
  return mean;
}

}  // namespace

Matrix gradient_weighted_heads(const AttentionStack& attention, const AttentionStack& gradient, size_t layer) {
  check_pair(attention, gradient);
  layer = resolve_index(static_cast<long>(layer), attention.layers, "layer");
  std::vector<double> mean = weighted_mean(attention, gradient, layer);
  Matrix m;
  m.rows = attention.queries;
  m.cols = attention.keys;
  m.values.assign(mean.begin(), mean.end());
  return m;
}

Matrix gradient_rollout(const AttentionStack& attention, const AttentionStack& gradient, const LayerRange& layers) {
  check_pair(attention, gradient);
  views::require_square(attention, "gradient rollout");
  const auto [first, last] = views::resolve_layers(layers, attention.layers);
  views::Square r = views::Square::identity(attention.queries);
  for (size_t l = first; l <= last; ++l) {
    views::Square a(attention.queries);
    a.v = weighted_mean(attention, gradient, l);
    views::Square ar = views::multiply(a, r);
    for (size_t i = 0; i < r.v.size(); ++i) r.v[i] += ar.v[i];
  }
  return views::to_matrix(r);
}

Matrix head_importance(const AttentionStack& gradient_times_attention) {
  const AttentionStack& g = gradient_times_attention;
  views::check_stack(g, "gradient");
  Matrix m;
  m.rows = g.layers;
  m.cols = g.heads;
  m.values.resize(g.layers * g.heads);
  const size_t cells = g.queries * g.keys;
  for (size_t l = 0; l < g.layers; ++l)
    for (size_t h = 0; h < g.heads; ++h) {
      double sum = 0;
      const size_t base = g.index(l, h, 0, 0);
      for (size_t i = 0; i < cells; ++i) sum += g.values[base + i];
      m.at(l, h) = static_cast<float>(std::abs(sum));
    }
  for (size_t l = 0; l < g.layers; ++l) m.row_labels.push_back("layer " + std::to_string(l));
  for (size_t h = 0; h < g.heads; ++h) m.col_labels.push_back("head " + std::to_string(h));
  return m;
}

Matrix importance_weighted_heads(const AttentionStack& attention, const Matrix& importance, size_t layer) {
  views::check_stack(attention, "attention");
  if (importance.rows != attention.layers || importance.cols != attention.heads)
    throw Error::input("head importance is " + std::to_string(importance.rows) + " × " +
                       std::to_string(importance.cols) + ", the attention has " + std::to_string(attention.layers) +
                       " layers × " + std::to_string(attention.heads) + " heads");
  layer = resolve_index(static_cast<long>(layer), attention.layers, "layer");
  double total = 0;
  for (size_t h = 0; h < attention.heads; ++h) total += importance.at(layer, h);
  const size_t size = attention.queries * attention.keys;
  std::vector<double> mean(size, 0.0);
  for (size_t h = 0; h < attention.heads; ++h) {
    const double w = total > 0 ? importance.at(layer, h) / total : 1.0 / static_cast<double>(attention.heads);
    const size_t base = attention.index(layer, h, 0, 0);
    for (size_t i = 0; i < size; ++i) mean[i] += w * attention.values[base + i];
  }
  Matrix m;
  m.rows = attention.queries;
  m.cols = attention.keys;
  m.values.assign(mean.begin(), mean.end());
  return m;
}

}  // namespace attnmap
