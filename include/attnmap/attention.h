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

// A rows × cols matrix of numbers with a label for each row and column; what a figure shows.
struct Matrix {
  size_t rows = 0, cols = 0;
  std::vector<float> values;  // row-major
  std::vector<std::string> row_labels, col_labels;

  float at(size_t r, size_t c) const { return values[r * cols + c]; }
  float& at(size_t r, size_t c) { return values[r * cols + c]; }
};

}  // namespace attnmap
