// gradattn: gradient-weighted attention (Chefer et al. 2021), the positive part of
// (d logit / d A) * A averaged over heads, for one layer or rolled out through the stack.
// headimportance, headweighted: the same gradients summed per head (Michel et al. 2019), and a
// layer's heads averaged with those weights.
#include "attnmap/error.h"
#include "attnmap/gradient_attention.h"
#include "explain/methods.h"

namespace attnmap::explain {
namespace {

std::string target_text(const AttentionGradients& g) {
  return g.run.predicted_label.empty() ? std::to_string(g.target)
         : g.target == g.run.predicted ? g.run.predicted_label
                                       : "class " + std::to_string(g.target);
}

ViewMatrix gradient_weighted(const Subject& s, const ViewRequest& r) {
  const AttentionStack& stack = s.run.attention;
  const AttentionGradients& g = s.attention_gradients(r.target);
  const std::string target = target_text(g);
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

ViewMatrix importance_of_heads(const Subject& s, const ViewRequest& r) {
  if (!r.layer.empty() || r.head != "mean")
    throw Error::usage("--view headimportance shows every layer and head: it takes no --layer or --head",
                       r.layer.empty() ? "--head" : "--layer");
  const AttentionGradients& g = s.attention_gradients(r.target);
  ViewMatrix v;
  v.matrix = head_importance(g.gradient_times_attention);
  v.layer_text = "all";
  v.head_text = "all heads";
  v.description = "head importance |Σ ∂logit/∂A ⊙ A| for '" + target_text(g) + "'";
  v.value_caption = "importance";
  v.row_caption = "layer";
  v.col_caption = "head";
  return v;
}

ViewMatrix importance_weighted(const Subject& s, const ViewRequest& r) {
  if (r.head != "mean")
    throw Error::usage("--view headweighted weighs the heads itself: it takes no --head", "--head");
  const AttentionStack& stack = s.run.attention;
  const AttentionGradients& g = s.attention_gradients(r.target);
  const size_t layer = single_layer(r.layer, stack.layers);
  ViewMatrix v;
  v.matrix = importance_weighted_heads(stack, head_importance(g.gradient_times_attention), layer);
  v.layer_text = std::to_string(layer);
  v.head_text = "importance-weighted";
  v.description = layer_text(layer, stack.layers) + " · heads weighted by their importance for '" + target_text(g) + "'";
  return v;
}

}  // namespace

Method headimportance_method() {
  Method m{"headimportance", {},
           "head importance for the predicted class (--target): |d logit / d head mask| per layer and head",
           Shape::kMatrix};
  m.needs = kGradients;
  m.explains_class = true;
  m.token_axes = false;
  m.in_batch = false;
  m.matrix = importance_of_heads;
  return m;
}

Method headweighted_method() {
  Method m{"headweighted", {}, "one layer's heads averaged with their importance for the predicted class as weights",
           Shape::kMatrix};
  m.needs = kGradients;
  m.explains_class = true;
  m.matrix = importance_weighted;
  return m;
}

Method gradattn_method() {
  Method m{"gradattn", {}, "gradient-weighted attention rollout for the predicted class (--target)", Shape::kMatrix};
  m.needs = kGradients;
  m.explains_class = true;
  m.matrix = gradient_weighted;
  m.scores = [](const Subject& s, const IgOptions& ig) {
    const AttentionGradients& g = s.attention_gradients(ig.target);
    return MethodScores{"gradattn", first_row(gradient_rollout(s.run.attention, g.gradient)), g.target, std::nullopt,
                        {{"layers", "all"}}};
  };
  return m;
}

}  // namespace attnmap::explain
