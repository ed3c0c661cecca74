#include "attnmap/flow.h"

#include "attnmap/error.h"
#include "views/layered.h"
#include "views/max_flow.h"

namespace attnmap {
namespace {

struct FlowGraph {
  views::MaxFlow graph;
  size_t tokens;
  size_t layers;  // in the range; the graph has layers + 1 node layers

  size_t node(size_t layer, size_t token) const { return layer * tokens + token; }
  double flow(size_t output, size_t input) { return graph.run(node(0, input), node(layers, output)); }
};

// Checks the stack and the length before anything is built: the limit is what keeps a long text
// from running for minutes.
void check(const AttentionStack& stack, size_t limit, const std::string& what, const std::string& hint) {
  views::check_stack(stack, "attention");
  views::require_square(stack, "attention flow");
  if (stack.queries > limit)
    throw Error::usage(what + " is limited to " + std::to_string(limit) + " tokens; this text has " +
                       std::to_string(stack.queries) + hint);
}

FlowGraph build_graph(const AttentionStack& stack, const RolloutOptions& options) {
  const size_t t = stack.queries;
  const auto [first, last] = views::resolve_layers(options.layers, stack.layers);
  const size_t n_layers = last - first + 1;
  FlowGraph g{views::MaxFlow((n_layers + 1) * t), t, n_layers};
  for (size_t l = 0; l < n_layers; ++l) {
    views::Square a = views::residual_attention(stack, first + l, options.heads);
    for (size_t i = 0; i < t; ++i)
      for (size_t j = 0; j < t; ++j) g.graph.add_edge(g.node(l, j), g.node(l + 1, i), a.at(i, j));
  }
  return g;
}

}  // namespace

Matrix attention_flow_row(const AttentionStack& stack, size_t query, const RolloutOptions& options) {
  check(stack, kFlowRowMaxTokens, "attention flow (T max-flows for one row)", "");
  if (query >= stack.queries)
    throw Error::usage("token " + std::to_string(query) + " is out of range: the text has " +
                       std::to_string(stack.queries) + " tokens (0.." + std::to_string(stack.queries - 1) + ")");
  FlowGraph g = build_graph(stack, options);
  Matrix row;
  row.rows = 1;
  row.cols = g.tokens;
  for (size_t j = 0; j < g.tokens; ++j) row.values.push_back(static_cast<float>(g.flow(query, j)));
  return row;
}

Matrix attention_flow(const AttentionStack& stack, const RolloutOptions& options) {
  check(stack, kFlowMatrixMaxTokens, "attention flow for every pair of tokens (T² max-flows)",
        ": ask for one token's row (up to " + std::to_string(kFlowRowMaxTokens) + " tokens)");
  FlowGraph g = build_graph(stack, options);
  Matrix m;
  m.rows = m.cols = g.tokens;
  for (size_t i = 0; i < g.tokens; ++i)
    for (size_t j = 0; j < g.tokens; ++j) m.values.push_back(static_cast<float>(g.flow(i, j)));
  return m;
}

}  // namespace attnmap
