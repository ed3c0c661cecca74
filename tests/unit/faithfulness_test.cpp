// Faithfulness (explain/faithfulness.h) on a model that is a formula: p(y|x) = 0.1 plus the weights
// of the tokens present, so every number has a value worked out by hand.
#include "explain/faithfulness.h"

#include <gtest/gtest.h>

#include <set>

#include "attnmap/error.h"
#include "explain/faithfulness_summary.h"

namespace attnmap::explain {
namespace {

// [CLS] t1 .. tn [SEP], ids 101, 1..n, 102.
Encoding encoding_of(size_t n) {
  Encoding e;
  e.ids.push_back(101);
  for (size_t i = 1; i <= n; ++i) e.ids.push_back(static_cast<int64_t>(i));
  e.ids.push_back(102);
  const size_t size = e.ids.size();
  e.type_ids.assign(size, 0);
  e.tokens.assign(size, "t");
  e.offsets.assign(size, {0, 0});
  e.special_tokens_mask.assign(size, 0);
  e.special_tokens_mask.front() = e.special_tokens_mask.back() = 1;
  e.attention_mask.assign(size, 1);
  e.sequence_ids.assign(size, 0);
  return e;
}

constexpr int64_t kMask = 103;

// Token id i weighs weights[i - 1]; the mask token and the specials weigh nothing.
struct AdditiveModel {
  std::vector<double> weights;
  std::vector<std::vector<int64_t>> asked;  // every input it was given, in order

