// valuenorm: ||alpha f(x)|| (Kobayashi et al. 2020), attention weighted by the size of what each
// key contributes; one head, or all heads together.
#include "attnmap/error.h"
#include "attnmap/value_norm.h"
#include "explain/methods.h"

namespace attnmap::explain {
namespace {

ViewMatrix value_norms(const Subject& s, const ViewRequest& r) {
  const AttentionStack& stack = s.run.attention;
  const ValueVectorsResult& values = s.value_vectors();
  const size_t layer = single_layer(r.layer, stack.layers);
  ViewMatrix v;
  v.layer_text = std::to_string(layer);
  if (r.head == "mean") {
    v.matrix = value_norm_layer(stack, values.vectors, layer);
    v.head_text = "all heads";
    v.description = "layer " + v.layer_text + " · ‖Σ_h α f_h(x)‖ (value-norm, all heads)";
  } else if (r.head == "max") {
    throw Error::usage("--view valuenorm shows one head or all heads together (mean), not max", "--head");
  } else {
    if (!s.passes->value_norms) s.passes->value_norms = value_norm_heads(stack, values.vectors);
    v.matrix = heads_of(*s.passes->value_norms, layer, r.head, v.head_text);
    v.description = "layer " + v.layer_text + " · " + v.head_text + " · ‖α f(x)‖ (value-norm)";
  }
  v.value_caption = "‖α f(x)‖";
  return v;
}

}  // namespace

Method valuenorm_method() {
  Method m{"valuenorm", {}, "attention weighted by what each key contributes, ||alpha f(x)||", Shape::kMatrix};
  m.needs = kValueVectors;
  m.matrix = value_norms;
  m.scores = [](const Subject& s, const IgOptions&) {
    const ValueVectorsResult& values = s.value_vectors();
    const size_t last = s.run.attention.layers - 1;
    return MethodScores{"valuenorm", first_row(value_norm_layer(s.run.attention, values.vectors, last)), std::nullopt,
                        std::nullopt, {{"layer", last}, {"heads", "all"}}};
  };
  return m;
}

}  // namespace attnmap::explain
