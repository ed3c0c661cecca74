#include "explain/faithfulness.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

#include "attnmap/error.h"

namespace attnmap::explain {
namespace {

std::vector<size_t> non_special(const std::vector<uint8_t>& special) {
  std::vector<size_t> positions;
  for (size_t i = 0; i < special.size(); ++i)
    if (special[i] == 0) positions.push_back(i);
  return positions;
}

template <typename T>
void keep(std::vector<T>& values, const std::vector<bool>& removed) {
  if (values.size() != removed.size()) return;  // a field the encoding does not fill
  size_t out = 0;
  for (size_t i = 0; i < values.size(); ++i)
    if (!removed[i]) values[out++] = std::move(values[i]);
  values.resize(out);
}

// A random order of `positions`: Fisher-Yates with a 64-bit Mersenne Twister, written out so the
// draws are the same with every standard library.
std::vector<size_t> random_ranking(std::vector<size_t> positions, std::mt19937_64& rng) {
  for (size_t i = positions.size(); i > 1; --i) std::swap(positions[i - 1], positions[rng() % i]);
  return positions;
}

// The perturbed inputs of one example, each asked of the model once.
class Perturbations {
 public:
  Perturbations(const Encoding& encoding, const FaithfulnessSettings& settings)
      : encoding_(encoding), settings_(settings) {}

  // Registers the input with `removed` taken out; returns its index.
  size_t add(const std::vector<bool>& removed) {
    Encoding e = remove_tokens(encoding_, removed, settings_.removal, settings_.mask_id);
    std::vector<int64_t> key = e.ids;
    key.insert(key.end(), e.type_ids.begin(), e.type_ids.end());
    auto [it, inserted] = index_.emplace(std::move(key), inputs_.size());
    if (inserted) {
      inputs_.push_back(std::move(e));
      p_.push_back(0);
    }
    return it->second;
  }

  // Asks the model about every input registered since the last call.
  void evaluate(const ProbabilityOf& probability) {
    if (evaluated_ == inputs_.size()) return;
    const std::vector<Encoding> pending(inputs_.begin() + static_cast<long>(evaluated_), inputs_.end());
    const std::vector<double> p = probability(pending);
    if (p.size() != pending.size()) throw Error::model("the model gave " + std::to_string(p.size()) +
                                                       " probabilities for " + std::to_string(pending.size()) + " inputs");
    std::copy(p.begin(), p.end(), p_.begin() + static_cast<long>(evaluated_));
    evaluated_ = inputs_.size();
  }

  double p(size_t index) const { return p_.at(index); }

 private:
  const Encoding& encoding_;
  const FaithfulnessSettings& settings_;
  std::map<std::vector<int64_t>, size_t> index_;
  std::vector<Encoding> inputs_;
  std::vector<double> p_;
  size_t evaluated_ = 0;
};

// The inputs a ranking needs: per bin, without its rationale and with only its rationale.
struct RankingInputs {
  std::array<size_t, kFaithfulnessBins.size()> without{}, only{};
};

RankingInputs register_ranking(const std::vector<size_t>& ranking, const std::vector<uint8_t>& special,
                               Perturbations& inputs) {
  RankingInputs r;
  for (size_t b = 0; b < kFaithfulnessBins.size(); ++b) {
    const size_t size = rationale_size(kFaithfulnessBins[b], ranking.size());
    std::vector<bool> in_rationale(special.size(), false);
    for (size_t k = 0; k < size; ++k) in_rationale[ranking[k]] = true;
    std::vector<bool> outside(special.size(), false);
    for (size_t i = 0; i < special.size(); ++i) outside[i] = special[i] == 0 && !in_rationale[i];
    r.without[b] = inputs.add(in_rationale);
    r.only[b] = inputs.add(outside);
  }
  return r;
}

Curves curves_of(const RankingInputs& r, double p, const Perturbations& inputs) {
  Curves c;
  for (size_t b = 0; b < kFaithfulnessBins.size(); ++b) {
    c.comprehensiveness[b] = p - inputs.p(r.without[b]);
    c.sufficiency[b] = p - inputs.p(r.only[b]);
  }
  const double bins = static_cast<double>(kFaithfulnessBins.size());
  c.aopc_comprehensiveness = std::accumulate(c.comprehensiveness.begin(), c.comprehensiveness.end(), 0.0) / bins;
  c.aopc_sufficiency = std::accumulate(c.sufficiency.begin(), c.sufficiency.end(), 0.0) / bins;
  return c;
}

Curves mean_curves(const std::vector<Curves>& draws) {
  Curves mean;
  const double count = static_cast<double>(draws.size());
  for (const Curves& d : draws) {
    for (size_t b = 0; b < kFaithfulnessBins.size(); ++b) {
      mean.comprehensiveness[b] += d.comprehensiveness[b] / count;
      mean.sufficiency[b] += d.sufficiency[b] / count;
    }
    mean.aopc_comprehensiveness += d.aopc_comprehensiveness / count;
    mean.aopc_sufficiency += d.aopc_sufficiency / count;
  }
  return mean;
}

std::vector<double> at_positions(const std::vector<float>& scores, const std::vector<size_t>& positions) {
  std::vector<double> out;
  for (size_t i : positions) out.push_back(scores.at(i));
  return out;
}

}  // namespace

Removal parse_removal(const std::string& name) {
  if (name == "delete") return Removal::kDelete;
  if (name == "mask") return Removal::kMask;
  throw Error::usage("--removal takes delete or mask (got '" + name + "')", "--removal");
}

const char* removal_name(Removal removal) { return removal == Removal::kDelete ? "delete" : "mask"; }

std::vector<size_t> rank_tokens(const std::vector<float>& scores, const std::vector<uint8_t>& special) {
  if (scores.size() != special.size())
    throw Error::input(std::to_string(scores.size()) + " scores for " + std::to_string(special.size()) + " tokens");
  std::vector<size_t> ranking = non_special(special);
  std::stable_sort(ranking.begin(), ranking.end(), [&](size_t a, size_t b) { return scores[a] > scores[b]; });
  return ranking;
}

size_t rationale_size(int percent, size_t n) { return (static_cast<size_t>(percent) * n + 99) / 100; }

Encoding remove_tokens(const Encoding& encoding, const std::vector<bool>& removed, Removal removal, int64_t mask_id) {
  if (removed.size() != encoding.size()) throw Error::input("a removal that does not fit the encoding");
  Encoding out = encoding;
  if (removal == Removal::kMask) {
    for (size_t i = 0; i < removed.size(); ++i)
      if (removed[i]) out.ids[i] = mask_id;
    return out;
  }
  keep(out.ids, removed);
  keep(out.type_ids, removed);
  keep(out.tokens, removed);
  keep(out.offsets, removed);
  keep(out.special_tokens_mask, removed);
  keep(out.attention_mask, removed);
  keep(out.sequence_ids, removed);
  return out;
}

std::optional<double> kendall_tau_b(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size() || a.size() < 2) return std::nullopt;
  double concordant_minus_discordant = 0, pairs_a = 0, pairs_b = 0;  // pairs not tied in a, in b
  for (size_t i = 0; i < a.size(); ++i) {
    for (size_t j = i + 1; j < a.size(); ++j) {
      const int sa = (a[i] > a[j]) - (a[i] < a[j]);
      const int sb = (b[i] > b[j]) - (b[i] < b[j]);
      concordant_minus_discordant += sa * sb;
      pairs_a += sa != 0;
      pairs_b += sb != 0;
    }
  }
  if (pairs_a == 0 || pairs_b == 0) return std::nullopt;
  return concordant_minus_discordant / std::sqrt(pairs_a * pairs_b);
}

