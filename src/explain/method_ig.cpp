// ig: Integrated Gradients (Sundararajan et al. 2017) on the word embeddings, for one class.
#include "explain/methods.h"

namespace attnmap::explain {

Method ig_method() {
  Method m{"ig", {}, "Integrated Gradients on the word embeddings (signed; adds up to F(input) - F(baseline))",
           Shape::kScores};
  m.needs = kGradients | kForwardPasses;
  m.explains_class = true;
  m.in_render = m.in_batch = false;
  m.scores = [](const Subject& s, const IgOptions& ig) {
    IgResult r = s.model().integrated_gradients(s.example.encoding, ig);
    nlohmann::json parameters = {{"steps", ig.steps},
                                 {"rule", to_string(ig.rule)},
                                 {"baseline", to_string(ig.baseline)},
                                 {"output", ig.output == IgOutput::kProbability ? "probability" : "logit"}};
    return MethodScores{"ig", r.attributions, r.target, r, std::move(parameters)};
  };
  return m;
}

}  // namespace attnmap::explain
