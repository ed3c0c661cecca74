#pragma once
// Exact maximum flow (Dinic's algorithm) on a graph with real capacities, for attention flow. The
// graph is built once and run for many (source, sink) pairs; each run starts from zero flow.
//
// Real capacities: a residual capacity at or below kEpsilon counts as saturated. Without that, the
// rounding left on an edge after subtracting a path's bottleneck (1e-17) would keep paths open and
// add phases that move nothing.
#include <cstddef>
#include <vector>

namespace attnmap::views {

class MaxFlow {
 public:
  static constexpr double kEpsilon = 1e-12;

  explicit MaxFlow(size_t nodes);
  // A directed edge; capacities at or below kEpsilon are not added.
  void add_edge(size_t from, size_t to, double capacity);
  double run(size_t source, size_t sink);

 private:
  struct Edge {
    size_t to;
    double capacity;  // 0 for the reverse edge of an added edge
    double residual;
  };
  bool build_levels(size_t source, size_t sink);
  double push(size_t node, size_t sink, double limit);

  std::vector<Edge> edges_;  // edge e's reverse is e ^ 1
  std::vector<std::vector<size_t>> out_;
  std::vector<int> level_;
  std::vector<size_t> next_edge_;  // Dinic's current-arc pointer: edges before it are dead this phase
};

}  // namespace attnmap::views
