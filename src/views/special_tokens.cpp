#include "attnmap/special_tokens.h"

#include "attnmap/error.h"

namespace attnmap {
namespace {

bool rows_are_tokens(TokenAxes axes) { return axes != TokenAxes::kColumns; }
bool columns_are_tokens(TokenAxes axes) { return axes != TokenAxes::kRows; }

void check_axis(size_t count, size_t tokens, const std::string& axis, const std::string& hint) {
  if (count != tokens)
    throw Error::input("the " + axis + " of this view are not tokens (" + std::to_string(count) + " " + axis + ", " +
                       std::to_string(tokens) + " tokens): " + hint);
}

std::vector<size_t> kept_indices(size_t count, const std::vector<bool>& keep, bool filter) {
  std::vector<size_t> kept;
  for (size_t i = 0; i < count; ++i)
    if (!filter || keep[i]) kept.push_back(i);
  return kept;
}

std::vector<std::string> pick(const std::vector<std::string>& labels, const std::vector<size_t>& kept) {
  std::vector<std::string> out;
  if (labels.empty()) return out;
  for (size_t i : kept) out.push_back(i < labels.size() ? labels[i] : std::string());
  return out;
}

void renormalise_rows(Matrix& m) {
  for (size_t r = 0; r < m.rows; ++r) {
    double sum = 0.0;
    for (size_t c = 0; c < m.cols; ++c) sum += m.at(r, c);
    if (sum == 0.0) continue;
    for (size_t c = 0; c < m.cols; ++c) m.at(r, c) = static_cast<float>(m.at(r, c) / sum);
  }
}

}  // namespace

std::vector<bool> visible_tokens(const Encoding& encoding) {
  if (encoding.special_tokens_mask.size() != encoding.size() || encoding.attention_mask.size() != encoding.size())
    throw Error::input("the encoding's special-token and attention masks do not have one entry per token");
  std::vector<bool> visible(encoding.size());
  for (size_t i = 0; i < encoding.size(); ++i)
    visible[i] = encoding.special_tokens_mask[i] == 0 && encoding.attention_mask[i] != 0;
  return visible;
}

Matrix keep_tokens(const Matrix& m, const std::vector<bool>& keep, const HideOptions& options) {
  const bool rows = rows_are_tokens(options.axes), cols = columns_are_tokens(options.axes);
  if (rows) check_axis(m.rows, keep.size(), "rows", "hide one token's row on columns only");
  if (cols) check_axis(m.cols, keep.size(), "columns", "with projected keys hide rows only");
  const std::vector<size_t> kept_rows = kept_indices(m.rows, keep, rows);
  const std::vector<size_t> kept_cols = kept_indices(m.cols, keep, cols);
  Matrix out;
  out.rows = kept_rows.size();
  out.cols = kept_cols.size();
  out.values.reserve(out.rows * out.cols);
  for (size_t r : kept_rows)
    for (size_t c : kept_cols) out.values.push_back(m.at(r, c));
  out.row_labels = pick(m.row_labels, kept_rows);
  out.col_labels = pick(m.col_labels, kept_cols);
  if (options.renormalise) renormalise_rows(out);
  return out;
}

Matrix hide_special_tokens(const Matrix& m, const Encoding& encoding, const HideOptions& options) {
  return keep_tokens(m, visible_tokens(encoding), options);
}

}  // namespace attnmap