  double p(const Encoding& e) const {
    double p = 0.1;
    for (int64_t id : e.ids)
      if (id >= 1 && id <= static_cast<int64_t>(weights.size())) p += weights[static_cast<size_t>(id - 1)];
    return p;
  }
  ProbabilityOf callback() {
    return [this](const std::vector<Encoding>& inputs) {
      std::vector<double> out;
      for (const Encoding& e : inputs) {
        asked.push_back(e.ids);
        out.push_back(p(e));
      }
      return out;
    };
  }
};

const MethodFaithfulness& method(const ExampleFaithfulness& r, const std::string& name) {
  for (const MethodFaithfulness& m : r.methods)
    if (m.method == name) return m;
  throw std::runtime_error("no method " + name);
}

TEST(Faithfulness, RanksHighestFirstTiesByPositionSpecialsLeftOut) {
  const std::vector<uint8_t> special = {1, 0, 0, 0, 0, 1};
  EXPECT_EQ(rank_tokens({9, 0.5f, 2, 0.5f, 3, 9}, special), (std::vector<size_t>{4, 2, 1, 3}));
  EXPECT_THROW(rank_tokens({1, 2}, special), Error);
}

TEST(Faithfulness, RationaleSizesAreExactCeilings) {
  EXPECT_EQ(rationale_size(1, 1), 1u);
  EXPECT_EQ(rationale_size(1, 100), 1u);
  EXPECT_EQ(rationale_size(1, 101), 2u);
  EXPECT_EQ(rationale_size(5, 20), 1u) << "0.05 * 20 is 1 exactly, not a hair above";
  EXPECT_EQ(rationale_size(5, 21), 2u);
  EXPECT_EQ(rationale_size(50, 3), 2u);
  EXPECT_EQ(rationale_size(20, 0), 0u);
}

TEST(Faithfulness, DeleteDropsTokensMaskReplacesTheirIds) {
  const Encoding e = encoding_of(3);
  const std::vector<bool> removed = {false, false, true, false, false};
  const Encoding deleted = remove_tokens(e, removed, Removal::kDelete, kMask);
  EXPECT_EQ(deleted.ids, (std::vector<int64_t>{101, 1, 3, 102}));
  EXPECT_EQ(deleted.special_tokens_mask, (std::vector<uint8_t>{1, 0, 0, 1}));
  EXPECT_EQ(deleted.attention_mask.size(), 4u);
  EXPECT_EQ(deleted.type_ids.size(), 4u);
  const Encoding masked = remove_tokens(e, removed, Removal::kMask, kMask);
  EXPECT_EQ(masked.ids, (std::vector<int64_t>{101, 1, kMask, 3, 102}));
  EXPECT_EQ(masked.attention_mask, e.attention_mask);
}

TEST(Faithfulness, KendallTauB) {
  EXPECT_DOUBLE_EQ(*kendall_tau_b({1, 2, 3, 4}, {10, 20, 30, 40}), 1.0);
  EXPECT_DOUBLE_EQ(*kendall_tau_b({1, 2, 3, 4}, {4, 3, 2, 1}), -1.0);
  EXPECT_DOUBLE_EQ(*kendall_tau_b({1, 2, 3}, {1, 3, 2}), 1.0 / 3.0);
  // Ties: scipy.stats.kendalltau([1, 2, 2, 3], [1, 2, 3, 3]) = 0.8
  EXPECT_NEAR(*kendall_tau_b({1, 2, 2, 3}, {1, 2, 3, 3}), 0.8, 1e-12);
  EXPECT_FALSE(kendall_tau_b({1, 1, 1}, {1, 2, 3}).has_value()) << "a constant side";
  EXPECT_FALSE(kendall_tau_b({1}, {1}).has_value());
}

TEST(Faithfulness, AnAdditiveModelGivesHandWorkedNumbers) {
  // Ten tokens weighing 0.09, 0.08, ..., 0.00: p(x) = 0.1 + 0.45 = 0.55.
  AdditiveModel model;
  for (int i = 9; i >= 0; --i) model.weights.push_back(0.01 * i);
  const Encoding e = encoding_of(10);
  std::vector<float> exact(e.size(), 0.0f), reversed(e.size(), 0.0f);
  for (size_t i = 1; i <= 10; ++i) {
    exact[i] = static_cast<float>(model.weights[i - 1]);
    reversed[i] = -exact[i];
  }
  FaithfulnessSettings settings;
  const ExampleFaithfulness r =
      evaluate_faithfulness(e, 1, model.p(e), {{"exact", exact}, {"reversed", reversed}}, settings, 7, model.callback());
  EXPECT_EQ(r.n, 10u);
  const MethodFaithfulness& m = method(r, "exact");
  // Bins of 10 tokens: 1, 1, 1, 2, 5 tokens. Removing the top k removes their weight.
  const double top[] = {0.09, 0.09, 0.09, 0.17, 0.35};
  for (size_t b = 0; b < 5; ++b) {
    EXPECT_NEAR(m.curves.comprehensiveness[b], top[b], 1e-12) << "bin " << b;
    EXPECT_NEAR(m.curves.sufficiency[b], 0.45 - top[b], 1e-12) << "keeping the top k keeps their weight";
  }
  EXPECT_NEAR(m.curves.aopc_comprehensiveness, (0.09 * 3 + 0.17 + 0.35) / 5, 1e-12);
  EXPECT_NEAR(*m.tau_loo, 1.0, 1e-12) << "loo's drops are the weights";
  EXPECT_NEAR(*method(r, "reversed").tau_loo, -1.0, 1e-12);
  EXPECT_LT(method(r, "reversed").curves.aopc_comprehensiveness, method(r, "random").curves.aopc_comprehensiveness);
  const MethodFaithfulness& loo = method(r, "loo");
  EXPECT_NEAR(loo.scores[1], 0.09, 1e-6);
  EXPECT_EQ(loo.scores[0], 0.0f) << "specials score nothing";
  EXPECT_EQ(loo.rankings.at(0).front(), 1u);
  EXPECT_NEAR(loo.curves.aopc_comprehensiveness, m.curves.aopc_comprehensiveness, 1e-6);
  // Every input asked once, none twice.
  const std::set<std::vector<int64_t>> distinct(model.asked.begin(), model.asked.end());
  EXPECT_EQ(distinct.size(), model.asked.size());
}

TEST(Faithfulness, RandomDrawsArePermutationsOfTheTextTokensAndRepeatable) {
  AdditiveModel model{{0.1, 0.2, 0.3, 0.05}, {}};
  const Encoding e = encoding_of(4);
  FaithfulnessSettings settings;
  settings.seed = 3;
  const ExampleFaithfulness a = evaluate_faithfulness(e, 0, model.p(e), {}, settings, 12, model.callback());
  const ExampleFaithfulness b = evaluate_faithfulness(e, 0, model.p(e), {}, settings, 12, model.callback());
  const ExampleFaithfulness other = evaluate_faithfulness(e, 0, model.p(e), {}, settings, 13, model.callback());
  const MethodFaithfulness& random = method(a, "random");
  ASSERT_EQ(random.rankings.size(), kRandomDraws);
  for (std::vector<size_t> ranking : random.rankings) {
    std::sort(ranking.begin(), ranking.end());
    EXPECT_EQ(ranking, (std::vector<size_t>{1, 2, 3, 4}));
  }
  EXPECT_EQ(method(b, "random").rankings, random.rankings) << "the same seed and line draw the same";
  EXPECT_NE(method(other, "random").rankings, random.rankings) << "another line draws others";
  EXPECT_FALSE(random.tau_loo.has_value());
}

TEST(Faithfulness, MaskingNeedsAMaskToken) {
  AdditiveModel model{{0.1, 0.2}, {}};
  const Encoding e = encoding_of(2);
  FaithfulnessSettings settings;
  settings.removal = Removal::kMask;
  EXPECT_THROW(evaluate_faithfulness(e, 0, model.p(e), {}, settings, 0, model.callback()), Error);
  settings.mask_id = kMask;
  const ExampleFaithfulness r = evaluate_faithfulness(e, 0, model.p(e), {}, settings, 0, model.callback());
  for (const std::vector<int64_t>& ids : model.asked) EXPECT_EQ(ids.size(), e.size()) << "masking keeps the length";
  EXPECT_NEAR(method(r, "loo").scores[2], 0.2, 1e-6);
  EXPECT_THROW(parse_removal("drop"), Error);
}

TEST(FaithfulnessRecord, ReadsBackWhatItWrites) {
  AdditiveModel model{{0.1, 0.2, 0.3}, {}};
  const Encoding e = encoding_of(3);
  std::vector<float> scores = {0, 0.5f, -0.25f, 1, 0};
  FaithfulnessRecord r;
  r.line = 7;
  r.id = "x-7";
  r.text = "a b c";
  r.gold = "positive";
  r.predicted = "positive";
  r.target_label = "positive";
  r.correct = true;
  r.ids = e.ids;
  r.special = e.special_tokens_mask;
  r.result = evaluate_faithfulness(e, 1, model.p(e), {{"ig", scores}}, {}, 7, model.callback());
  r.skipped["flow"] = "too long";
  const nlohmann::json once = to_json(r);
  EXPECT_EQ(once.at("methods").at("ig").at("ranking"), nlohmann::json({3, 1, 2}));
  EXPECT_EQ(once.at("methods").at("random").at("rankings").size(), kRandomDraws);
  EXPECT_EQ(to_json(faithfulness_record_from_json(once)), once);
  nlohmann::json damaged = once;
  damaged["methods"]["ig"]["comprehensiveness"] = {1, 2};
  try {
    faithfulness_record_from_json(damaged);
    ADD_FAILURE() << "a record with two bins was read";
  } catch (const Error& error) {
    EXPECT_EQ(error.message(), "\"methods\".\"ig\".\"comprehensiveness\" does not have one value per bin");
  }
}

TEST(FaithfulnessSummary, MeansIntervalsAndGroups) {
  std::vector<FaithfulnessRecord> records;
  for (int i = 0; i < 40; ++i) {
    FaithfulnessRecord r;
    r.line = static_cast<size_t>(i + 2);
    r.correct = i % 4 != 0;
    MethodFaithfulness m{"ig", {}, {{}}, {}, i % 2 == 0 ? std::optional<double>(0.5) : std::nullopt};
    m.curves.aopc_comprehensiveness = i % 4 == 0 ? 0.1 : 0.3;
    r.result.methods.push_back(m);
    records.push_back(r);
  }
  records[0].skipped["flow"] = "too long";
  const FaithfulnessSummary s = summarise_faithfulness(records, "m", Removal::kDelete, 0);
  ASSERT_EQ(s.methods.size(), 1u);
  const MethodSummary& ig = s.methods[0];
  EXPECT_EQ(ig.all.n, 40u);
  EXPECT_NEAR(ig.all.aopc_comprehensiveness.mean, 0.25, 1e-12);
  EXPECT_LT(ig.all.aopc_comprehensiveness.low, 0.25);
  EXPECT_GT(ig.all.aopc_comprehensiveness.high, 0.25);
  EXPECT_GE(ig.all.aopc_comprehensiveness.low, 0.1);
  ASSERT_TRUE(ig.all.tau_loo.has_value());
  EXPECT_DOUBLE_EQ(ig.all.tau_loo->mean, 0.5) << "undefined taus are left out, not counted as 0";
  ASSERT_TRUE(ig.correct && ig.wrong);
  EXPECT_EQ(ig.wrong->n, 10u);
  EXPECT_DOUBLE_EQ(ig.wrong->aopc_comprehensiveness.mean, 0.1);
  EXPECT_DOUBLE_EQ(ig.wrong->aopc_comprehensiveness.low, 0.1) << "no spread, no interval";
  EXPECT_EQ(s.skipped.at("flow"), 1u);
  const nlohmann::json j = to_json(s);
  EXPECT_EQ(j.at("bins"), nlohmann::json({1, 5, 10, 20, 50}));
  EXPECT_EQ(j.at("methods").at("ig").at("all").at("comprehensiveness").size(), 5u);
  EXPECT_NE(faithfulness_table(s).find("ig "), std::string::npos);
}

}  // namespace
}  // namespace attnmap::explain
