#include "cli/attention_view.h"

#include "attnmap/error.h"
#include "attnmap/flow.h"
#include "attnmap/gradient_attention.h"
#include "attnmap/rollout.h"
#include "attnmap/special_tokens.h"
#include "attnmap/value_norm.h"
#include "attnmap/views.h"
#include "attnmap/words.h"

namespace attnmap::cli {
namespace {

std::string range_text(size_t count) { return "0.." + std::to_string(count - 1); }

bool all_layers(const std::string& layer) { return layer == "all"; }

LayerRange chained_layers(const std::string& layer) {
  if (layer.empty() || all_layers(layer)) return {};
  return {0, parse_index(layer, "--layer")};
}

std::string chained_text(const std::string& layer, size_t layers) {
  if (layer.empty() || all_layers(layer)) return "layers " + range_text(layers);
  return "layers 0.." + std::to_string(resolve_index(parse_index(layer, "--layer"), layers, "layer"));
}

// One layer's heads as the request says: one head, or the mean or max over heads.
Matrix heads_of(const AttentionStack& stack, size_t layer, const std::string& head, std::string& head_text) {
  if (head == "mean" || head == "max") {
    head_text = head + " over " + std::to_string(stack.heads) + " heads";
    return reduce_heads(stack, layer, head == "mean" ? HeadReduction::kMean : HeadReduction::kMax);
  }
  size_t h = resolve_index(parse_index(head, "--head"), stack.heads, "head");
  head_text = "head " + std::to_string(h);
  return head_matrix(stack, layer, h);
}

}  // namespace

long parse_index(const std::string& value, const std::string& option) {
  try {
    size_t used = 0;
    long v = std::stol(value, &used);
    if (used == value.size()) return v;
  } catch (const std::exception&) {
  }
  throw Error::usage(option + " must be a number (negative counts from the end), not '" + value + "'", option);
}

std::optional<size_t> parse_target(const std::string& target, const Manifest& manifest) {
  if (target.empty()) return std::nullopt;
  for (size_t i = 0; i < manifest.labels.size(); ++i)
    if (manifest.labels[i] == target) return i;
  long id = parse_index(target, "--target");
  if (id < 0) throw Error::usage("--target must be a class name or a non-negative class id", "--target");
  return static_cast<size_t>(id);
}

size_t single_layer(const std::string& layer, size_t layers) {
  if (all_layers(layer)) throw Error::usage("--layer all needs --view grid, rollout, flow or gradattn", "--layer");
  return resolve_index(layer.empty() ? -1 : parse_index(layer, "--layer"), layers, "layer");
}

ViewMatrix compute_view(ModelRunner& runner, const Input& input, const RunResult& run, const ViewRequest& r) {
  const AttentionStack& stack = run.attention;
  ViewMatrix v;
  const std::string& view = r.view;
  if (view == "matrix" || view == "cls") {
    size_t layer = single_layer(r.layer, stack.layers);
    v.matrix = heads_of(stack, layer, r.head, v.head_text);
    v.layer_text = std::to_string(layer);
    v.description = "layer " + v.layer_text + " of " + range_text(stack.layers) + " · " + v.head_text;
  } else if (view == "rollout" || view == "flow") {
    RolloutOptions options;
    options.layers = chained_layers(r.layer);
    if (r.head == "max") options.heads = HeadReduction::kMax;
    else if (r.head != "mean") throw Error::usage("--view " + view + " combines heads by mean or max, not one head", "--head");
    v.matrix = view == "rollout" ? attention_rollout(stack, options) : attention_flow(stack, options);
    v.layer_text = r.layer.empty() ? "all" : r.layer;
    v.head_text = r.head;
    v.description = std::string(view == "rollout" ? "attention rollout" : "attention flow") + " through " +
                    chained_text(r.layer, stack.layers) + " (" + r.head + " over heads, residual added)";
    v.value_caption = view == "rollout" ? "rollout weight" : "max flow";
  } else if (view == "gradattn") {
    AttentionGradients g = runner.attention_gradients(input.encoding, r.target);
    const std::string target = g.run.predicted_label.empty() ? std::to_string(g.target)
                               : g.target == g.run.predicted ? g.run.predicted_label
                                                             : "class " + std::to_string(g.target);
    if (r.layer.empty() || all_layers(r.layer)) {
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
  } else if (view == "valuenorm") {
    ValueVectorsResult values = runner.value_vectors(input.encoding);
    size_t layer = single_layer(r.layer, stack.layers);
    v.layer_text = std::to_string(layer);
    if (r.head == "mean") {
      v.matrix = value_norm_layer(stack, values.vectors, layer);
      v.head_text = "all heads";
      v.description = "layer " + v.layer_text + " · ‖Σ_h α f_h(x)‖ (value-norm, all heads)";
    } else if (r.head == "max") {
      throw Error::usage("--view valuenorm shows one head or all heads together (mean), not max", "--head");
    } else {
      AttentionStack norms = value_norm_heads(stack, values.vectors);
      v.matrix = heads_of(norms, layer, r.head, v.head_text);
      v.description = "layer " + v.layer_text + " · " + v.head_text + " · ‖α f(x)‖ (value-norm)";
    }
    v.value_caption = "‖α f(x)‖";
  } else {
    throw Error::usage("unknown view '" + view + "' (matrix, grid, heads, cls, rollout, flow, gradattn, valuenorm)",
                       "--view");
  }
  label_axes(v.matrix, input.labels);
  return v;
}

Matrix apply_token_options(const Matrix& m, const Input& input, const ViewRequest& r) {
  const TokenAxes axes = m.rows == m.cols ? TokenAxes::kBoth : m.rows == 1 ? TokenAxes::kColumns : TokenAxes::kRows;
  Matrix out = m;
  if (r.merge_subwords) {
    std::vector<WordGroup> groups = word_groups(input.encoding, input.text, input.pair);
    out = merge_subwords(out, groups, axes);
    if (r.hide_special) out = keep_tokens(out, visible_words(groups), {axes, false});
    return out;
  }
  if (r.hide_special) out = hide_special_tokens(out, input.encoding, {axes, false});
  return out;
}

}  // namespace attnmap::cli
