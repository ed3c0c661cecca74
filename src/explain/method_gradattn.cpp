// gradattn: gradient-weighted attention (Chefer et al. 2021), the positive part of
// (d logit / d A) * A averaged over heads, for one layer or rolled out through the stack.
#include "attnmap/gradient_attention.h"
#include "explain/methods.h"

namespace attnmap::explain {
namespace {

ViewMatrix gradient_weighted(const Subject& s, const ViewRequest& r) {
  const AttentionStack& stack = s.run.attention;
  AttentionGradients g = s.model().attention_gradients(s.example.encoding, r.target);
  const std::string target = g.run.predicted_label.empty() ? std::to_string(g.target)
                             : g.target == g.run.predicted ? g.run.predicted_label
                                                           : "class " + std::to_string(g.target);
  ViewMatrix v;
  if (r.layer.empty() || r.layer == "all") {
    v.matrix = gradient_rollout(stack, g.gradient, chained_layers(r.layer));
    v.layer_text = "all";
    v.description = "gradient-weighted rollout through " + chained_text(r.layer, stack.layers) + " for '" + target + "'";
  } else {
    size_t layer = single_layer(r.layer, stack.layers);
    v.matrix = gradient_weighted_heads(stack, g.gradient, layer);
    v.layer_text = std::to_string(layer);
    v.description = "layer " + v.layer_text + " · mean over heads of (∂logit/∂A ⊙ A)⁺ for '" + target + "'";
  }
  v.head_text = "gradient-weighted";
  v.value_caption = "relevance";
  return v;
}

}  // namespace

Method gradattn_method() {
  Method m{"gradattn", {}, "gradient-weighted attention rollout for the predicted class (--target)", Shape::kMatrix};
  m.needs = kGradients;
  m.explains_class = true;
  m.matrix = gradient_weighted;
  m.scores = [](const Subject& s, const IgOptions& ig) {
    AttentionGradients g = s.model().attention_gradients(s.example.encoding, ig.target);
    return MethodScores{"gradattn", first_row(gradient_rollout(s.run.attention, g.gradient)), g.target, std::nullopt,
                        {{"layers", "all"}}};
  };
  return m;
}

}  // namespace attnmap::explain
