#include "attnmap/rollout.h"

#include "views/layered.h"

namespace attnmap {

Matrix attention_rollout(const AttentionStack& stack, const RolloutOptions& options) {
  views::check_stack(stack, "attention");
  views::require_square(stack, "rollout");
  const auto [first, last] = views::resolve_layers(options.layers, stack.layers);
  views::Square r = views::residual_attention(stack, first, options.heads);
  for (size_t l = first + 1; l <= last; ++l) r = views::multiply(views::residual_attention(stack, l, options.heads), r);
  return views::to_matrix(r);
}

}  // namespace attnmap
