#pragma once
// Cutting one row of a padded batch down to its real tokens, so that padding never reaches a view,
// a label or a figure. A batch pads every text to the longest (on the right, or on the left for
// some tokenizers); the attention_mask says which positions are real wherever they are.
//
// Real queries give padded keys (almost) no attention, since the model masks them before the
// softmax, so the cut rows still sum to 1 to within float precision; padded queries' rows are
// meaningless and go.
#include "attnmap/attention.h"
#include "attnmap/encoding.h"

namespace attnmap {

// The tokens whose attention_mask is 1, every vector of the encoding cut alike.
Encoding strip_padding(const Encoding& encoding);

// The queries (and, when K == T, the keys) whose attention_mask is 1. Projected keys (K != T) are
// mixtures of every position and are kept. Throws Error::input when stack.queries differs from
// encoding.size().
AttentionStack strip_padding(const AttentionStack& stack, const Encoding& encoding);

// The keys whose attention_mask is 1, when there is one key per token; otherwise unchanged.
ValueVectors strip_padding(const ValueVectors& values, const Encoding& encoding);

}  // namespace attnmap
