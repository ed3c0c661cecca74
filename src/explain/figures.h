#pragma once
// Figure recipes that `render` and `batch` share: what a figure's titles say about the model and
// its prediction, and two models' heatmaps side by side.
#include <string>

#include "attnmap/model.h"
#include "attnmap/panels.h"

namespace attnmap::explain {

// "positive (p = 0.93)"; "" for a model without a classifier head.
std::string prediction_text(const RunResult& run);

// "sentiment-bert → positive (p = 0.93)"; the name alone for a model without a classifier head.
std::string model_and_prediction(const std::string& model, const RunResult& run);

// The text as a subtitle shows it: in double quotes.
std::string quoted(const std::string& text);

// One model's heatmap in a comparison.
struct ComparedView {
  std::string model;
  const RunResult* run = nullptr;
  HeatmapFigure figure;  // matrix, value caption and metadata set; titles are the recipe's
  std::string description;
};

// Two models' views of one text side by side on one colour scale: each panel titled with its
// model, prediction and view, the figure "A vs B · VIEW", metadata "compare:VIEW".
PanelFigure compare_recipe(ComparedView left, ComparedView right, const std::string& view, const std::string& subtitle);

}  // namespace attnmap::explain
