#pragma once
// Faithfulness of token scores (ERASER's comprehensiveness and sufficiency, leave-one-out, a random
// baseline): does removing the tokens a method ranks highest change the prediction? The
// definitions, which `faithfulness --help` and the README state word for word:
//
//   For an example with target class y, the special tokens (special_tokens_mask 1) are never
//   removed and not counted; the other n tokens are ranked by score, highest first, ties by
//   position. At bin k in K = {1, 5, 10, 20, 50} percent the rationale r_k is the top ceil(k·n/100)
//   tokens. comprehensiveness_k = p(y|x) − p(y|x ∖ r_k); sufficiency_k = p(y|x) − p(y|r_k ∪
//   specials). AOPC is the plain mean over K. Removal works on token ids: `delete` drops them and
//   packs the sequence, `mask` puts the model's mask token in their place.
//   loo: score_i = p(y|x) − p(y|x ∖ {i}); random: 5 seeded rankings, their numbers averaged;
//   tau_loo: Kendall's tau-b between a method's scores and loo's.
//
// Everything here is arithmetic on encodings and scores: the model is a callback, so tests give it
// a formula and the command gives it batched forward passes.
#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "attnmap/encoding.h"

namespace attnmap::explain {

enum class Removal { kDelete, kMask };
// "delete" or "mask"; Error::usage otherwise.
Removal parse_removal(const std::string& name);
const char* removal_name(Removal removal);

// The bins, in percent of the non-special tokens.
inline constexpr std::array<int, 5> kFaithfulnessBins = {1, 5, 10, 20, 50};
inline constexpr size_t kRandomDraws = 5;

// The positions of the non-special tokens, ranked by score: highest first, ties by lower position.
std::vector<size_t> rank_tokens(const std::vector<float>& scores, const std::vector<uint8_t>& special);

// ceil(percent · n / 100), exactly.
size_t rationale_size(int percent, size_t n);

// `encoding` with the positions where `removed` is true taken out: deleted (every per-token field
// drops them, so positions shift) or replaced by `mask_id` (ids only).
Encoding remove_tokens(const Encoding& encoding, const std::vector<bool>& removed, Removal removal, int64_t mask_id);

// Kendall's tau-b of two equally long sequences; nullopt when shorter than 2 or either is constant.
std::optional<double> kendall_tau_b(const std::vector<double>& a, const std::vector<double>& b);

// One ranking's numbers (for random: the mean over its draws).
struct Curves {
  std::array<double, kFaithfulnessBins.size()> comprehensiveness{}, sufficiency{};
  double aopc_comprehensiveness = 0, aopc_sufficiency = 0;
};

struct MethodFaithfulness {
  std::string method;                         // a registry name, "random" or "loo"
  std::vector<float> scores;                  // one per position; empty for random
  std::vector<std::vector<size_t>> rankings;  // one; random: one per draw
  Curves curves;
  std::optional<double> tau_loo;
};

struct ExampleFaithfulness {
  size_t target = 0;
  double p = 0;  // p(y|x)
  size_t n = 0;  // the non-special tokens
  std::vector<MethodFaithfulness> methods;  // the scored methods in order, then random, then loo
};

// p(target | encoding) for each encoding, in order.
using ProbabilityOf = std::function<std::vector<double>(const std::vector<Encoding>&)>;

struct FaithfulnessSettings {
  Removal removal = Removal::kDelete;
  int64_t mask_id = -1;  // the mask token's id, for Removal::kMask
  uint64_t seed = 0;     // with the example's key, seeds the random rankings
};

// Evaluates each scored method (name -> one score per position), random and loo on one example.
// `probability` is called twice (leave-one-out first, as loo's ranking needs it), each time with
// every distinct encoding once. `random_key` tells examples apart in the random draws (the input
// line).
ExampleFaithfulness evaluate_faithfulness(const Encoding& encoding, size_t target, double p,
                                          const std::vector<std::pair<std::string, std::vector<float>>>& scored,
                                          const FaithfulnessSettings& settings, uint64_t random_key,
                                          const ProbabilityOf& probability);

}  // namespace attnmap::explain
