#pragma once
// Views: reductions of an AttentionStack to the matrix a figure shows. Torch-free.
#include <string>
#include <vector>

#include "attnmap/attention.h"

namespace attnmap {

// Resolves a Python-style index (negative counts from the end) against `count` items. Throws
// Error::usage naming the valid range, e.g. "layer 7 is out of range: the model has 6 layers
// (0..5, or -6..-1)".
size_t resolve_index(long index, size_t count, const std::string& what);

enum class HeadReduction { kMean, kMax };

// One head of one layer: queries × keys.
Matrix head_matrix(const AttentionStack& stack, size_t layer, size_t head);
// All heads of one layer reduced to one matrix. The mean keeps rows summing to 1; the max does not.
Matrix reduce_heads(const AttentionStack& stack, size_t layer, HeadReduction reduction);

// Labels both axes of `m` with `tokens` (queries on rows, keys on columns).
void label_axes(Matrix& m, const std::vector<std::string>& tokens);

}  // namespace attnmap
