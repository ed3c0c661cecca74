// The views drawn as several panels or rows rather than one matrix: the recipes draw them
// (explain/figures.h); the registry names them, says what they need and documents them.
#include "explain/methods.h"

namespace attnmap::explain {

Method grid_method() {
  Method m{"grid", {}, "every layer x every head on one colour scale (\"model view\")", Shape::kPanels};
  return m;
}

Method heads_method() {
  Method m{"heads", {}, "the heads of one layer side by side", Shape::kPanels};
  m.in_batch = false;
  return m;
}

Method saliency_strip_method() {
  Method m{"saliency", {}, "ig, gradattn and rollout for the predicted class as a token strip", Shape::kStrip};
  m.needs = kGradients | kForwardPasses;
  m.in_render = false;
  return m;
}

Method faithfulness_method() {
  Method m{"faithfulness", {},
           "comprehensiveness and sufficiency of every saliency method on the example (as `faithfulness` measures them)",
           Shape::kCurves};
  m.needs = kGradients | kForwardPasses;
  m.in_render = false;
  return m;
}

Method explorer_page_method() {
  Method m{"explorer", {}, "the interactive page of every view and method (as render -o page.html writes it)", Shape::kPage};
  m.needs = kGradients | kForwardPasses | kValueVectors | kDecomposition;
  m.in_render = false;  // render writes it for an -o ending in .html
  return m;
}

}  // namespace attnmap::explain
