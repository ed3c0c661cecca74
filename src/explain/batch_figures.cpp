#include "explain/batch_figures.h"

#include "attnmap/error.h"
#include "attnmap/files.h"
#include "attnmap/figure_output.h"
#include "attnmap/panels.h"
#include "attnmap/strip.h"
#include "attnmap/views.h"
#include "explain/explorer_data.h"
#include "explain/faithfulness_run.h"
#include "explain/faithfulness_summary.h"
#include "explain/figures.h"

namespace attnmap::explain {
namespace {

std::string subtitle(const ModelPart& part, const ExampleContext& c) {
  std::string s = quoted(part.example->text);
  if (!c.gold.empty()) s += " · gold: " + c.gold;
  return s;
}

// A batch figure's title starts with the model and its prediction; its subtitle gives the gold label.
Caption caption(const ModelPart& m, const ExampleContext& c) {
  return {m.model, model_and_prediction(m.model, *m.run), subtitle(m, c)};
}

template <typename Figure>
PendingFigure pending(const std::string& view, const std::string& path, Figure figure, const FigureStyle& style) {
  auto shared = std::make_shared<Figure>(std::move(figure));
  return {view, path, [shared, style](const std::string& full_path) { write_figure(full_path, *shared, style); }};
}

Subject subject(const ModelPart& m) { return {m.runner, *m.example, *m.run}; }

// The views that draw one matrix per model: with two models, one figure with both side by side.
std::vector<PendingFigure> matrix_figures(const Method& method, const std::string& view,
                                          const std::vector<ModelPart>& models, const ExampleContext& c) {
  ViewRequest request;
  request.view = method.name;
  std::vector<ComparedView> figures;
  for (const ModelPart& m : models) {
    const ViewMatrix v = compute_view(method, subject(m), request);
    figures.push_back({m.model, m.run, matrix_recipe(v, view, m.example->text, caption(m, c)), v.description});
  }
  const std::string path = c.folder + "/" + view + c.extension;
  if (figures.size() == 1) return {pending(view, path, std::move(figures[0].figure), c.style)};
  PanelFigure both = compare_recipe(figures[0], figures[1], view, subtitle(models[0], c));
  return {pending(view, path, std::move(both), c.style)};
}

// The faithfulness view: each model's curves on the example, its numbers into `numbers`.
std::vector<PendingFigure> faithfulness_figures(const std::string& view, const std::vector<ModelPart>& models,
                                                const ExampleContext& c,
                                                std::vector<std::map<std::string, batch::FaithfulnessScores>>* numbers) {
  static const std::vector<const Method*> every = find_methods("all", faithfulness_scored, "--views");
  std::vector<PendingFigure> out;
  std::vector<std::map<std::string, batch::FaithfulnessScores>> per_model;
  for (size_t i = 0; i < models.size(); ++i) {
    const ModelPart& m = models[i];
    if (m.runner == nullptr) throw Error::usage("the faithfulness view runs the model again, and this one cannot");
    std::vector<const Method*> methods;  // every saliency method the model has (run_batch said which it has not)
    for (const Method* method : every)
      if (unavailable_reason(*method, m.runner->manifest()).empty()) methods.push_back(method);
    IgOptions ig;
    ig.steps = c.ig_steps;
    const FaithfulnessRecord record =
        measure_faithfulness(*m.runner, *m.example, *m.run, methods, ig, FaithfulnessSettings{}, 32, c.line, "", std::nullopt);
    std::map<std::string, batch::FaithfulnessScores> scores;
    for (const MethodFaithfulness& f : record.result.methods)
      scores[f.method] = {f.curves.aopc_comprehensiveness, f.curves.aopc_sufficiency, f.tau_loo};
    per_model.push_back(std::move(scores));
    CurveFigure f = faithfulness_figure(summarise_faithfulness({record}, m.model, Removal::kDelete, 0));
    const Caption head = caption(m, c);
    f.title = head.title_head + " · faithfulness of each saliency method";
    f.subtitle = head.subtitle;
    f.metadata = {m.model, m.example->text, view, "all", "all"};
    const std::string key = models.size() == 1 ? view : view + " · " + m.model;
    const std::string path = c.folder + "/" + view + (models.size() == 1 ? "" : i == 0 ? "-a" : "-b") + c.extension;
    out.push_back(pending(key, path, std::move(f), c.style));
  }
  if (numbers != nullptr) *numbers = std::move(per_model);
  return out;
}

// The views that draw each model on its own (their token axes or panel grids differ).
std::vector<PendingFigure> per_model_figures(const Method& method, const std::string& view,
                                             const std::vector<ModelPart>& models, const ExampleContext& c) {
  std::vector<PendingFigure> out;
  for (size_t i = 0; i < models.size(); ++i) {
    const ModelPart& m = models[i];
    const std::string key = models.size() == 1 ? view : view + " · " + m.model;
    const std::string path =
        c.folder + "/" + view + (models.size() == 1 ? "" : i == 0 ? "-a" : "-b") + c.extension;
    const std::string& text = m.example->text;
    if (method.shape == Shape::kPanels) {
      out.push_back(pending(key, path, grid_recipe(m.run->attention, m.example->labels, text, caption(m, c)), c.style));
    } else if (method.shape == Shape::kRow) {
      ViewRequest request;
      request.view = method.name;
      const ViewMatrix v = compute_view(method, subject(m), request);
      StripFigure f = row_recipe(token_row(v.matrix, 0), v, v.matrix.row_labels[0], text, caption(m, c));
      out.push_back(pending(key, path, std::move(f), c.style));
    } else {  // the saliency strip: IG, gradient-weighted rollout and rollout for the predicted class
      IgOptions ig;
      ig.steps = c.ig_steps;
      static const char* const kMethods = "ig,gradattn,rollout";
      static const std::vector<const Method*> methods = find_methods(kMethods, saliency_method, "--views");
      StripFigure f = saliency_recipe(compute_saliency(methods, subject(m), ig), m.example->labels,
                                      m.run->predicted_label, kMethods, text, caption(m, c));
      FigureStyle style = c.style;
      style.colormap = "RdBu_r";
      out.push_back(pending(key, path, std::move(f), style));
    }
  }
  return out;
}

// The explorer page: every view and method of each model (two: side by side in one page).
std::vector<PendingFigure> explorer_figures(const std::string& view, const std::vector<ModelPart>& models,
                                            const ExampleContext& c) {
  explorer::Page page;
  page.text = models.at(0).example->text;
  page.pair = models.at(0).example->pair;
  page.colormap = c.style.colormap;
  for (const ModelPart& m : models) {
    if (m.runner == nullptr) throw Error::usage("the explorer view runs the model again, and this one cannot");
    std::string left_out;
    const size_t tokens = m.example->encoding.size();
    const std::vector<const Method*> methods = explorer_methods("", m.runner->manifest(), tokens, left_out);
    IgOptions ig;
    ig.steps = c.ig_steps;
    page.models.push_back(explorer_model(*m.runner, m.model, *m.example, *m.run, methods, ig));
    if (!left_out.empty()) page.models.back().notes.push_back(slow_methods_note(left_out, tokens));
  }
  auto html = std::make_shared<std::string>(explorer::explorer_html(page));
  return {{view, c.folder + "/" + view + ".html", [html](const std::string& full_path) { write_file_atomic(full_path, *html); }}};
}

}  // namespace

std::vector<const Method*> split_views(const std::string& list) {
  return find_methods(list, batch_view, "--views", "view");
}

std::vector<PendingFigure> example_figures(const Method& method, const std::vector<ModelPart>& models,
                                           const ExampleContext& c,
                                           std::vector<std::map<std::string, batch::FaithfulnessScores>>* faithfulness) {
  const std::string& view = method.name;
  if (method.shape == Shape::kCurves) return faithfulness_figures(view, models, c, faithfulness);
  if (method.shape == Shape::kPage) return explorer_figures(view, models, c);
  if (method.shape == Shape::kMatrix) return matrix_figures(method, view, models, c);
  return per_model_figures(method, view, models, c);
}

}  // namespace attnmap::explain
