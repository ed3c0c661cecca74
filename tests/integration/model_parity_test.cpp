// Our tokenizer + TorchScript runner against the Hugging Face model itself (goldens written by
// scripts/ref/make_golden.py model). Bundle and golden come from the environment
// (tests/CMakeLists.txt).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "attnmap/bundle.h"
#include "attnmap/error.h"
#include "attnmap/gradient_attention.h"
#include "attnmap/model.h"
#include "attnmap/tokenizer.h"
#include "unit/golden.h"

namespace attnmap {
namespace {

constexpr double kAttentionTolerance = 1e-5;
constexpr double kLogitTolerance = 1e-4;

double max_abs_diff(const std::vector<float>& a, const std::vector<float>& b) {
  double worst = 0;
  for (size_t i = 0; i < a.size(); ++i) worst = std::max(worst, std::abs(static_cast<double>(a[i]) - b[i]));
  return worst;
}

class ModelParity : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    bundle_ = new Bundle(load_bundle(testing::required_env("ATTNMAP_BUNDLE")));
    tokenizer_ = new Tokenizer(Tokenizer::from_file(bundle_->directory / bundle_->manifest.tokenizer_file));
    runner_ = new ModelRunner(*bundle_, {});
    cases_ = testing::read_model_golden(testing::required_env("ATTNMAP_GOLDEN"));
  }
  static Bundle* bundle_;
  static Tokenizer* tokenizer_;
  static ModelRunner* runner_;
  static std::vector<testing::GoldenCase> cases_;
};

Bundle* ModelParity::bundle_ = nullptr;
Tokenizer* ModelParity::tokenizer_ = nullptr;
ModelRunner* ModelParity::runner_ = nullptr;
std::vector<testing::GoldenCase> ModelParity::cases_;

TEST_F(ModelParity, TokensLogitsAndAttentionsMatchHuggingFace) {
  ASSERT_FALSE(cases_.empty());
  double worst_attention = 0, worst_logit = 0;
  for (const auto& c : cases_) {
    SCOPED_TRACE(c.name);
    std::vector<Encoding> batch;
    for (size_t i = 0; i < c.texts.size(); ++i)
      batch.push_back(c.pairs.empty() ? tokenizer_->encode(c.texts[i]) : tokenizer_->encode_pair(c.texts[i], c.pairs[i]));
    // One padded batch, as Hugging Face ran it: padding must not change any number.
    std::vector<RunResult> results = runner_->run(batch);
    ASSERT_EQ(results.size(), c.examples.size());
    for (size_t i = 0; i < results.size(); ++i) {
      const auto& want = c.examples[i];
      EXPECT_EQ(batch[i].ids, want.encoding.ids);
      EXPECT_EQ(batch[i].tokens, want.encoding.tokens);
      EXPECT_EQ(batch[i].offsets, want.encoding.offsets);
      EXPECT_EQ(batch[i].type_ids, want.encoding.type_ids);
      const AttentionStack& a = results[i].attention;
      ASSERT_EQ((std::vector<size_t>{a.layers, a.heads, a.queries, a.keys}), want.attention_shape);
      ASSERT_EQ(results[i].logits.size(), want.logits.size());
      worst_attention = std::max(worst_attention, max_abs_diff(a.values, want.attentions));
      worst_logit = std::max(worst_logit, max_abs_diff(results[i].logits, want.logits));
    }
  }
  EXPECT_LE(worst_attention, kAttentionTolerance);
  EXPECT_LE(worst_logit, kLogitTolerance);
  std::cout << bundle_->manifest.name << ": max |attention - HF| = " << worst_attention
            << ", max |logit - HF| = " << worst_logit << "\n";
}

TEST_F(ModelParity, EachExampleAloneEqualsItsPaddedRun) {
  const auto& c = cases_.back();  // the padded batch
  for (size_t i = 0; i < c.texts.size(); ++i) {
    RunResult alone = runner_->run(tokenizer_->encode(c.texts[i]));
    EXPECT_LE(max_abs_diff(alone.attention.values, c.examples[i].attentions), kAttentionTolerance);
  }
}

// (d logit / d A) * A through our runner's forward_scaled, against autograd on the Hugging Face
// model. Compared relative to the largest gradient: their scale depends on the model.
TEST_F(ModelParity, AttentionGradientsMatchHuggingFaceAutograd) {
  if (bundle_->manifest.labels.empty()) GTEST_SKIP() << "no classifier head, no class to differentiate";
  double worst = 0;
  for (const auto& c : cases_) {
    SCOPED_TRACE(c.name);
    for (size_t i = 0; i < c.texts.size(); ++i) {
      const auto& want = c.examples[i];
      Encoding e = c.pairs.empty() ? tokenizer_->encode(c.texts[i]) : tokenizer_->encode_pair(c.texts[i], c.pairs[i]);
      AttentionGradients g = runner_->attention_gradients(e);
      EXPECT_EQ(static_cast<long>(g.target), want.predicted);
      ASSERT_EQ(g.gradient_times_attention.values.size(), want.gradient_times_attention.size());
      double largest = 0;
      for (float v : want.gradient_times_attention) largest = std::max(largest, std::abs(static_cast<double>(v)));
      worst = std::max(worst, max_abs_diff(g.gradient_times_attention.values, want.gradient_times_attention) /
                                  std::max(largest, 1e-12));
      // The view itself (views/gradient_attention) against the same formula computed in Python.
      std::vector<float> view;
      for (size_t layer = 0; layer < g.run.attention.layers; ++layer) {
        Matrix m = gradient_weighted_heads(g.run.attention, g.gradient, layer);
        view.insert(view.end(), m.values.begin(), m.values.end());
      }
      ASSERT_EQ(view.size(), want.gradient_weighted_heads.size());
      worst = std::max(worst, max_abs_diff(view, want.gradient_weighted_heads) / std::max(largest, 1e-12));
    }
  }
  EXPECT_LE(worst, 1e-4);
  std::cout << bundle_->manifest.name << ": max relative |gradient x attention - HF| = " << worst << "\n";
}

TEST_F(ModelParity, IdsOutsideTheEmbeddingTableAreRefusedBeforeTheModelRuns) {
  Encoding e = tokenizer_->encode("hello");
  e.ids[1] = bundle_->manifest.vocab_size + 5;
  EXPECT_THROW(runner_->run(e), Error);
}

}  // namespace
}  // namespace attnmap
