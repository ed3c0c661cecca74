// attnmap saliency: which tokens a prediction rests on, by Integrated Gradients and the
// attention-based saliency methods, as a token strip (one row per method) and/or JSON.
#include <cmath>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "attnmap/figure.h"
#include "attnmap/figure_output.h"
#include "attnmap/integrated_gradients.h"
#include "attnmap/strip.h"
#include "cli/commands.h"
#include "cli/figure_options.h"
#include "cli/ig_options.h"
#include "cli/input.h"
#include "cli/json_output.h"
#include "cli/options.h"
#include "explain/figures.h"
#include "explain/registry.h"

namespace attnmap::cli {
namespace {

constexpr const char* kSaliencyHelp = R"(Saliency: how much each token matters for one class (default: the predicted one).

Methods (--method, comma-separated, or all):
  ig        Integrated Gradients (Sundararajan et al. 2017) on the word embeddings: the gradient
            of the class's logit averaged along the path from a baseline input (--baseline pad,
            zero or mask; special tokens are kept) to the real one, times (input - baseline),
            summed over the hidden dimension. --steps points of --rule (Gauss-Legendre by
            default, as Captum). The attributions add up to F(input) - F(baseline); the gap is
            reported and shrinks with more steps.
  gradattn  the [CLS] row of gradient-weighted attention rollout (Chefer et al. 2021).
  rollout   the [CLS] row of attention rollout (Abnar & Zuidema 2020).
  flow      the [CLS] row of attention flow (max-flow through the layers; at most 128 tokens).
  valuenorm the [CLS] row of the last layer's value-norm attention ||sum_h alpha f_h(x)||
            (Kobayashi et al. 2020).
  alti      the [CLS] row of ALTI rolled out (Ferrando et al. 2022): per layer, each token's share
            of the attention block's output, L1 distances after LayerNorm linearised; rows sum to 1.
  globenc   the [CLS] row of GlobEnc (Modarressi et al. 2022): norms of each token's part through
            both LayerNorms, the raw per-layer norms chained, the row normalised.
  valuezeroing the [CLS] row of value zeroing rolled out (Mohebbi et al. 2023): 1 - cos between
            a token's layer output with and without another token's value vector.
  decompx   DecompX (Modarressi et al. 2023): the class's logit decomposed into one signed part per
            token through every layer and the classifier head; the parts add up to the logit.
  gradnorm  ||d logit / d e|| at each token's word embedding e (unsigned).
  gradxinput  Gradient x Input: e . d logit / d e at the word embeddings (signed).
  attnlrp   AttnLRP (Achtibat et al. 2024): LRP's rules for attention (uniform), softmax,
            LayerNorm (std held) and activations (identity), relevance of each token's whole input
            (word + position + type embedding). Signed; the biases keep a share of the logit.
  cplrp     CP-LRP (Ali et al. 2022): the same with the attention weights held instead of the
            uniform rule; with zero biases the relevances add up to the logit exactly.
  loo       leave-one-out: p(class | x) - p(class | x with the token deleted); specials score 0.

IG values are signed: positive tokens push towards the class, negative ones away. They are drawn
on a diverging scale centred on zero and scaled by the largest absolute value for colour only;
the numbers printed are the raw attributions. Normalising them to sum to 1 would be wrong: with
both signs present the sum can be near zero, and dividing by it blows values up and flips signs.

--json prints tokens, each method's values, the target, F(input), F(baseline), the completeness
gap and the parameters to stdout (then a figure is written only when -o is given).)";

struct SaliencyOptions {
  ModelOptions model;
  InputOptions input;
  FigureOptions figure;
  IgCliOptions ig;
  std::string methods = "ig", target;
  int batch_size = 0;
  bool json = false;
};

void run_saliency(const SaliencyOptions& o) {
  std::vector<const explain::Method*> methods =
      explain::find_methods(o.methods, explain::saliency_method, "--method", "saliency method");
  figure_style(o.figure);
  IgOptions ig = ig_options(o.ig);
  ig.batch_size = o.batch_size;

  Example example = read_input(o.input);
  const bool figure_wanted = !o.json || !o.figure.output.empty();
  const std::string output = output_path(o.figure, example.text, "-saliency");
  if (figure_wanted) check_output(output, o.figure);
  explain::LoadedModel model = explain::load_model(o.model);
  methods = explain::available_methods(std::move(methods), model.manifest(), o.methods == "all", "--method");
  explain::encode_example(example, o.input.encoding, model.tokenizer(), model.manifest());
  RunResult run = model.runner().run(example.encoding);
  ig.target = explain::parse_target(o.target, model.manifest());
  if (auto id = explain::mask_token_id(model.tokenizer())) ig.mask_id = *id;

  const explain::Saliency saliency = explain::compute_saliency(methods, {&model.runner(), example, run}, ig);
  for (const explain::MethodScores& m : saliency.methods) {
    if (!m.ig) continue;
    std::cerr << "attnmap: IG completeness: sum " << m.ig->attribution_sum << " vs F(x) - F(b) = "
              << m.ig->f_input - m.ig->f_baseline << " (gap " << 100 * m.ig->relative_completeness_gap() << "%)\n";
  }
  const Manifest& manifest = model.manifest();
  const size_t target = saliency.target;
  const std::string target_label = target < manifest.labels.size() ? manifest.labels[target] : std::to_string(target);
  if (o.json) {
    nlohmann::json json = {{"model", manifest.name}, {"text", example.text}};
    json["encoding"] = encoding_json(example.encoding);
    json["prediction"] = prediction_json(run, manifest);
    json["target"] = {{"id", target}, {"label", target_label}};
    json["methods"] = explain::to_json(saliency);
    std::cout << dump_json(json, 2) << "\n";
  }
  if (!figure_wanted) return;

  std::string subtitle = explain::quoted(example.text);
  if (!run.probabilities.empty()) subtitle += " → " + explain::prediction_text(run);
  const StripFigure figure = explain::saliency_recipe(saliency, example.labels, target_label, o.methods, example.text,
                                                      {manifest.name, manifest.name, subtitle});
  if (o.json) {
    write_figure(output, figure, figure_style(o.figure));
  } else {
    write_output(output, figure, o.figure);
  }
}

}  // namespace

Command add_saliency_command(CLI::App& app) {
  auto o = std::make_shared<SaliencyOptions>();
  CLI::App* cmd = app.add_subcommand("saliency", "Which tokens a prediction rests on: IG, gradient rollout, rollout, flow, value norms");
  cmd->footer(kSaliencyHelp);
  add_model_options(*cmd, o->model);
  add_input_options(*cmd, o->input);
  add_figure_options(*cmd, o->figure, "RdBu_r");
  cmd->add_option("--method", o->methods, explain::method_names(explain::saliency_method) + " (comma-separated), or all")
      ->capture_default_str();
  cmd->add_option("--target", o->target, "Class name or id to explain (default: the predicted class)");
  add_ig_options(*cmd, o->ig);
  cmd->add_option("--batch-size", o->batch_size, "IG: path points per pass (0: as many as a fixed memory budget allows)")->capture_default_str();
  cmd->add_flag("--json", o->json, "Print tokens, attributions, target and completeness as JSON on stdout");
  return [o] { run_saliency(*o); };
}

}  // namespace attnmap::cli
