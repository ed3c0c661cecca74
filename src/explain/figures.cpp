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

HeatmapFigure matrix_recipe(const ViewMatrix& v, const std::string& view, const std::string& text, const Caption& c) {
  HeatmapFigure f;
  f.matrix = v.matrix;
  f.title = c.title_head + " · " + v.description;
  f.subtitle = c.subtitle;
  f.value_caption = v.value_caption;
  f.row_caption = v.row_caption;
  f.col_caption = v.col_caption;
  f.metadata = {c.model, text, view, v.layer_text, v.head_text};
  return f;
}

PanelFigure grid_recipe(const AttentionStack& stack, const std::vector<std::string>& tokens, const std::string& text,
                        const Caption& c) {
  PanelFigure f = model_view_figure(stack, tokens);
  f.title = c.title_head + " · every layer × every head";
  f.subtitle = c.subtitle;
  f.metadata = {c.model, text, "grid", "all", "all"};
  return f;
}

PanelFigure heads_recipe(const AttentionStack& stack, size_t layer, const std::vector<std::string>& tokens,
                         const std::string& text, const Caption& c) {
  PanelFigure f = layer_heads_figure(stack, layer, tokens, 4);
  f.title = c.title_head + " · layer " + std::to_string(layer) + " · every head";
  f.subtitle = c.subtitle;
  f.metadata = {c.model, text, "heads", std::to_string(layer), "all"};
  return f;
}

StripFigure row_recipe(const Matrix& row, const ViewMatrix& v, const std::string& query, const std::string& text,
                       const Caption& c) {
  StripFigure f = attention_row_strip(row, 0);
  f.title = c.title_head + " · " + v.description + " · row of " + query;
  f.subtitle = c.subtitle;
  f.metadata = {c.model, text, "cls", v.layer_text, v.head_text};
  return f;
}

StripFigure saliency_recipe(const Saliency& saliency, const std::vector<std::string>& tokens,
                            const std::string& target_label, const std::string& methods, const std::string& text,
                            const Caption& c) {
  StripFigure f = saliency_figure(saliency, tokens);
  f.title = c.title_head + " · saliency for '" + target_label + "'";
  f.subtitle = c.subtitle;
  f.metadata = {c.model, text, "saliency:" + methods, "all", "all"};
  return f;
}

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
