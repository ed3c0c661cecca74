#pragma once
// Figure recipes that `render`, `saliency` and `batch` share: each view's figure with its title,
// value caption and metadata, so the commands differ only in how they caption the example.
#include <string>
#include <vector>

#include "attnmap/model.h"
#include "attnmap/panels.h"
#include "attnmap/strip.h"
#include "explain/scores.h"
#include "explain/views.h"

namespace attnmap::explain {

// "positive (p = 0.93)"; "" for a model without a classifier head.
std::string prediction_text(const RunResult& run);

// "sentiment-bert → positive (p = 0.93)"; the name alone for a model without a classifier head.
std::string model_and_prediction(const std::string& model, const RunResult& run);

// The text as a subtitle shows it: in double quotes.
std::string quoted(const std::string& text);

// How a figure names its example: the head of its title (the model, e.g. "sentiment-bert", or
// the model and its prediction) and its subtitle (the quoted text, and what the command adds).
struct Caption {
  std::string model;  // the model's name, for the metadata
  std::string title_head;
  std::string subtitle;
};

// One matrix view: "HEAD · DESCRIPTION", the view's value caption, metadata naming `view`.
HeatmapFigure matrix_recipe(const ViewMatrix& v, const std::string& view, const std::string& text, const Caption& c);

// Every layer × every head of `stack`, one shared colour scale.
PanelFigure grid_recipe(const AttentionStack& stack, const std::vector<std::string>& tokens, const std::string& text,
                        const Caption& c);

// The heads of one layer side by side.
PanelFigure heads_recipe(const AttentionStack& stack, size_t layer, const std::vector<std::string>& tokens,
                         const std::string& text, const Caption& c);

// The row of query token `query` of a row view (`row`: 1 × T) as a strip.
StripFigure row_recipe(const Matrix& row, const ViewMatrix& v, const std::string& query, const std::string& text,
                       const Caption& c);

// The saliency strip for class `target_label`, one row per method; `methods` names them in the
// metadata as asked ("ig,gradattn,rollout", "all").
StripFigure saliency_recipe(const Saliency& saliency, const std::vector<std::string>& tokens,
                            const std::string& target_label, const std::string& methods, const std::string& text,
                            const Caption& c);

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
