// attnmap render: one sentence in, one attention figure out (a heatmap, a grid of panels, or a
// token strip), PNG or SVG by the output's extension.
#include <iostream>
#include <memory>

#include "attnmap/colormap.h"
#include "attnmap/error.h"
#include "attnmap/figure.h"
#include "attnmap/files.h"
#include "attnmap/panels.h"
#include "attnmap/strip.h"
#include "attnmap/views.h"
#include "cli/commands.h"
#include "cli/figure_options.h"
#include "cli/input.h"
#include "cli/json_output.h"
#include "cli/options.h"
#include "explain/explorer_data.h"
#include "explain/figures.h"
#include "explain/registry.h"
#include "explorer/page.h"

namespace attnmap::cli {
namespace {

constexpr const char* kRenderHelp = R"(Draw the attention of a model on one text.

Rows are queries (the token attending, "from"); columns are keys (the token attended to, "to");
each row of raw attention sums to 1. Layers and heads count from 0; negative numbers count from
the end (-1 = last).

Views (--view):
  matrix     one layer: one head (--head N), or the mean or max over heads (default: mean of the
             last layer). The mean is a summary that can hide one sharp head; the max shows the
             strongest head per cell but its rows no longer sum to 1.
  grid       every layer x every head, one shared colour scale ("model view").
  heads      the heads of one layer side by side.
  cls        one token's row (--token, default 0: [CLS] / <s>) as a strip, with its top keys.
  rollout    attention rollout (Abnar & Zuidema 2020): heads averaged, the residual added as
             0.5 A + 0.5 I, layers multiplied; how attention mixes tokens through the stack.
  flow       attention flow: max-flow through the same layered graph (at most 64 tokens).
  gradattn   gradient-weighted attention (Chefer et al. 2021): mean over heads of the positive
             part of (d logit / d A) * A for the predicted class (--target): one layer with
             --layer N, or its rollout through every layer (default).
  valuenorm  ||alpha f(x)|| (Kobayashi et al. 2020): attention weighted by the size of what each
             key contributes; one head, or all heads together (--head mean).
  headimportance  layers x heads: |d logit / d xi_h| for a multiplier xi_h on each head's output
             (Michel et al. 2019), the predicted class (--target).
  headweighted  one layer's heads averaged with their importance as weights, not equally.
  alti, globenc, valuezeroing  per layer, how much each token makes up every token's output
             (ALTI: Ferrando et al. 2022; GlobEnc: Modarressi et al. 2022; value zeroing: Mohebbi
             et al. 2023), rolled out through the layers (default; --layer N: 0..N), or one
             layer's own matrix with --layer N..N.

--json prints the view's matrix (labels and values) instead of drawing it.

-o page.html writes the interactive explorer instead of a figure: one self-contained page (no
network, no external file) with a head view, a model view, a matrix view and the token scores,
for every view and saliency method the model supports (--methods to choose), a per-head table,
word and special-token toggles, SVG and PNG export and the command line that prints each view.
--view, --layer and --head say where it opens; the URL's hash keeps the state.

--hide-special drops [CLS]/[SEP]/<s>/</s> rows and columns (the remaining rows then sum to less
than 1: what is hidden still took its share). --merge-subwords joins the pieces of each word:
columns are summed and rows averaged, so rows still sum to 1.

Large inputs: cells shrink with the number of tokens (down to 3 px), tick labels shrink to 7 px
and then only every k-th label is drawn; numbers in cells (--annotate auto) appear only while
they fit.)";

struct RenderOptions {
  ModelOptions model;
  InputOptions input;
  FigureOptions figure;
  explain::ViewRequest view;
  std::string compare;
  std::string target;
  std::string methods;  // the explorer page's views and methods; "": the default set (page_model)
  size_t top_k = 5;
  bool json = false;
};

std::string fixed(double v, int decimals) { return format_number(v, "." + std::to_string(decimals) + "f"); }

// " → positive (p = 0.93)", what a title or subtitle adds about the prediction.
std::string arrow_prediction(const RunResult& run) {
  const std::string p = explain::prediction_text(run);
  return p.empty() ? "" : " → " + p;
}

// A render figure's title starts with the model; its subtitle adds the prediction to the text.
explain::Caption caption(const std::string& model, const Example& example, const RunResult& run,
                         const std::string& more = "") {
  return {model, model, explain::quoted(example.text) + arrow_prediction(run) + more};
}

// One model's part of a figure: its matrix for the requested view, tokens already transformed.
struct ModelView {
  Manifest manifest;
  Example example;
  RunResult run;
  explain::ViewMatrix view;
};

ModelView run_view(const ModelOptions& model_options, const RenderOptions& o, const explain::Method& method,
                   const Example& text) {
  explain::LoadedModel model = explain::load_model(model_options);
  explain::available_methods({&method}, model.manifest(), false, "--view");  // refused with the reason
  ModelView mv{model.manifest(), text, {}, {}};
  explain::encode_example(mv.example, o.input.encoding, model.tokenizer(), model.manifest());
  mv.run = model.runner().run(mv.example.encoding);
  explain::ViewRequest request = o.view;
  request.target = explain::parse_target(o.target, model.manifest());
  mv.view = explain::compute_view(method, {&model.runner(), mv.example, mv.run}, request);
  if (!method.token_axes && (o.view.hide_special || o.view.merge_subwords))
    throw Error::usage("--view " + method.name + " has no token axes to hide or merge",
                       o.view.hide_special ? "--hide-special" : "--merge-subwords");
  if (method.shape != explain::Shape::kRow && method.token_axes)
    mv.view.matrix = explain::apply_token_options(mv.view.matrix, mv.example, o.view);
  return mv;
}

void render_cls(const ModelView& mv, const RenderOptions& o, const std::string& output) {
  const Matrix& m = mv.view.matrix;
  size_t token = resolve_index(o.view.token, m.rows, "token");
  Matrix row = explain::apply_token_options(token_row(m, token), mv.example, o.view);
  std::string top;
  for (const RankedKey& k : top_k(row, o.top_k)) top += (top.empty() ? "" : ", ") + k.label + " " + fixed(k.weight, 2);
  const StripFigure figure = explain::row_recipe(row, mv.view, m.row_labels[token], mv.example.text,
                                                 caption(mv.manifest.name, mv.example, mv.run, " · top: " + top));
  std::cerr << "attnmap: " << m.row_labels[token] << " attends most to: " << top << "\n";
  write_output(output, figure, o.figure);
}

// grid, heads, and matrix --layer all: panels of one model.
void render_panels(const RenderOptions& o, const Example& text, const std::string& output) {
  const std::string& view = o.view.view;
  explain::LoadedModel model = explain::load_model(o.model);
  Example example = text;
  explain::encode_example(example, o.input.encoding, model.tokenizer(), model.manifest());
  RunResult run = model.runner().run(example.encoding);
  if (o.view.hide_special || o.view.merge_subwords)
    throw Error::usage("--hide-special and --merge-subwords apply to single-matrix views, not --view " + view);
  const bool grid = view != "heads";
  const size_t layer = grid ? 0 : explain::single_layer(o.view.layer, run.attention.layers);
  const explain::Caption c = caption(model.name(), example, run);
  const PanelFigure figure = grid ? explain::grid_recipe(run.attention, example.labels, example.text, c)
                                  : explain::heads_recipe(run.attention, layer, example.labels, example.text, c);
  write_output(output, figure, o.figure);
}

// --json: the numbers of a single-matrix view instead of its figure.
void print_view_json(const RenderOptions& o, const explain::Method& method, const Example& text) {
  if (method.shape == explain::Shape::kPanels || o.view.layer == "all")
    throw Error::usage("--json prints one matrix: --view " + method.name + " draws several", "--json");
  if (!o.compare.empty()) throw Error::usage("--json prints one model's matrix: leave out --compare", "--json");
  const ModelView mv = run_view(o.model, o, method, text);
  const Matrix& m = mv.view.matrix;
  nlohmann::json rows = nlohmann::json::array();
  for (size_t r = 0; r < m.rows; ++r) {
    nlohmann::json row = nlohmann::json::array();
    for (size_t c = 0; c < m.cols; ++c) row.push_back(m.at(r, c));
    rows.push_back(std::move(row));
  }
  nlohmann::json j = {{"model", mv.manifest.name},       {"view", method.name},
                      {"description", mv.view.description}, {"value", mv.view.value_caption},
                      {"row_labels", m.row_labels},        {"col_labels", m.col_labels},
                      {"values", std::move(rows)}};
  std::cout << dump_json(j, -1) << "\n";
}

bool is_page(const std::string& path) {
  const auto ends = [&](const char* suffix) {
    const std::string s = suffix;
    return path.size() >= s.size() && path.compare(path.size() - s.size(), s.size(), s) == 0;
  };
  return ends(".html") || ends(".htm");
}

// Where the explorer opens: --view grid is the model view, heads and the default the head view,
// any other view its matrix; --layer and --head as given.
void page_start(explorer::Page& page, const RenderOptions& o, const explain::Method& method) {
  page.initial_tab = method.name == "grid" ? "model" : method.name == "matrix" || method.name == "heads" ? "head" : "matrix";
  page.initial_view = method.shape == explain::Shape::kMatrix && method.token_axes ? method.name : "matrix";
  if (!o.view.layer.empty() && o.view.layer != "all") page.initial_layer = explain::parse_index(o.view.layer, "--layer");
  if (o.view.head == "max") page.initial_head = -2;
  else if (o.view.head != "mean") page.initial_head = explain::parse_index(o.view.head, "--head");
}

explorer::ModelPage page_model(const explain::ModelOptions& options, const RenderOptions& o, const Example& text) {
  explain::LoadedModel model = explain::load_model(options);
  Example example = text;
  explain::encode_example(example, o.input.encoding, model.tokenizer(), model.manifest());
  std::string left_out;
  const std::vector<const explain::Method*> methods =
      explain::explorer_methods(o.methods, model.manifest(), example.encoding.size(), left_out);
  IgOptions ig;
  ig.target = explain::parse_target(o.target, model.manifest());
  if (auto id = explain::mask_token_id(model.tokenizer())) ig.mask_id = *id;
  const RunResult run = model.runner().run(example.encoding);
  explorer::ModelPage page = explain::explorer_model(model.runner(), model.name(), example, run, methods, ig);
  page.model_option = options.model;
  if (!left_out.empty()) page.notes.push_back(explain::slow_methods_note(left_out, example.encoding.size()));
  return page;
}

// -o page.html: the interactive explorer of every view and method, for one model or two.
void render_page(const RenderOptions& o, const Example& text, const std::string& output) {
  if (o.view.hide_special || o.view.merge_subwords)
    throw Error::usage("the explorer page has its own word and special-token toggles: leave out --hide-special and --merge-subwords");
  check_output_location(output);
  Colormap::by_name(o.figure.cmap);  // a bad --cmap fails before the models run
  explorer::Page page;
  page.text = text.text;
  page.pair = text.pair;
  page.colormap = o.figure.cmap;
  page_start(page, o, explain::find_method(o.view.view, explain::render_view, "--view", "view"));
  page.models.push_back(page_model(o.model, o, text));
  if (!o.compare.empty()) page.models.push_back(page_model(explain::other_model(o.model, o.compare), o, text));
  write_file_atomic(output, explorer::explorer_html(page));
  std::cout << output << "\n";
}

void run_render(const RenderOptions& o) {
  const std::string& view = o.view.view;
  figure_style(o.figure);  // bad style options fail before the model runs
  Example text = read_input(o.input);
  if (o.json) {
    print_view_json(o, explain::find_method(view, explain::render_view, "--view", "view"), text);
    return;
  }
  const std::string output = output_path(o.figure, text.text);
  if (is_page(output)) {
    render_page(o, text, output);
    return;
  }
  check_output(output, o.figure);
  const explain::Method& method = explain::find_method(view, explain::render_view, "--view", "view");
  if (method.shape == explain::Shape::kPanels || (method.name == "matrix" && o.view.layer == "all")) {
    render_panels(o, text, output);
    return;
  }
  ModelView left = run_view(o.model, o, method, text);
  if (method.shape == explain::Shape::kRow) {
    render_cls(left, o, output);
    return;
  }
  const HeatmapFigure figure =
      explain::matrix_recipe(left.view, view, left.example.text, caption(left.manifest.name, left.example, left.run));
  if (o.compare.empty()) {
    write_output(output, figure, o.figure);
    return;
  }
  ModelView right = run_view(explain::other_model(o.model, o.compare), o, method, text);
  HeatmapFigure second = figure;
  second.matrix = right.view.matrix;
  PanelFigure both = explain::compare_recipe({left.manifest.name, &left.run, figure, left.view.description},
                                             {right.manifest.name, &right.run, second, right.view.description}, view,
                                             explain::quoted(left.example.text));
  write_output(output, both, o.figure);
}

// Every name --view takes: the registry's render views and their older spellings.
std::vector<std::string> view_names() {
  std::vector<std::string> names;
  for (const explain::Method& m : explain::methods()) {
    if (!explain::render_view(m)) continue;
    names.push_back(m.name);
    names.insert(names.end(), m.aliases.begin(), m.aliases.end());
  }
  return names;
}

}  // namespace

