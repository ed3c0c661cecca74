// alti, globenc, valuezeroing: per-layer token contributions from a decomposition of the model's
// own computation, chained through the layers; decompx: the logit itself decomposed per token.
#include "attnmap/error.h"
#include "attnmap/rollout.h"
#include "explain/methods.h"

namespace attnmap::explain {
namespace {

struct DecompositionEntry {
  const char* name;
  Decomposition decomposition;
  LayerScaling scaling;
  const char* help;
  const char* title;  // in figure descriptions
  const char* caption;
  const char* bundle_method;
};

template <const DecompositionEntry& kEntry>
ViewMatrix decomposition_view(Matrix matrix, const std::string& layer, size_t layers) {
  ViewMatrix v;
  v.matrix = std::move(matrix);
  v.layer_text = layer.empty() ? "all" : layer;
  v.head_text = "all heads";
  v.description = std::string(kEntry.title) + " through " + chained_text(layer, layers);
  v.value_caption = kEntry.caption;
  return v;
}

template <const DecompositionEntry& kEntry>
ViewMatrix chained_decomposition(const Subject& s, const ViewRequest& r) {
  if (r.head != "mean")
    throw Error::usage(std::string("--view ") + kEntry.name + " has one matrix per layer, not one per head", "--head");
  const AttentionStack& layers = s.decomposition(kEntry.decomposition);
  return decomposition_view<kEntry>(decomposition_rollout(layers, chained_layers(r.layer), kEntry.scaling), r.layer,
                                    layers.layers);
}

template <const DecompositionEntry& kEntry>
std::vector<ViewMatrix> decomposition_chain(const Subject& s) {
  const AttentionStack& layers = s.decomposition(kEntry.decomposition);
  std::vector<Matrix> prefixes;
  decomposition_rollout(layers, {}, kEntry.scaling, &prefixes);
  std::vector<ViewMatrix> views;
  for (size_t l = 0; l < prefixes.size(); ++l)
    views.push_back(decomposition_view<kEntry>(std::move(prefixes[l]), std::to_string(l), layers.layers));
  return views;
}

template <const DecompositionEntry& kEntry>
MethodScores decomposition_scores(const Subject& s, const IgOptions&) {
  const AttentionStack& layers = s.decomposition(kEntry.decomposition);
  return MethodScores{kEntry.name, first_row(decomposition_rollout(layers, {}, kEntry.scaling)), std::nullopt, std::nullopt,
                      {{"layers", "all"}, {"aggregation", "rollout"}}};
}

template <const DecompositionEntry& kEntry>
Method decomposition_method() {
  Method m{kEntry.name, {}, kEntry.help, Shape::kMatrix};
  m.needs = kDecomposition;
  m.slow_on_long_texts = true;
  m.bundle_method = kEntry.bundle_method;
  m.matrix = chained_decomposition<kEntry>;
  m.layer_chain = decomposition_chain<kEntry>;
  m.scores = decomposition_scores<kEntry>;
  return m;
}

constexpr DecompositionEntry kAlti{
    "alti", Decomposition::kAlti, LayerScaling::kRowShares,
    "ALTI: each token's share of every layer's attention block output (L1 distances, LayerNorm linearised), rolled out",
    "ALTI", "contribution", "alti"};
constexpr DecompositionEntry kGlobEnc{
    "globenc", Decomposition::kGlobEnc, LayerScaling::kRaw,
    "GlobEnc: norms of each token's part of every layer's output through both LayerNorms, rolled out",
    "GlobEnc", "contribution", "globenc"};
constexpr DecompositionEntry kValueZeroing{
    "valuezeroing", Decomposition::kValueZeroing, LayerScaling::kRowShares,
    "value zeroing: how far each token's layer output moves when another token's value vector is zeroed, rolled out",
    "value zeroing", "mixing", "value_zeroing"};

}  // namespace

Method alti_method() { return decomposition_method<kAlti>(); }
Method globenc_method() { return decomposition_method<kGlobEnc>(); }
Method valuezeroing_method() { return decomposition_method<kValueZeroing>(); }

Method decompx_method() {
  Method m{"decompx", {}, "DecompX: the target's logit decomposed into one signed part per token (they add up to it)",
           Shape::kScores};
  m.needs = kDecomposition;
  m.bundle_method = "decompx";
  m.slow_on_long_texts = true;
  m.explains_class = true;
  m.in_render = m.in_batch = false;
  m.scores = [](const Subject& s, const IgOptions& ig) {
    DecompXResult d = s.model().decompx(s.example.encoding);
    const size_t target = explained_class(ig.target, d.run);
    std::vector<float> values(d.shares.size() / d.classes);
    for (size_t t = 0; t < values.size(); ++t) values[t] = d.shares[t * d.classes + target];
    return MethodScores{"decompx", std::move(values), target, std::nullopt,
                        {{"biases", "shared"}, {"logit", d.run.logits[target]}}};
  };
  return m;
}

}  // namespace attnmap::explain