ExampleFaithfulness evaluate_faithfulness(const Encoding& encoding, size_t target, double p,
                                          const std::vector<std::pair<std::string, std::vector<float>>>& scored,
                                          const FaithfulnessSettings& settings, uint64_t random_key,
                                          const ProbabilityOf& probability) {
  if (settings.removal == Removal::kMask && settings.mask_id < 0)
    throw Error::usage("--removal mask needs the model's mask token, and its tokenizer has none ([MASK], <mask>)",
                       "--removal");
  const std::vector<uint8_t>& special = encoding.special_tokens_mask;
  const std::vector<size_t> positions = non_special(special);
  ExampleFaithfulness out;
  out.target = target;
  out.p = p;
  out.n = positions.size();
  Perturbations inputs(encoding, settings);

  // Leave-one-out first: its drops are loo's scores, and every method's tau.
  std::vector<size_t> loo_inputs;
  for (size_t i : positions) {
    std::vector<bool> removed(encoding.size(), false);
    removed[i] = true;
    loo_inputs.push_back(inputs.add(removed));
  }
  inputs.evaluate(probability);
  MethodFaithfulness loo{"loo", std::vector<float>(encoding.size(), 0.0f), {}, {}, std::nullopt};
  for (size_t k = 0; k < positions.size(); ++k) loo.scores[positions[k]] = static_cast<float>(p - inputs.p(loo_inputs[k]));
  const std::vector<double> loo_scores = at_positions(loo.scores, positions);

  std::vector<MethodFaithfulness> methods;
  std::vector<RankingInputs> method_inputs;
  for (const auto& [name, scores] : scored) {
    MethodFaithfulness m{name, scores, {rank_tokens(scores, special)}, {}, kendall_tau_b(at_positions(scores, positions), loo_scores)};
    method_inputs.push_back(register_ranking(m.rankings[0], special, inputs));
    methods.push_back(std::move(m));
  }
  MethodFaithfulness random{"random", {}, {}, {}, std::nullopt};
  std::mt19937_64 rng(settings.seed * 0x9E3779B97F4A7C15ULL + random_key);
  std::vector<RankingInputs> random_inputs;
  for (size_t d = 0; d < kRandomDraws; ++d) {
    random.rankings.push_back(random_ranking(positions, rng));
    random_inputs.push_back(register_ranking(random.rankings.back(), special, inputs));
  }
  loo.rankings = {rank_tokens(loo.scores, special)};
  loo.tau_loo = kendall_tau_b(loo_scores, loo_scores);
  const RankingInputs loo_ranking_inputs = register_ranking(loo.rankings[0], special, inputs);
  inputs.evaluate(probability);

  for (size_t m = 0; m < methods.size(); ++m) methods[m].curves = curves_of(method_inputs[m], p, inputs);
  std::vector<Curves> draws;
  for (const RankingInputs& r : random_inputs) draws.push_back(curves_of(r, p, inputs));
  random.curves = mean_curves(draws);
  loo.curves = curves_of(loo_ranking_inputs, p, inputs);
  out.methods = std::move(methods);
  out.methods.push_back(std::move(random));
  out.methods.push_back(std::move(loo));
  return out;
}

}  // namespace attnmap::explain
