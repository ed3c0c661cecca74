#pragma once
// Value-norm weighted attention (Kobayashi, Kuribayashi, Yokoi & Inui, "Attention is Not Only a
// Weight: Analyzing Transformers with Vector Norms", 2020). A weight α_ij says little when the
// vector it weights is small: [SEP] and punctuation get large weights but tiny value vectors. The
// norm ‖α_ij f(x_j)‖ measures how much token j actually moves query i's output.
//
// None of these views' rows sum to 1; they are in the units of the hidden states.
#include <cstddef>
#include <vector>

#include <vector>

#include "attnmap/attention.h"

namespace attnmap {

// ‖α^h_ij f_h(x_j)‖ (= α^h_ij ‖f_h(x_j)‖, weights being non-negative) for every layer, head, query
// and key: an AttentionStack of the attention's shape, so head_matrix and reduce_heads view it.
// Throws Error::input when `values` does not match the attention (layers, heads, keys).
AttentionStack value_norm_heads(const AttentionStack& attention, const ValueVectors& values);

// ‖f_h(x_j)‖ for every layer, head and key, (layers, heads, keys): value_norm_heads is the attention
// with key column j of each head scaled by it.
std::vector<float> value_vector_norms(const ValueVectors& values);

// ‖Σ_h α^h_ij f_h(x_j)‖ for one layer: queries × keys. Heads can cancel, so this is at most, and
// usually less than, the sum over heads of value_norm_heads (the triangle inequality).
Matrix value_norm_layer(const AttentionStack& attention, const ValueVectors& values, size_t layer);

// The vectors behind value_norm_layer for one query i: Σ_h α^h_ij f_h(x_j) for every key j, shape
// (keys, dim), row-major. Summed over j, plus the output bias, they are the attention sub-layer's
// output for token i (before the residual connection and LayerNorm).
std::vector<double> value_contributions(const AttentionStack& attention, const ValueVectors& values, size_t layer,
                                        size_t query);

}  // namespace attnmap
