#pragma once
// Plain value types for what the model layer hands to the views and the renderer.
#include <cstddef>
#include <string>
#include <vector>

namespace attnmap {

// Every layer's and head's attention for one input: shape (layers, heads, queries, keys),
// row-major, rows (queries, "from") summing to 1 over keys ("to"). keys == queries except for
// models that project keys (Linformer-style).
struct AttentionStack {
  size_t layers = 0, heads = 0, queries = 0, keys = 0;
  std::vector<float> values;

  size_t index(size_t layer, size_t head, size_t query, size_t key) const {
    return ((layer * heads + head) * queries + query) * keys + key;
  }
  float at(size_t layer, size_t head, size_t query, size_t key) const {
    return values[index(layer, head, query, key)];
  }
};

// What value-norm views need besides the attention (Kobayashi et al. 2020): for every layer, head
// and key token j, f_h(x_j) = (x_j W_V^h + b_V^h) W_O^h, token j's value vector in head h carried
// through that head's slice of the output projection (the rows of W_O that read head h's output).
// Shape (layers, heads, keys, dim), row-major, dim = the model's hidden size. The output bias b_O is
// not in it: the attention sub-layer's output for query i is Σ_h Σ_j α^h_ij f_h(x_j) + b_O.
struct ValueVectors {
  size_t layers = 0, heads = 0, keys = 0, dim = 0;
  std::vector<float> values;

  // Where f_h(x_key) of `layer` starts; its dim entries follow.
  size_t index(size_t layer, size_t head, size_t key) const { return ((layer * heads + head) * keys + key) * dim; }
};

// A rows × cols matrix of numbers with a label for each row and column; what a figure shows.
struct Matrix {
  size_t rows = 0, cols = 0;
  std::vector<float> values;  // row-major
  std::vector<std::string> row_labels, col_labels;

  float at(size_t r, size_t c) const { return values[r * cols + c]; }
  float& at(size_t r, size_t c) { return values[r * cols + c]; }
};

}  // namespace attnmap
