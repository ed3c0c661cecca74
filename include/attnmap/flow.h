#pragma once
// Attention flow (Abnar & Zuidema, "Quantifying Attention Flow in Transformers", 2020). The layers
// form a layered graph: node (l, i) is token i's position at the input of layer l (l = 0..L, with
// L the number of layers in the range), and the edge from (l, j) to (l+1, i) has capacity A'_l[i][j],
// the same residual-augmented, renormalised head reduction as attention_rollout. flow(i ← j) is the
// maximum flow from input token j (node (0, j)) to output position i (node (L, i)).
//
// Unlike rollout, which multiplies weights along paths, flow is limited by the narrowest cut, so it
// shows how much of token j can reach i at all. With one layer the graph has a single edge from j to
// i and flow(i ← j) = A'[i][j]; flows are at most 1 (the capacity into an output node).
//
// Cost: one exact max-flow (Dinic) per (i, j) pair on (L+1)·T nodes and L·T² edges, and the number
// of augmenting phases grows with T too: measured at about T^4. For 12 layers on one core (Release)
// the full matrix of 64 tokens took 10 s and one row of 128 tokens 3 s, a row of 256 would take
// about a minute. Hence the limits: the full matrix (T² max-flows) up to kFlowMatrixMaxTokens, one
// row (T max-flows, e.g. [CLS]'s) up to kFlowRowMaxTokens.
#include <cstddef>

#include "attnmap/attention.h"
#include "attnmap/rollout.h"

namespace attnmap {

constexpr size_t kFlowMatrixMaxTokens = 64;
constexpr size_t kFlowRowMaxTokens = 128;

// flow(query ← j) for every input token j: a 1 × T matrix without labels. Throws Error::usage when
// `query` is out of range or T > kFlowRowMaxTokens, Error::input for projected keys (K != T).
Matrix attention_flow_row(const AttentionStack& stack, size_t query, const RolloutOptions& options = {});
// flow(i ← j) for every pair: T × T without labels. Throws Error::usage when T > kFlowMatrixMaxTokens
// (the message suggests the single row), Error::input for projected keys (K != T).
Matrix attention_flow(const AttentionStack& stack, const RolloutOptions& options = {});

}  // namespace attnmap
