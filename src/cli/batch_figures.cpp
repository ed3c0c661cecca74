#include "cli/batch_figures.h"

#include <algorithm>

#include "attnmap/error.h"
#include "attnmap/figure_output.h"
#include "attnmap/panels.h"
#include "attnmap/strip.h"
#include "attnmap/views.h"
#include "cli/attention_view.h"
#include "cli/salience_methods.h"

namespace attnmap::cli {
namespace {

const std::vector<std::string> kViews = {"mean", "grid", "cls", "rollout", "flow", "gradattn", "valuenorm", "saliency"};

std::string prediction_text(const RunResult& run) {
  if (run.probabilities.empty()) return "";
  return run.predicted_label + " (p = " + format_number(run.probabilities[run.predicted], ".2f") + ")";
}

std::string subtitle(const ModelPart& part, const ExampleContext& c) {
  std::string s = "\"" + part.input->text + "\"";
  if (!c.gold.empty()) s += " · gold: " + c.gold;
  return s;
}

template <typename Figure>
PendingFigure pending(const std::string& view, const std::string& path, Figure figure, const FigureStyle& style) {
  auto shared = std::make_shared<Figure>(std::move(figure));
  return {view, path, [shared, style](const std::string& full_path) { write_figure(full_path, *shared, style); }};
}

// The views that draw one matrix per model: with two models, one figure with both side by side.
std::vector<PendingFigure> matrix_figures(const std::string& view, const std::vector<ModelPart>& models,
                                          const ExampleContext& c) {
  ViewRequest request;
  request.view = view == "mean" ? "matrix" : view;
  std::vector<HeatmapFigure> figures;
  for (const ModelPart& m : models) {
    ViewMatrix v = compute_view(*m.runner, *m.input, *m.run, request);
    HeatmapFigure f;
    f.matrix = std::move(v.matrix);
    f.title = m.model + " → " + prediction_text(*m.run) + " · " + v.description;
    f.subtitle = subtitle(m, c);
    f.value_caption = v.value_caption;
    f.metadata = {m.model, m.input->text, view, v.layer_text, v.head_text};
    figures.push_back(std::move(f));
  }
  const std::string path = c.folder + "/" + view + c.extension;
  if (figures.size() == 1) return {pending(view, path, std::move(figures[0]), c.style)};
  PanelFigure both = compare_figure(figures[0], figures[1]);
  both.title = models[0].model + " vs " + models[1].model + " · " + view;
  both.subtitle = subtitle(models[0], c);
  both.metadata = figures[0].metadata;
  both.metadata.model = models[0].model + "," + models[1].model;
  both.metadata.view = "compare:" + view;
  return {pending(view, path, std::move(both), c.style)};
}

// The views that draw each model on its own (their token axes or panel grids differ).
std::vector<PendingFigure> per_model_figures(const std::string& view, const std::vector<ModelPart>& models,
                                             const ExampleContext& c) {
  std::vector<PendingFigure> out;
  for (size_t i = 0; i < models.size(); ++i) {
    const ModelPart& m = models[i];
    const std::string key = models.size() == 1 ? view : view + " · " + m.model;
    const std::string path =
        c.folder + "/" + view + (models.size() == 1 ? "" : i == 0 ? "-a" : "-b") + c.extension;
    const std::string title_head = m.model + " → " + prediction_text(*m.run);
    if (view == "grid") {
      PanelFigure f = model_view_figure(m.run->attention, m.input->labels);
      f.title = title_head + " · every layer × every head";
      f.subtitle = subtitle(m, c);
      f.metadata = {m.model, m.input->text, "grid", "all", "all"};
      out.push_back(pending(key, path, std::move(f), c.style));
    } else if (view == "cls") {
      ViewRequest request;
      request.view = "cls";
      ViewMatrix v = compute_view(*m.runner, *m.input, *m.run, request);
      StripFigure f = attention_row_strip(token_row(v.matrix, 0), 0);
      f.title = title_head + " · " + v.description + " · row of " + v.matrix.row_labels[0];
      f.subtitle = subtitle(m, c);
      f.metadata = {m.model, m.input->text, "cls", v.layer_text, v.head_text};
      out.push_back(pending(key, path, std::move(f), c.style));
    } else {  // saliency: IG, gradient-weighted rollout and rollout for the predicted class
      IgOptions ig;
      ig.steps = c.ig_steps;
      Salience s = compute_salience(*m.runner, *m.input, *m.run, {"ig", "gradattn", "rollout"}, ig);
      StripFigure f = salience_figure(s, m.input->labels);
      f.title = title_head + " · salience for '" + m.run->predicted_label + "'";
      f.subtitle = subtitle(m, c);
      f.metadata = {m.model, m.input->text, "saliency:ig,gradattn,rollout", "all", "all"};
      FigureStyle style = c.style;
      style.colormap = "RdBu_r";
      out.push_back(pending(key, path, std::move(f), style));
    }
  }
  return out;
}

}  // namespace

std::vector<std::string> split_views(const std::string& list) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t comma = list.find(',', start);
    std::string v = list.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (std::find(kViews.begin(), kViews.end(), v) == kViews.end())
      throw Error::usage("unknown view '" + v + "' (" + batch_views_help() + ")", "--views");
    if (std::find(out.begin(), out.end(), v) == out.end()) out.push_back(v);
    if (comma == std::string::npos) return out;
    start = comma + 1;
  }
}

const char* batch_views_help() { return "mean, grid, cls, rollout, flow, gradattn, valuenorm, saliency"; }

std::vector<PendingFigure> example_figures(const std::string& view, const std::vector<ModelPart>& models,
                                           const ExampleContext& c) {
  if (view == "grid" || view == "cls" || view == "saliency") return per_model_figures(view, models, c);
  return matrix_figures(view, models, c);
}

}  // namespace attnmap::cli
