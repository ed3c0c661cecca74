// The torch-free half of Integrated Gradients: quadrature rules and names. The gradients
// themselves are computed in the model layer (src/model/integrated_gradients.cpp).
#include "attnmap/integrated_gradients.h"

#include <cmath>
#include <cstddef>
#include <utility>

#include "attnmap/error.h"

namespace attnmap {
namespace {

constexpr double kPi = 3.14159265358979323846;

// P_n(x) and its derivative P'_n(x), by the three-term recurrence.
std::pair<double, double> legendre(int n, double x) {
  double p0 = 1, p1 = x;
  for (int k = 2; k <= n; ++k) {
    double p2 = ((2.0 * k - 1) * x * p1 - (k - 1.0) * p0) / k;
    p0 = p1;
    p1 = p2;
  }
  return {p1, n * (x * p1 - p0) / (x * x - 1)};
}

// Gauss–Legendre nodes and weights on [-1, 1] by Newton's method on P_n; converges to machine
// precision in a few iterations per root.
void gauss_legendre(int n, std::vector<double>& nodes, std::vector<double>& weights) {
  nodes.assign(static_cast<size_t>(n), 0.0);
  weights.assign(static_cast<size_t>(n), 0.0);
  for (int i = 0; i < (n + 1) / 2; ++i) {
    double x = std::cos(kPi * (i + 0.75) / (n + 0.5));  // Tricomi's initial guess
    for (int iteration = 0; iteration < 100; ++iteration) {
      auto [p, derivative] = legendre(n, x);
      double step = p / derivative;
      x -= step;
      if (std::abs(step) < 1e-16) break;
    }
    const double derivative = legendre(n, x).second;  // at the converged root, for the weight
    double w = 2 / ((1 - x * x) * derivative * derivative);
    // Ascending order, as numpy's leggauss returns them.
    nodes[static_cast<size_t>(i)] = -x;
    nodes[static_cast<size_t>(n - 1 - i)] = x;
    weights[static_cast<size_t>(i)] = weights[static_cast<size_t>(n - 1 - i)] = w;
  }
  if (n % 2 == 1) nodes[static_cast<size_t>(n / 2)] = 0;  // exactly, not 1e-17
}

}  // namespace

Quadrature quadrature(IgRule rule, int steps) {
  const int minimum = rule == IgRule::kRiemannTrapezoid ? 2 : 1;
  if (steps < minimum)
    throw Error::usage("--steps must be at least " + std::to_string(minimum) + " for " + to_string(rule) + " (got " +
                       std::to_string(steps) + ")");
  if (steps > kMaxIgSteps)
    throw Error::usage("--steps must be at most " + std::to_string(kMaxIgSteps) + " (got " + std::to_string(steps) +
                       ")");
  Quadrature q;
  const auto n = static_cast<size_t>(steps);
  const double h = 1.0 / steps;
  switch (rule) {
    case IgRule::kGaussLegendre: {
      std::vector<double> nodes, weights;
      if (steps == 1) {
        nodes = {0.0}, weights = {2.0};
      } else {
        gauss_legendre(steps, nodes, weights);
      }
      for (size_t i = 0; i < n; ++i) {
        q.alphas.push_back(0.5 * (nodes[i] + 1));
        q.weights.push_back(0.5 * weights[i]);
      }
      break;
    }
    case IgRule::kRiemannLeft:
      for (size_t i = 0; i < n; ++i) q.alphas.push_back(static_cast<double>(i) * h), q.weights.push_back(h);
      break;
    case IgRule::kRiemannRight:
      for (size_t i = 0; i < n; ++i) q.alphas.push_back(static_cast<double>(i + 1) * h), q.weights.push_back(h);
      break;
    case IgRule::kRiemannMiddle:
      for (size_t i = 0; i < n; ++i) q.alphas.push_back((static_cast<double>(i) + 0.5) * h), q.weights.push_back(h);
      break;
    case IgRule::kRiemannTrapezoid: {
      // The textbook trapezoid rule: n points from 0 to 1, spacing 1/(n-1), half weight at the ends,
      // weights summing to 1. (Captum's "riemann_trapezoid" spaces its weights 1/n, summing to
      // 1 - 1/n, so the two differ by that factor.)
      const double spacing = 1.0 / (steps - 1);
      for (size_t i = 0; i < n; ++i) {
        q.alphas.push_back(static_cast<double>(i) * spacing);
        q.weights.push_back(i == 0 || i + 1 == n ? spacing / 2 : spacing);
      }
      break;
    }
  }
  return q;
}

double IgResult::completeness_gap() const { return std::abs(attribution_sum - (f_input - f_baseline)); }

double IgResult::relative_completeness_gap() const {
  const double delta = std::abs(f_input - f_baseline);
  return delta > 0 ? completeness_gap() / delta : completeness_gap();
}

IgRule parse_ig_rule(const std::string& name) {
  for (IgRule r : {IgRule::kGaussLegendre, IgRule::kRiemannLeft, IgRule::kRiemannRight, IgRule::kRiemannMiddle,
                   IgRule::kRiemannTrapezoid})
    if (name == to_string(r)) return r;
  throw Error::usage("unknown integration rule '" + name +
                     "' (choose gausslegendre, riemann_left, riemann_right, riemann_middle or riemann_trapezoid)");
}

IgBaseline parse_ig_baseline(const std::string& name) {
  for (IgBaseline b : {IgBaseline::kPad, IgBaseline::kZero, IgBaseline::kMask})
    if (name == to_string(b)) return b;
  throw Error::usage("unknown baseline '" + name + "' (choose pad, zero or mask)");
}

std::string to_string(IgRule rule) {
  switch (rule) {
    case IgRule::kGaussLegendre: return "gausslegendre";
    case IgRule::kRiemannLeft: return "riemann_left";
    case IgRule::kRiemannRight: return "riemann_right";
    case IgRule::kRiemannMiddle: return "riemann_middle";
    case IgRule::kRiemannTrapezoid: return "riemann_trapezoid";
  }
  return "?";
}

std::string to_string(IgBaseline baseline) {
  switch (baseline) {
    case IgBaseline::kPad: return "pad";
    case IgBaseline::kZero: return "zero";
    case IgBaseline::kMask: return "mask";
  }
  return "?";
}

}  // namespace attnmap
