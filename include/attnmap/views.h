#pragma once
// Views: reductions of an AttentionStack to the matrix a figure shows. Torch-free.
//
// Related headers: rollout.h (attention rollout), gradient_attention.h (gradient-weighted attention
// and its rollout), flow.h (attention flow), value_norm.h (value-norm weighted attention),
// special_tokens.h (hide [CLS]/[SEP]/padding), words.h (merge subword pieces), padding.h (cut a
// padded batch row down to its tokens).
#include <string>
#include <vector>

#include "attnmap/attention.h"

namespace attnmap {

// Resolves a Python-style index (negative counts from the end) against `count` items. Throws
// Error::usage naming the valid range, e.g. "layer 7 is out of range: the model has 6 layers
// (0..5, or -6..-1)".
size_t resolve_index(long index, size_t count, const std::string& what);

enum class HeadReduction { kMean, kMax };

// An inclusive range of layers in Python-style indices, resolved with resolve_index; the default
// is every layer. Used by the methods that chain layers (rollout, gradient rollout, flow).
struct LayerRange {
  long first = 0;
  long last = -1;
};

// Which axes of a matrix are tokens and take part in hiding or merging. A model that projects keys
// (Linformer-style, K != T) has token rows but projection columns: use kRows. A single token's row
// (token_row) has token columns only: use kColumns.
enum class TokenAxes { kBoth, kRows, kColumns };

// One head of one layer: queries × keys.
Matrix head_matrix(const AttentionStack& stack, size_t layer, size_t head);
// All heads of one layer reduced to one matrix. The mean keeps rows summing to 1; the max does not.
Matrix reduce_heads(const AttentionStack& stack, size_t layer, HeadReduction reduction);

// Labels the rows of `m` with `tokens` (queries) and the columns with `tokens` too when there is
// one column per token. Otherwise the keys are projections (K != T), labelled
// projection_labels(m.cols).
void label_axes(Matrix& m, const std::vector<std::string>& tokens);
// "k0", "k1", …: labels for projected keys, which are mixtures of tokens, not tokens.
std::vector<std::string> projection_labels(size_t count);

// Row `query` of `m` as a 1 × cols matrix (for [CLS], query 0): the column labels are kept and the
// row label is that query's label. `query` is resolved already (see resolve_index); out of range
// throws Error::usage.
Matrix token_row(const Matrix& m, size_t query);

struct RankedKey {
  size_t index;       // column in the row
  std::string label;  // its column label, "" when the row has none
  float weight;
};
// The `k` largest entries of a 1 × cols row (from token_row), largest first; equal weights keep
// column order, so the result is deterministic. Fewer than `k` when the row is shorter. A matrix
// with more than one row throws Error::input.
std::vector<RankedKey> top_k(const Matrix& row, size_t k);

}  // namespace attnmap
