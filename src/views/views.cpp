#include "attnmap/views.h"

#include <algorithm>

#include "attnmap/error.h"

namespace attnmap {

size_t resolve_index(long index, size_t count, const std::string& what) {
  long n = static_cast<long>(count);
  long resolved = index < 0 ? index + n : index;
  if (resolved < 0 || resolved >= n) {
    throw Error::usage(what + " " + std::to_string(index) + " is out of range: the model has " +
                       std::to_string(count) + " " + what + "s (0.." + std::to_string(n - 1) +
                       ", or -" + std::to_string(n) + "..-1)");
  }
  return static_cast<size_t>(resolved);
}

Matrix head_matrix(const AttentionStack& stack, size_t layer, size_t head) {
  Matrix m;
  m.rows = stack.queries;
  m.cols = stack.keys;
  auto begin = stack.values.begin() + static_cast<std::ptrdiff_t>(stack.index(layer, head, 0, 0));
  m.values.assign(begin, begin + static_cast<std::ptrdiff_t>(m.rows * m.cols));
  return m;
}

Matrix reduce_heads(const AttentionStack& stack, size_t layer, HeadReduction reduction) {
  Matrix m = head_matrix(stack, layer, 0);
  for (size_t h = 1; h < stack.heads; ++h) {
    const float* head = &stack.values[stack.index(layer, h, 0, 0)];
    for (size_t i = 0; i < m.values.size(); ++i)
      m.values[i] = reduction == HeadReduction::kMean ? m.values[i] + head[i] : std::max(m.values[i], head[i]);
  }
  if (reduction == HeadReduction::kMean) {
    const float scale = 1.0f / static_cast<float>(stack.heads);
    for (float& v : m.values) v *= scale;
  }
  return m;
}

void label_axes(Matrix& m, const std::vector<std::string>& tokens) {
  m.row_labels.assign(tokens.begin(), tokens.begin() + static_cast<std::ptrdiff_t>(std::min(tokens.size(), m.rows)));
  if (m.cols == tokens.size())
    m.col_labels = tokens;
  else
    m.col_labels = projection_labels(m.cols);
}

std::vector<std::string> projection_labels(size_t count) {
  std::vector<std::string> labels;
  labels.reserve(count);
  for (size_t i = 0; i < count; ++i) labels.push_back("k" + std::to_string(i));
  return labels;
}

}  // namespace attnmap
