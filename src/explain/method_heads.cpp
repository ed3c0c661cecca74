// matrix and cls: one layer's attention, one head or the mean or max over heads; cls shows one
// token's row of it.
#include "attnmap/views.h"
#include "explain/methods.h"

namespace attnmap::explain {
namespace {

ViewMatrix one_layer(const Subject& s, const ViewRequest& r) {
  const AttentionStack& stack = s.run.attention;
  ViewMatrix v;
  const size_t layer = single_layer(r.layer, stack.layers);
  v.matrix = heads_of(stack, layer, r.head, v.head_text);
  v.layer_text = std::to_string(layer);
  v.description = layer_text(layer, stack.layers) + " · " + v.head_text;
  return v;
}

}  // namespace

Matrix heads_of(const AttentionStack& stack, size_t layer, const std::string& head, std::string& head_text) {
  if (head == "mean" || head == "max") {
    head_text = head + " over " + std::to_string(stack.heads) + " heads";
    return reduce_heads(stack, layer, head == "mean" ? HeadReduction::kMean : HeadReduction::kMax);
  }
  size_t h = resolve_index(parse_index(head, "--head"), stack.heads, "head");
  head_text = "head " + std::to_string(h);
  return head_matrix(stack, layer, h);
}

Method matrix_method() {
  Method m{"matrix", {"mean"}, "one layer: one head (--head N), or the mean or max over heads", Shape::kMatrix};
  m.matrix = one_layer;
  return m;
}

Method cls_method() {
  Method m{"cls", {}, "one token's row (--token, default [CLS] / <s>) as a strip, with its top keys", Shape::kRow};
  m.matrix = one_layer;
  return m;
}

}  // namespace attnmap::explain
