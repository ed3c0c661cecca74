#include "attnmap/value_norm.h"

#include <cmath>

#include "attnmap/error.h"
#include "attnmap/views.h"
#include "views/layered.h"

namespace attnmap {
namespace {

void check(const AttentionStack& attention, const ValueVectors& values) {
  views::check_stack(attention, "attention");
  if (values.layers != attention.layers || values.heads != attention.heads || values.keys != attention.keys)
    throw Error::input("the value vectors (layers=" + std::to_string(values.layers) + ", heads=" +
                       std::to_string(values.heads) + ", keys=" + std::to_string(values.keys) +
                       ") do not match the attention (layers=" + std::to_string(attention.layers) + ", heads=" +
                       std::to_string(attention.heads) + ", keys=" + std::to_string(attention.keys) + ")");
  if (values.dim == 0 || values.values.size() != values.layers * values.heads * values.keys * values.dim)
    throw Error::input("the value vectors hold " + std::to_string(values.values.size()) +
                       " numbers, which does not fit their shape (dim=" + std::to_string(values.dim) + ")");
}

double norm(const float* v, size_t dim) {
  double sum = 0.0;
  for (size_t d = 0; d < dim; ++d) sum += static_cast<double>(v[d]) * v[d];
  return std::sqrt(sum);
}

std::vector<double> contributions(const AttentionStack& attention, const ValueVectors& values, size_t layer,
                                  size_t query) {
  std::vector<double> out(values.keys * values.dim, 0.0);
  for (size_t h = 0; h < values.heads; ++h)
    for (size_t j = 0; j < values.keys; ++j) {
      const double alpha = attention.at(layer, h, query, j);
      const float* f = &values.values[values.index(layer, h, j)];
      double* o = &out[j * values.dim];
      for (size_t d = 0; d < values.dim; ++d) o[d] += alpha * f[d];
    }
  return out;
}

}  // namespace

AttentionStack value_norm_heads(const AttentionStack& attention, const ValueVectors& values) {
  check(attention, values);
  AttentionStack out = attention;
  for (size_t l = 0; l < attention.layers; ++l)
    for (size_t h = 0; h < attention.heads; ++h)
      for (size_t j = 0; j < attention.keys; ++j) {
        // ‖α f‖ = α ‖f‖ for α >= 0: one norm per key serves every query.
        const double f_norm = norm(&values.values[values.index(l, h, j)], values.dim);
        for (size_t i = 0; i < attention.queries; ++i) {
          const size_t at = attention.index(l, h, i, j);
          out.values[at] = static_cast<float>(std::abs(static_cast<double>(attention.values[at])) * f_norm);
        }
      }
  return out;
}

std::vector<float> value_vector_norms(const ValueVectors& values) {
  std::vector<float> out;
  out.reserve(values.layers * values.heads * values.keys);
  for (size_t l = 0; l < values.layers; ++l)
    for (size_t h = 0; h < values.heads; ++h)
      for (size_t j = 0; j < values.keys; ++j) out.push_back(static_cast<float>(norm(&values.values[values.index(l, h, j)], values.dim)));
  return out;
}

Matrix value_norm_layer(const AttentionStack& attention, const ValueVectors& values, size_t layer) {
  check(attention, values);
  layer = resolve_index(static_cast<long>(layer), attention.layers, "layer");
  Matrix m;
  m.rows = attention.queries;
  m.cols = attention.keys;
  m.values.reserve(m.rows * m.cols);
  for (size_t i = 0; i < m.rows; ++i) {
    // One query at a time: all (T, K, dim) vectors at once would be gigabytes for 512 tokens.
    std::vector<double> c = contributions(attention, values, layer, i);
    for (size_t j = 0; j < m.cols; ++j) {
      double sum = 0.0;
      for (size_t d = 0; d < values.dim; ++d) sum += c[j * values.dim + d] * c[j * values.dim + d];
      m.values.push_back(static_cast<float>(std::sqrt(sum)));
    }
  }
  return m;
}

std::vector<double> value_contributions(const AttentionStack& attention, const ValueVectors& values, size_t layer,
                                        size_t query) {
  check(attention, values);
  layer = resolve_index(static_cast<long>(layer), attention.layers, "layer");
  if (query >= attention.queries)
    throw Error::usage("token " + std::to_string(query) + " is out of range: the text has " +
                       std::to_string(attention.queries) + " tokens");
  return contributions(attention, values, layer, query);
}

}  // namespace attnmap
