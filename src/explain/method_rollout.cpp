// rollout and flow: attention chained through the layers, heads combined by mean or max, the
// residual added (Abnar & Zuidema 2020).
#include "attnmap/error.h"
#include "attnmap/flow.h"
#include "explain/methods.h"

namespace attnmap::explain {
namespace {

std::string range_text(size_t count) { return "0.." + std::to_string(count - 1); }

template <bool kFlow>
ViewMatrix chained_view(Matrix matrix, const std::string& layer, const std::string& head, size_t layers) {
  ViewMatrix v;
  v.matrix = std::move(matrix);
  v.layer_text = layer.empty() ? "all" : layer;
  v.head_text = head;
  v.description = std::string(kFlow ? "attention flow" : "attention rollout") + " through " +
                  chained_text(layer, layers) + " (" + head + " over heads, residual added)";
  v.value_caption = kFlow ? "max flow" : "rollout weight";
  return v;
}

template <bool kFlow>
ViewMatrix chained(const Subject& s, const ViewRequest& r) {
  const char* view = kFlow ? "flow" : "rollout";
  RolloutOptions options;
  options.layers = chained_layers(r.layer);
  if (r.head == "max") options.heads = HeadReduction::kMax;
  else if (r.head != "mean") throw Error::usage(std::string("--view ") + view + " combines heads by mean or max, not one head", "--head");
  return chained_view<kFlow>(kFlow ? attention_flow(s.run.attention, options) : attention_rollout(s.run.attention, options),
                             r.layer, r.head, s.run.attention.layers);
}

std::vector<ViewMatrix> rollout_chain(const Subject& s) {
  std::vector<Matrix> prefixes;
  attention_rollout(s.run.attention, {}, &prefixes);
  std::vector<ViewMatrix> views;
  for (size_t l = 0; l < prefixes.size(); ++l)
    views.push_back(chained_view<false>(std::move(prefixes[l]), std::to_string(l), "mean", s.run.attention.layers));
  return views;
}

}  // namespace

LayerRange chained_layers(const std::string& layer) {
  if (layer.empty() || layer == "all") return {};
  const size_t dots = layer.find("..");
  if (dots == std::string::npos) return {0, parse_index(layer, "--layer")};
  return {parse_index(layer.substr(0, dots), "--layer"), parse_index(layer.substr(dots + 2), "--layer")};
}

std::string chained_text(const std::string& layer, size_t layers) {
  if (layer.empty() || layer == "all") return "layers " + range_text(layers);
  const LayerRange range = chained_layers(layer);
  const size_t first = resolve_index(range.first, layers, "layer");
  const size_t last = resolve_index(range.last, layers, "layer");
  if (first == last) return "layer " + std::to_string(first) + " alone";
  return "layers " + std::to_string(first) + ".." + std::to_string(last);
}

std::vector<float> first_row(const Matrix& m) { return {m.values.begin(), m.values.begin() + static_cast<long>(m.cols)}; }

Method rollout_method() {
  Method m{"rollout", {}, "attention rollout: heads averaged, the residual added, layers multiplied", Shape::kMatrix};
  m.matrix = chained<false>;
  m.layer_chain = rollout_chain;
  m.scores = [](const Subject& s, const IgOptions&) {
    return MethodScores{"rollout", first_row(attention_rollout(s.run.attention)), std::nullopt, std::nullopt,
                        {{"layers", "all"}, {"heads", "mean"}}};
  };
  return m;
}

Method flow_method() {
  Method m{"flow", {}, "attention flow: max-flow through the same layered graph", Shape::kMatrix};
  m.refuses = "more than 64 tokens as a matrix, 128 as saliency";
  m.matrix = chained<true>;
  m.scores = [](const Subject& s, const IgOptions&) {
    return MethodScores{"flow", first_row(attention_flow_row(s.run.attention, 0)), std::nullopt, std::nullopt,
                        {{"layers", "all"}, {"heads", "mean"}}};
  };
  return m;
}

}  // namespace attnmap::explain
