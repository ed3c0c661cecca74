#pragma once
// Attention rollout (Abnar & Zuidema, "Quantifying Attention Flow in Transformers", 2020): how much
// of each input token reaches each position after a range of layers, if attention were the only
// way information moves and the residual connection carried half of it.
#include <vector>

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
//
// `prefixes`, when given, receives the rollout after each layer of the range, first to last (the
// last is the result): every "layers first..l" in one pass, for a viewer that offers each of them.
Matrix attention_rollout(const AttentionStack& stack, const RolloutOptions& options = {},
                         std::vector<Matrix>* prefixes = nullptr);

// How a decomposition's per-layer matrices enter its rollout: kRowShares divides every layer's rows
// by their sum first (ALTI, value zeroing: each row is how a token's output is made of the tokens
// below); kRaw multiplies them as they are (GlobEnc's authors chain raw norms, and normalising each
// layer first would reweight the tokens in between).
enum class LayerScaling { kRowShares, kRaw };

// The rollout of a decomposition's per-layer matrices (one "head" per layer: ALTI, GlobEnc, value
// zeroing), whose rows already count each token's own residual path: R = C_last · … · C_first,
// nothing added, each C scaled as `scaling` says, and R's rows divided by their sum at the end (a
// row of zeros stays zero), so that a row is a token's shares. Accumulated in double. Throws
// Error::input for a stack with more than one head or non-square layers, Error::usage for a bad
// layer range. `prefixes` as for attention_rollout (each one's rows divided by their sum).
Matrix decomposition_rollout(const AttentionStack& layers, const LayerRange& range = {},
                             LayerScaling scaling = LayerScaling::kRowShares, std::vector<Matrix>* prefixes = nullptr);

}  // namespace attnmap
