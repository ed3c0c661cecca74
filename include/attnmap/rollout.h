#pragma once
// Attention rollout (Abnar & Zuidema, "Quantifying Attention Flow in Transformers", 2020): how much
// of each input token reaches each position after a range of layers, if attention were the only
// way information moves and the residual connection carried half of it.
#include "attnmap/attention.h"
#include "attnmap/views.h"

namespace attnmap {

struct RolloutOptions {
  LayerRange layers;                           // every layer by default
  HeadReduction heads = HeadReduction::kMean;  // how the heads of a layer become one matrix
};

// For each layer l in the range, A'_l = rows renormalised (0.5 · heads(A_l) + 0.5 · I); the result
// is R = A'_last · … · A'_first (later layers on the left: R_l = A'_l · R_{l-1}). R[i][j] is how much
// input token j contributes to output position i; rows sum to 1 (a product of row-stochastic
// matrices), also with kMax, whose rows the renormalisation fixes. Accumulated in double.
//
// Throws Error::input for a stack whose keys are projections (K != T): "rollout needs square
// attention; this model projects keys (T=.., K=..)"; Error::usage for a bad layer range.
Matrix attention_rollout(const AttentionStack& stack, const RolloutOptions& options = {});

// The rollout of a decomposition's per-layer matrices (one "head" per layer: ALTI, GlobEnc, value
// zeroing), whose rows already count each token's own residual path: every layer's rows are
// divided by their sum (a row of zeros stays zero) and the layers multiplied, R = C_last · … ·
// C_first, nothing added. Accumulated in double. Throws Error::input for a stack with more than one
// head or non-square layers, Error::usage for a bad layer range.
Matrix decomposition_rollout(const AttentionStack& layers, const LayerRange& range = {});

}  // namespace attnmap
