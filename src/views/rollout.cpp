#include "attnmap/rollout.h"

#include "attnmap/error.h"
#include "views/layered.h"

namespace attnmap {

Matrix attention_rollout(const AttentionStack& stack, const RolloutOptions& options, std::vector<Matrix>* prefixes) {
  views::check_stack(stack, "attention");
  views::require_square(stack, "rollout");
  const auto [first, last] = views::resolve_layers(options.layers, stack.layers);
  if (prefixes) prefixes->clear();
  views::Square r = views::residual_attention(stack, first, options.heads);
  if (prefixes) prefixes->push_back(views::to_matrix(r));
  for (size_t l = first + 1; l <= last; ++l) {
    r = views::multiply(views::residual_attention(stack, l, options.heads), r);
    if (prefixes) prefixes->push_back(views::to_matrix(r));
  }
  return views::to_matrix(r);
}

namespace {

void normalise_rows(views::Square& c) {
  for (size_t i = 0; i < c.n; ++i) {
    double sum = 0;
    for (size_t j = 0; j < c.n; ++j) sum += c.at(i, j);
    if (sum != 0)
      for (size_t j = 0; j < c.n; ++j) c.at(i, j) /= sum;
  }
}

views::Square layer_of(const AttentionStack& stack, size_t layer, LayerScaling scaling) {
  views::Square c = views::reduced_layer(stack, layer, HeadReduction::kMean);
  if (scaling == LayerScaling::kRowShares) normalise_rows(c);
  return c;
}

}  // namespace

Matrix decomposition_rollout(const AttentionStack& layers, const LayerRange& range, LayerScaling scaling,
                             std::vector<Matrix>* prefixes) {
  views::check_stack(layers, "decomposition");
  views::require_square(layers, "a decomposition's rollout");
  if (layers.heads != 1) throw Error::input("a decomposition has one matrix per layer, not " + std::to_string(layers.heads));
  const auto [first, last] = views::resolve_layers(range, layers.layers);
  if (prefixes) prefixes->clear();
  const auto shares = [](views::Square r) {
    normalise_rows(r);
    return views::to_matrix(r);
  };
  views::Square r = layer_of(layers, first, scaling);
  for (size_t l = first + 1; l <= last; ++l) {
    if (prefixes) prefixes->push_back(shares(r));
    r = views::multiply(layer_of(layers, l, scaling), r);
  }
  Matrix result = shares(std::move(r));
  if (prefixes) prefixes->push_back(result);
  return result;
}

}  // namespace attnmap
