#pragma once
// Integrated Gradients (Sundararajan et al. 2017) with respect to the input word embeddings:
// what each token contributes to one class's logit, measured along the straight path from a
// baseline input to the real one. Torch-free types; ModelRunner::integrated_gradients computes it.
//
//   attribution(token t) = sum over the hidden dimension of
//       (x_t - b_t) * integral_0^1 d F(b + a (x - b)) / d x_t  da
//
// The integral is a quadrature over `steps` points. Completeness says the attributions add up to
// F(x) - F(b); the gap between the two is reported so that too few steps show.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace attnmap {

// What replaces each token in the baseline input. Special tokens ([CLS], [SEP], <s>, </s>) are kept
// in every baseline: they are not content, and a baseline equal to the input gives them 0.
enum class IgBaseline {
  kPad,   // the [PAD] token's embedding
  kZero,  // the zero vector
  kMask,  // the [MASK] / <mask> token's embedding
};

// Quadrature rules, named and placed as Captum names and places them.
enum class IgRule { kRiemannLeft, kRiemannRight, kRiemannMiddle, kRiemannTrapezoid, kGaussLegendre };

// What is differentiated: the target class's logit (default, as Captum does on a classifier's
// output) or its softmax probability.
enum class IgOutput { kLogit, kProbability };

struct IgOptions {
  std::optional<size_t> target;  // class id; unset: the predicted class
  int steps = 50;
  IgBaseline baseline = IgBaseline::kPad;
  IgRule rule = IgRule::kGaussLegendre;
  IgOutput output = IgOutput::kLogit;
  int64_t mask_id = -1;  // the tokenizer's mask token, required for kMask
  int batch_size = 0;    // path points per forward/backward pass; 0: as many as fit a fixed memory budget
};

struct IgResult {
  std::vector<float> attributions;  // one per token, raw (not normalised)
  size_t target = 0;
  std::string target_label;
  double f_input = 0, f_baseline = 0;  // F at the input and at the baseline
  double attribution_sum = 0;
  // |sum of attributions - (F(x) - F(b))|, absolute and relative to |F(x) - F(b)|.
  double completeness_gap() const;
  double relative_completeness_gap() const;
};

// The points a in [0, 1] and weights of a quadrature rule with `steps` points; sum of weights = 1.
// Throws Error::usage for steps < 1 (or < 2 for the trapezoid rule) or more than kMaxIgSteps.
struct Quadrature {
  std::vector<double> alphas, weights;
};
Quadrature quadrature(IgRule rule, int steps);

// Far past where the completeness gap stops shrinking; Gauss-Legendre nodes cost steps^2 to find,
// and every step is a forward and backward pass.
constexpr int kMaxIgSteps = 10000;

// Parses "riemann_left", "riemann_right", "riemann_middle", "riemann_trapezoid", "gausslegendre"
// (Captum's names) and "pad", "zero", "mask"; Error::usage names the choices otherwise.
IgRule parse_ig_rule(const std::string& name);
IgBaseline parse_ig_baseline(const std::string& name);
std::string to_string(IgRule rule);
std::string to_string(IgBaseline baseline);

}  // namespace attnmap
