#include "explain/views.h"

#include "attnmap/error.h"
#include "attnmap/special_tokens.h"
#include "attnmap/views.h"
#include "attnmap/words.h"

namespace attnmap::explain {

ModelRunner& Subject::model() const {
  if (runner == nullptr) throw Error::usage("this view runs the model again, and this model only predicts");
  return *runner;
}

const ValueVectorsResult& Subject::value_vectors() const {
  if (!passes->value_vectors) passes->value_vectors = model().value_vectors(example.encoding);
  return *passes->value_vectors;
}

const AttentionStack& Subject::decomposition(Decomposition decomposition) const {
  auto found = passes->decompositions.find(decomposition);
  if (found == passes->decompositions.end())
    found = passes->decompositions.emplace(decomposition, model().decomposition(example.encoding, decomposition)).first;
  return found->second;
}

const AttentionGradients& Subject::attention_gradients(std::optional<size_t> target) const {
  auto found = passes->attention_gradients.find(target);
  if (found == passes->attention_gradients.end())
    found = passes->attention_gradients.emplace(target, model().attention_gradients(example.encoding, target)).first;
  return found->second;
}

long parse_index(const std::string& value, const std::string& option) {
  try {
    size_t used = 0;
    long v = std::stol(value, &used);
    if (used == value.size()) return v;
  } catch (const std::exception&) {
  }
  throw Error::usage(option + " must be a number (negative counts from the end), not '" + value + "'", option);
}

size_t explained_class(const std::optional<size_t>& target, const RunResult& run) {
  if (run.logits.empty()) throw Error::usage("the model has no classifier head: there is no class to explain");
  const size_t c = target.value_or(run.predicted);
  if (c >= run.logits.size())
    throw Error::usage("target class " + std::to_string(c) + " is out of range: the model has " +
                       std::to_string(run.logits.size()) + " classes");
  return c;
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
  if (layer == "all") throw Error::usage("--layer all needs --view grid, rollout, flow or gradattn", "--layer");
  return resolve_index(layer.empty() ? -1 : parse_index(layer, "--layer"), layers, "layer");
}

std::string layer_text(size_t layer, size_t layers) {
  const std::string of = std::to_string(layers);
  return "layer " + std::to_string(layer) + (layer + 1 == layers ? " (last of " + of + ")" : " (of " + of + ")");
}

Matrix apply_token_options(const Matrix& m, const Example& example, const ViewRequest& r) {
  const TokenAxes axes = m.rows == m.cols ? TokenAxes::kBoth : m.rows == 1 ? TokenAxes::kColumns : TokenAxes::kRows;
  Matrix out = m;
  if (r.merge_subwords) {
    std::vector<WordGroup> groups = word_groups(example.encoding, example.text, example.pair);
    out = merge_subwords(out, groups, axes);
    if (r.hide_special) out = keep_tokens(out, visible_words(groups), {axes, false});
    return out;
  }
  if (r.hide_special) out = hide_special_tokens(out, example.encoding, {axes, false});
  return out;
}

}  // namespace attnmap::explain