Command add_render_command(CLI::App& app) {
  auto o = std::make_shared<RenderOptions>();
  CLI::App* cmd = app.add_subcommand("render", "Draw the attention of a model on one text (heatmap, grid, strip)");
  cmd->footer(kRenderHelp);
  add_model_options(*cmd, o->model);
  add_input_options(*cmd, o->input);
  add_figure_options(*cmd, o->figure, "viridis");
  cmd->add_option("--view", o->view.view, explain::method_names(explain::render_view))
      ->check(CLI::IsMember(view_names()))
      ->capture_default_str();
  cmd->add_option("--layer", o->view.layer, "Layer, 0-based, negative from the end, or all (default: the view's); views through the layers (rollout, alti, ...) take N (0..N) or A..B");
  cmd->add_option("--head", o->view.head, "Head number, or mean / max over heads")->capture_default_str();
  cmd->add_option("--token", o->view.token, "--view cls: whose row (0: [CLS] / <s>)")->capture_default_str();
  cmd->add_option("--top-k", o->top_k, "--view cls: how many of the most attended keys to list")->capture_default_str();
  cmd->add_option("--target", o->target, "--view gradattn: class name or id (default: the predicted class)");
  cmd->add_flag("--hide-special", o->view.hide_special, "Leave out [CLS], [SEP], <s>, </s> rows and columns");
  cmd->add_flag("--merge-subwords", o->view.merge_subwords, "Join word pieces: sum key columns, average query rows");
  cmd->add_flag("--json", o->json, "Print the view's matrix (labels and values) as JSON instead of drawing it");
  cmd->add_option("--compare", o->compare, "A second model bundle: both side by side on one colour scale");
  cmd->add_option("--methods", o->methods, "-o page.html: the views and methods the page offers, comma-separated, or all ("
                  + explain::method_names(explain::explorer_method) + "); default: all, less alti, globenc, valuezeroing, "
                  "decompx and loo above 128 tokens, where each takes a minute or more");
  return [o] { run_render(*o); };
}

}  // namespace attnmap::cli
