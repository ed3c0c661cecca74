#pragma once
// Gradient-weighted attention and its rollout (Chefer, Gur & Wolf, "Generic Attention-model
// Explainability for Interpreting Bi-Modal and Encoder-Decoder Transformers", 2021). Attention is
// weighted by the gradient of the explained output y (usually the predicted class's logit) with
// respect to it, ∂y/∂A, so heads and positions that do not move y fade out. The gradient stack comes
// from the model layer; here it is just a second AttentionStack of the same shape.
#include "attnmap/attention.h"
#include "attnmap/views.h"

namespace attnmap {

// Ā_l = mean over heads of (∂y/∂A_l ⊙ A_l)⁺ (element-wise product, negatives clipped to 0): a
// queries × keys matrix whose rows do not sum to 1 and whose scale is the gradient's. Works for
// projected keys (K != T) too. Throws Error::input when the two stacks' shapes differ.
Matrix gradient_weighted_heads(const AttentionStack& attention, const AttentionStack& gradient, size_t layer);

// R = I, then R ← R + Ā_l · R for each layer of the range in order (first to last). R[i][j] is the
// relevance of input token j for output position i; rows do not sum to 1.
//
// Property (tested): with a gradient of all ones, Ā_l is the head mean of A_l, so I + Ā_l =
// 2 · (0.5 · Ā_l + 0.5 · I), which is 2 · A'_l of attention_rollout (already row-stochastic, so
// rollout's renormalisation changes nothing): gradient_rollout / 2^L == attention_rollout for L layers.
//
// Throws Error::input for projected keys (K != T) and for shapes that differ.
Matrix gradient_rollout(const AttentionStack& attention, const AttentionStack& gradient, const LayerRange& layers = {});

// Head importance (Michel, Levy & Neubig 2019): for each layer and head, |∂y/∂ξ_h| where ξ_h
// multiplies the head's output. Scaling a head's output is scaling its attention matrix, so
// ∂y/∂ξ_h = Σ_ij (∂y/∂A_hij) · A_hij, the sum over cells of gradient_times_attention. A layers ×
// heads matrix, rows labelled "layer L", columns "head H". Michel et al. average it over a data set;
// this is one example's.
Matrix head_importance(const AttentionStack& gradient_times_attention);

// Σ_h w_h A_h / Σ_h w_h over one layer's heads, w_h that layer's row of head_importance: the heads
// averaged by how much the explained output depends on each, not equally. All weights 0: the plain
// mean. Throws Error::input when `importance` does not match the stack.
Matrix importance_weighted_heads(const AttentionStack& attention, const Matrix& importance, size_t layer);

}  // namespace attnmap
