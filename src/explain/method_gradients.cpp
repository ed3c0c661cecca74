// gradnorm, gradxinput, attnlrp, cplrp: one backward pass of the target's logit to the input,
// plain or with LRP's rules; loo: the target's probability without each token.
#include <algorithm>

#include "explain/faithfulness.h"
#include "explain/methods.h"

namespace attnmap::explain {
namespace {

struct GradientEntry {
  const char* name;
  InputGradient gradient;
  bool norm;  // ||g|| instead of x · g
  const char* help;
  const char* input;  // what x is, in the scores' parameters
  const char* bundle_method;  // the bundle method it runs beyond embed and forward_embeds, or ""
};

template <const GradientEntry& kEntry>
Method gradient_method() {
  Method m{kEntry.name, {}, kEntry.help, Shape::kScores};
  m.needs = kGradients;
  m.bundle_method = kEntry.bundle_method;
  m.explains_class = true;
  m.in_render = m.in_batch = false;
  m.scores = [](const Subject& s, const IgOptions& ig) {
    InputGradientResult r = s.model().input_gradients(s.example.encoding, ig.target, kEntry.gradient);
    nlohmann::json parameters = {{"input", kEntry.input}, {"logit", r.logit}};
    if (!kEntry.norm) {
      double sum = 0;
      for (float v : r.times_input) sum += v;
      parameters["sum"] = sum;  // LRP: how much of the logit the tokens carry (the biases take the rest)
    }
    return MethodScores{kEntry.name, kEntry.norm ? r.gradient_norm : r.times_input, r.target, std::nullopt,
                        std::move(parameters)};
  };
  return m;
}

constexpr GradientEntry kGradNorm{"gradnorm", InputGradient::kPlain, true,
                                  "gradient norm: ||d logit / d word embedding|| per token (unsigned)",
                                  "word embeddings", ""};
constexpr GradientEntry kGradXInput{"gradxinput", InputGradient::kPlain, false,
                                    "Gradient × Input on the word embeddings (signed)", "word embeddings", ""};
constexpr GradientEntry kAttnLrp{"attnlrp", InputGradient::kAttnLrp, false,
                                 "AttnLRP: LRP's rules for attention, LayerNorm and activations (signed, per token's "
                                 "whole input)",
                                 "word + position + token-type embeddings", "forward_attnlrp"};
constexpr GradientEntry kCpLrp{"cplrp", InputGradient::kCpLrp, false,
                               "CP-LRP: LRP through the values with the attention and LayerNorm std held (signed, per "
                               "token's whole input)",
                               "word + position + token-type embeddings", "forward_cplrp"};

}  // namespace

Method gradnorm_method() { return gradient_method<kGradNorm>(); }
Method gradxinput_method() { return gradient_method<kGradXInput>(); }
Method attnlrp_method() { return gradient_method<kAttnLrp>(); }
Method cplrp_method() { return gradient_method<kCpLrp>(); }

constexpr size_t kLooBatchValues = 64u << 20;  // 256 MB of float attention per batch

Method loo_method() {
  Method m{"loo", {}, "leave-one-out: how much the target's probability drops when the token is deleted",
           Shape::kScores};
  m.needs = kForwardPasses;
  m.slow_on_long_texts = true;
  m.explains_class = true;
  m.in_render = m.in_batch = false;
  m.scores = [](const Subject& s, const IgOptions& ig) {
    const Encoding& encoding = s.example.encoding;
    ModelRunner& runner = s.model();
    const RunResult& whole = s.run;  // the subject's own run of the whole input
    const size_t target = explained_class(ig.target, whole);
    // Special tokens stay, as in faithfulness's loo: the model never sees an input without them.
    std::vector<size_t> positions;
    std::vector<Encoding> removed;
    for (size_t t = 0; t < encoding.size(); ++t) {
      if (encoding.special_tokens_mask[t]) continue;
      std::vector<bool> mask(encoding.size(), false);
      mask[t] = true;
      positions.push_back(t);
      removed.push_back(remove_tokens(encoding, mask, Removal::kDelete, -1));
    }
    std::vector<float> values(encoding.size(), 0.0f);
    // In batches whose attention output stays near kLooBatchValues floats: all at once, 500 tokens
    // of a 3-layer model would be 6 GB of attention.
    const AttentionStack& a = whole.attention;
    const size_t per_input = std::max<size_t>(1, a.layers * a.heads * a.queries * a.keys);
    const size_t batch = std::max<size_t>(1, kLooBatchValues / per_input);
    for (size_t first = 0; first < removed.size(); first += batch) {
      const size_t last = std::min(removed.size(), first + batch);
      std::vector<RunResult> runs = runner.run({removed.begin() + static_cast<long>(first), removed.begin() + static_cast<long>(last)});
      for (size_t k = first; k < last; ++k)
        values[positions[k]] = whole.probabilities[target] - runs[k - first].probabilities[target];
    }
    return MethodScores{"loo", std::move(values), target, std::nullopt,
                        {{"removal", "delete"}, {"probability", whole.probabilities[target]}}};
  };
  return m;
}

}  // namespace attnmap::explain
