#include "views/max_flow.h"

#include <algorithm>
#include <deque>

namespace attnmap::views {
namespace {
constexpr double kUnlimited = 1e300;
}  // namespace

MaxFlow::MaxFlow(size_t nodes) : out_(nodes), level_(nodes), next_edge_(nodes) {}

void MaxFlow::add_edge(size_t from, size_t to, double capacity) {
  if (capacity <= kEpsilon) return;
  out_[from].push_back(edges_.size());
  edges_.push_back({to, capacity, capacity});
  out_[to].push_back(edges_.size());
  edges_.push_back({from, 0.0, 0.0});
}

double MaxFlow::run(size_t source, size_t sink) {
  for (Edge& e : edges_) e.residual = e.capacity;
  if (source == sink) return 0.0;
  double total = 0.0;
  while (build_levels(source, sink)) {
    std::fill(next_edge_.begin(), next_edge_.end(), 0);
    for (double pushed = push(source, sink, kUnlimited); pushed > 0.0; pushed = push(source, sink, kUnlimited))
      total += pushed;
  }
  return total;
}

// Breadth-first distances from the source over unsaturated edges; false when the sink is cut off.
bool MaxFlow::build_levels(size_t source, size_t sink) {
  std::fill(level_.begin(), level_.end(), -1);
  std::deque<size_t> queue{source};
  level_[source] = 0;
  while (!queue.empty()) {
    const size_t u = queue.front();
    queue.pop_front();
    for (size_t e : out_[u]) {
      const Edge& edge = edges_[e];
      if (edge.residual > kEpsilon && level_[edge.to] < 0) {
        level_[edge.to] = level_[u] + 1;
        queue.push_back(edge.to);
      }
    }
  }
  return level_[sink] >= 0;
}

// Pushes up to `limit` from `node` to the sink along increasing levels, through as many paths as
// it finds (one depth-first walk per phase instead of one per path); returns what it pushed.
double MaxFlow::push(size_t node, size_t sink, double limit) {
  if (node == sink) return limit;
  double total = 0.0;
  for (size_t& i = next_edge_[node]; i < out_[node].size(); ++i) {
    const size_t e = out_[node][i];
    Edge& edge = edges_[e];
    if (edge.residual <= kEpsilon || level_[edge.to] != level_[node] + 1) continue;
    const double pushed = push(edge.to, sink, std::min(limit - total, edge.residual));
    if (pushed <= 0.0) continue;
    edge.residual -= pushed;
    edges_[e ^ 1].residual += pushed;
    total += pushed;
    // Stop before moving past this edge: it may still have room for the next call.
    if (limit - total <= kEpsilon) break;
  }
  return total;
}

}  // namespace attnmap::views
