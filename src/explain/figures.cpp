#include "explain/figures.h"

#include "attnmap/figure.h"

namespace attnmap::explain {

std::string prediction_text(const RunResult& run) {
  if (run.probabilities.empty()) return "";
  return run.predicted_label + " (p = " + format_number(run.probabilities[run.predicted], ".2f") + ")";
}

std::string model_and_prediction(const std::string& model, const RunResult& run) {
  const std::string prediction = prediction_text(run);
  return prediction.empty() ? model : model + " → " + prediction;
}

std::string quoted(const std::string& text) { return "\"" + text + "\""; }

PanelFigure compare_recipe(ComparedView left, ComparedView right, const std::string& view, const std::string& subtitle) {
  // Each panel's title carries its model's prediction: that is what the comparison is about.
  left.figure.title = model_and_prediction(left.model, *left.run) + " · " + left.description;
  right.figure.title = model_and_prediction(right.model, *right.run) + " · " + right.description;
  PanelFigure both = compare_figure(left.figure, right.figure);
  both.title = left.model + " vs " + right.model + " · " + view;
  both.subtitle = subtitle;
  both.metadata = left.figure.metadata;
  both.metadata.model = left.model + "," + right.model;
  both.metadata.view = "compare:" + view;
  return both;
}

}  // namespace attnmap::explain
