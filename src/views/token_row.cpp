// One query's row of a view and its strongest keys: the "[CLS] row" that a classifier's decision
// reads from, shown as a strip or a ranked list.
#include <algorithm>

#include "attnmap/error.h"
#include "attnmap/views.h"

namespace attnmap {

Matrix token_row(const Matrix& m, size_t query) {
  if (query >= m.rows)
    throw Error::usage("token " + std::to_string(query) + " is out of range: the view has " + std::to_string(m.rows) +
                       " query tokens (0.." + std::to_string(static_cast<long>(m.rows) - 1) + ")");
  Matrix row;
  row.rows = 1;
  row.cols = m.cols;
  auto begin = m.values.begin() + static_cast<std::ptrdiff_t>(query * m.cols);
  row.values.assign(begin, begin + static_cast<std::ptrdiff_t>(m.cols));
  if (query < m.row_labels.size()) row.row_labels = {m.row_labels[query]};
  row.col_labels = m.col_labels;
  return row;
}

std::vector<RankedKey> top_k(const Matrix& row, size_t k) {
  if (row.rows != 1)
    throw Error::input("top_k needs a single row (1 × keys), not a " + std::to_string(row.rows) + " × " +
                       std::to_string(row.cols) + " matrix");
  std::vector<RankedKey> keys;
  keys.reserve(row.cols);
  for (size_t c = 0; c < row.cols; ++c)
    keys.push_back({c, c < row.col_labels.size() ? row.col_labels[c] : std::string(), row.values[c]});
  // A total order (weight down, then index up) so that equal weights never reorder between runs.
  auto before = [](const RankedKey& a, const RankedKey& b) {
    return a.weight != b.weight ? a.weight > b.weight : a.index < b.index;
  };
  const size_t n = std::min(k, keys.size());
  std::partial_sort(keys.begin(), keys.begin() + static_cast<std::ptrdiff_t>(n), keys.end(), before);
  keys.resize(n);
  return keys;
}

}  // namespace attnmap
