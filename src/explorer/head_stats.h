#pragma once
// The explorer's per-head table: a few numbers that say what kind of head each one is.
#include <cstdint>
#include <string>
#include <vector>

#include "attnmap/attention.h"

namespace attnmap::explorer {

// For every layer and head, averaged over the query rows (every token, special ones included):
//   entropy   -sum_j a_ij log2 a_ij, in bits (0: one key takes everything; log2 T: uniform)
//   first     the weight on key 0 when it is a special token ([CLS], <s>); 0 otherwise
//   special   the weight on the other special keys ([SEP], </s>)
//   distance  sum_j a_ij |i - j|, in tokens
//   max       the largest weight in the head (not averaged)
struct HeadStats {
  static constexpr const char* kColumns[] = {"entropy", "first", "special", "distance", "max"};
  std::vector<double> values;  // [layer][head][column]
};

HeadStats head_stats(const AttentionStack& attention, const std::vector<uint8_t>& special);

}  // namespace attnmap::explorer
