#include "cli/ig_options.h"

namespace attnmap::cli {

void add_ig_options(CLI::App& app, IgCliOptions& o) {
  app.add_option("--steps", o.steps, "IG: points on the path")->capture_default_str();
  app.add_option("--baseline", o.baseline, "IG: pad, zero or mask")->capture_default_str();
  app.add_option("--rule", o.rule, "IG: gausslegendre, riemann_left, riemann_right, riemann_middle, riemann_trapezoid")
      ->capture_default_str();
  app.add_option("--of", o.output_kind, "IG: differentiate the class's logit or its probability")
      ->check(CLI::IsMember({"logit", "probability"}))
      ->capture_default_str();
}

IgOptions ig_options(const IgCliOptions& o) {
  IgOptions ig;
  ig.steps = o.steps;
  ig.rule = parse_ig_rule(o.rule);
  ig.baseline = parse_ig_baseline(o.baseline);
  ig.output = o.output_kind == "probability" ? IgOutput::kProbability : IgOutput::kLogit;
  quadrature(ig.rule, ig.steps);  // bad --steps fail before the model loads
  return ig;
}

}  // namespace attnmap::cli
