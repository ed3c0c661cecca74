// Quadrature rules for Integrated Gradients against numpy's leggauss and Captum's Riemann rules.
#include <gtest/gtest.h>

#include <cmath>

#include "attnmap/error.h"
#include "attnmap/integrated_gradients.h"

namespace attnmap {
namespace {

double sum(const std::vector<double>& v) {
  double s = 0;
  for (double x : v) s += x;
  return s;
}

TEST(Quadrature, GaussLegendreMatchesNumpyLeggauss) {
  // 0.5 * (numpy.polynomial.legendre.leggauss(n) + (1, 0)), numpy 2.4.
  Quadrature q3 = quadrature(IgRule::kGaussLegendre, 3);
  const double a3[] = {0.1127016653792583, 0.5, 0.8872983346207417};
  const double w3[] = {0.27777777777777785, 0.4444444444444444, 0.27777777777777785};
  for (int i = 0; i < 3; ++i) {
    EXPECT_NEAR(q3.alphas[i], a3[i], 1e-14);
    EXPECT_NEAR(q3.weights[i], w3[i], 1e-14);
  }
  Quadrature q5 = quadrature(IgRule::kGaussLegendre, 5);
  const double a5[] = {0.04691007703066802, 0.23076534494715845, 0.5, 0.7692346550528415, 0.9530899229693319};
  const double w5[] = {0.11846344252809464, 0.23931433524968315, 0.28444444444444433, 0.23931433524968315,
                       0.11846344252809464};
  for (int i = 0; i < 5; ++i) {
    EXPECT_NEAR(q5.alphas[i], a5[i], 1e-14);
    EXPECT_NEAR(q5.weights[i], w5[i], 1e-14);
  }
}

TEST(Quadrature, GaussLegendreIsExactForPolynomialsUpToDegree2nMinus1) {
  for (int n : {1, 2, 7, 50, 300}) {
    Quadrature q = quadrature(IgRule::kGaussLegendre, n);
    ASSERT_EQ(q.alphas.size(), static_cast<size_t>(n));
    EXPECT_NEAR(sum(q.weights), 1.0, 1e-12) << n;
    const int degree = std::min(2 * n - 1, 40);
    double integral = 0;
    for (size_t i = 0; i < q.alphas.size(); ++i) integral += q.weights[i] * std::pow(q.alphas[i], degree);
    EXPECT_NEAR(integral, 1.0 / (degree + 1), 1e-12) << n;
    for (size_t i = 1; i < q.alphas.size(); ++i) EXPECT_LT(q.alphas[i - 1], q.alphas[i]);
  }
}

TEST(Quadrature, RiemannRulesPlaceTheirPointsAsCaptumDoes) {
  Quadrature left = quadrature(IgRule::kRiemannLeft, 4), right = quadrature(IgRule::kRiemannRight, 4),
             middle = quadrature(IgRule::kRiemannMiddle, 4), trapezoid = quadrature(IgRule::kRiemannTrapezoid, 5);
  EXPECT_EQ(left.alphas, (std::vector<double>{0, 0.25, 0.5, 0.75}));
  EXPECT_EQ(right.alphas, (std::vector<double>{0.25, 0.5, 0.75, 1}));
  EXPECT_EQ(middle.alphas, (std::vector<double>{0.125, 0.375, 0.625, 0.875}));
  EXPECT_EQ(left.weights, (std::vector<double>(4, 0.25)));
  EXPECT_EQ(trapezoid.alphas, (std::vector<double>{0, 0.25, 0.5, 0.75, 1}));
  EXPECT_EQ(trapezoid.weights, (std::vector<double>{0.125, 0.25, 0.25, 0.25, 0.125}));
}

TEST(Quadrature, TooFewOrTooManyStepsAndUnknownNamesAreUsageErrors) {
  EXPECT_THROW(quadrature(IgRule::kGaussLegendre, 0), Error);
  EXPECT_THROW(quadrature(IgRule::kRiemannTrapezoid, 1), Error);
  // 2,000,000,000 steps once ran out of memory (and Gauss-Legendre would take days to place them).
  EXPECT_EQ(quadrature(IgRule::kRiemannLeft, kMaxIgSteps).alphas.size(), static_cast<size_t>(kMaxIgSteps));
  EXPECT_THROW(quadrature(IgRule::kGaussLegendre, kMaxIgSteps + 1), Error);
  EXPECT_THROW(quadrature(IgRule::kRiemannLeft, 2000000000), Error);
  EXPECT_EQ(parse_ig_rule("riemann_middle"), IgRule::kRiemannMiddle);
  EXPECT_EQ(parse_ig_baseline("mask"), IgBaseline::kMask);
  try {
    parse_ig_rule("simpson");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.category(), ErrorCategory::kUsage);
    EXPECT_NE(std::string(e.what()).find("gausslegendre"), std::string::npos);
  }
}

TEST(Quadrature, CompletenessGapIsAbsoluteAndRelative) {
  IgResult r;
  r.f_input = 2.0, r.f_baseline = 0.5, r.attribution_sum = 1.47;
  EXPECT_NEAR(r.completeness_gap(), 0.03, 1e-12);
  EXPECT_NEAR(r.relative_completeness_gap(), 0.02, 1e-12);
}

}  // namespace
}  // namespace attnmap
