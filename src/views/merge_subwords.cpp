// Merging word pieces: sum over key columns (a word receives what its pieces receive), mean over
// query rows (a word attends like its average piece), which keeps row sums.
#include "attnmap/error.h"
#include "attnmap/words.h"

namespace attnmap {
namespace {

struct Span {
  size_t begin, end;
  std::string label;
};

void check_groups(const std::vector<WordGroup>& groups, size_t count, const std::string& axis) {
  size_t next = 0;
  for (const WordGroup& g : groups) {
    if (g.begin != next || g.end <= g.begin)
      throw Error::input("the word groups are not consecutive runs of tokens (group at token " +
                         std::to_string(g.begin) + ", expected " + std::to_string(next) + ")");
    next = g.end;
  }
  if (next != count)
    throw Error::input("the word groups cover " + std::to_string(next) + " tokens but this view has " +
                       std::to_string(count) + " " + axis);
}

// The groups of a merged axis, or one span per entry (with its label) for an axis left alone.
std::vector<Span> spans(const std::vector<WordGroup>& groups, bool merge, size_t count,
                        const std::vector<std::string>& labels, const std::string& axis) {
  std::vector<Span> out;
  if (merge) {
    check_groups(groups, count, axis);
    for (const WordGroup& g : groups) out.push_back({g.begin, g.end, g.label});
  } else {
    for (size_t i = 0; i < count; ++i) out.push_back({i, i + 1, i < labels.size() ? labels[i] : std::string()});
  }
  return out;
}

std::vector<std::string> labels_of(const std::vector<Span>& spans, bool merged, bool had_labels) {
  std::vector<std::string> labels;
  if (!merged && !had_labels) return labels;
  for (const Span& s : spans) labels.push_back(s.label);
  return labels;
}

}  // namespace

Matrix merge_subwords(const Matrix& m, const std::vector<WordGroup>& groups, TokenAxes axes) {
  const bool merge_rows = axes != TokenAxes::kColumns, merge_cols = axes != TokenAxes::kRows;
  const std::vector<Span> rows = spans(groups, merge_rows, m.rows, m.row_labels, "rows");
  const std::vector<Span> cols = spans(groups, merge_cols, m.cols, m.col_labels, "columns");
  Matrix out;
  out.rows = rows.size();
  out.cols = cols.size();
  out.values.reserve(out.rows * out.cols);
  for (const Span& r : rows)
    for (const Span& c : cols) {
      double sum = 0.0;
      for (size_t i = r.begin; i < r.end; ++i)
        for (size_t j = c.begin; j < c.end; ++j) sum += m.at(i, j);
      out.values.push_back(static_cast<float>(sum / static_cast<double>(r.end - r.begin)));
    }
  out.row_labels = labels_of(rows, merge_rows, !m.row_labels.empty());
  out.col_labels = labels_of(cols, merge_cols, !m.col_labels.empty());
  return out;
}

}  // namespace attnmap
