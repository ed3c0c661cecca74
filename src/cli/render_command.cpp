// attnmap render: one sentence in, one attention heatmap out.
#include <cctype>
#include <iostream>
#include <memory>

#include "attnmap/bundle.h"
#include "attnmap/error.h"
#include "attnmap/figure.h"
#include "attnmap/files.h"
#include "attnmap/model.h"
#include "attnmap/png.h"
#include "attnmap/tokenizer.h"
#include "attnmap/version.h"
#include "attnmap/views.h"
#include "cli/commands.h"
#include "cli/options.h"

namespace attnmap::cli {
namespace {

constexpr const char* kRenderHelp = R"(Draw the attention of one layer as a heatmap.

Rows are queries (the token attending, "from"); columns are keys (the token attended to, "to");
each row sums to 1. By default the figure shows the mean over all heads of the last layer: the
mean is a summary that can hide a single sharp head, so look at --head N too. Layers and heads
count from 0; negative numbers count from the end (-1 = last).

Large inputs: cells shrink with the number of tokens (down to 3 px), tick labels shrink to 7 px
and then only every k-th label is drawn; numbers in cells (--annotate auto) appear only while
they fit.)";

struct RenderOptions {
  ModelOptions model;
  std::string text, text_file, output, head = "mean", cmap = "viridis", annotate = "auto", fmt = ".2f";
  std::string source;  // positional: the text, or "-" for standard input
  long layer = -1;
  double scale = 1.0;
  std::optional<double> vmin, vmax;
  int max_length = 0;
  bool no_truncate = false;
};

// "The movie was not bad!" -> "the-movie-was-not-bad.png"
std::string default_output_name(const std::string& text) {
  std::string slug;
  for (unsigned char c : text) {
    if (std::isalnum(c)) slug.push_back(static_cast<char>(std::tolower(c)));
    else if (!slug.empty() && slug.back() != '-') slug.push_back('-');
    if (slug.size() >= 40) break;
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  return (slug.empty() ? "attention" : slug) + ".png";
}

Annotate parse_annotate(const std::string& s) {
  if (s == "on") return Annotate::kOn;
  if (s == "off") return Annotate::kOff;
  return Annotate::kAuto;
}

std::string fixed(double v, int decimals) { return format_number(v, "." + std::to_string(decimals) + "f"); }

void run_render(const RenderOptions& o) {
  if (!o.text.empty() && !o.source.empty())
    throw Error::usage("give the text once: as --text or as an argument, not both");
  const bool from_stdin = o.source == "-";
  std::string text = read_text(from_stdin ? "" : o.text.empty() ? o.source : o.text, o.text_file, from_stdin);
  std::string output = o.output.empty() ? default_output_name(text) : o.output;
  if (output != "-" && std::filesystem::path(output).extension() != ".png")
    throw Error::usage("only PNG output is supported so far: name the output *.png", output);
  Bundle bundle = open_bundle(o.model);
  const Manifest& manifest = bundle.manifest;
  Tokenizer tokenizer = Tokenizer::from_file(bundle.directory / manifest.tokenizer_file);

  EncodeOptions encode_options;
  encode_options.max_length = static_cast<size_t>(o.max_length > 0 ? o.max_length : manifest.max_length);
  encode_options.truncate = !o.no_truncate;
  Encoding encoding = tokenizer.encode(text, encode_options);
  if (encoding.truncated)
    std::cerr << "attnmap: warning: text truncated to " << encoding.size() << " tokens (the model's maximum)\n";

  ModelRunner runner(bundle, {o.model.device, o.model.threads});
  RunResult result = runner.run(encoding);

  const size_t layer = resolve_index(o.layer, result.attention.layers, "layer");
  HeatmapFigure figure;
  std::string head_text;
  if (o.head == "mean" || o.head == "max") {
    figure.matrix = reduce_heads(result.attention, layer, o.head == "mean" ? HeadReduction::kMean : HeadReduction::kMax);
    head_text = o.head + " over " + std::to_string(result.attention.heads) + " heads";
  } else {
    long head = 0;
    try {
      head = std::stol(o.head);
    } catch (const std::exception&) {
      throw Error::usage("--head must be a head number, mean or max, not '" + o.head + "'", "--head");
    }
    figure.matrix = head_matrix(result.attention, layer, resolve_index(head, result.attention.heads, "head"));
    head_text = "head " + std::to_string(resolve_index(head, result.attention.heads, "head"));
  }
  label_axes(figure.matrix, encoding.tokens);
  figure.title = manifest.name + " · layer " + std::to_string(layer) + " of 0.." +
                 std::to_string(result.attention.layers - 1) + " · " + head_text;
  figure.subtitle = "\"" + text + "\"";
  if (!result.probabilities.empty())
    figure.subtitle += " → " + result.predicted_label + " (p = " + fixed(result.probabilities[result.predicted], 2) + ")";

  FigureStyle style;
  style.colormap = o.cmap;
  style.annotate = parse_annotate(o.annotate);
  style.number_format = o.fmt;
  style.vmin = o.vmin;
  style.vmax = o.vmax;
  style.scale = o.scale;
  Image image = render_heatmap(figure, style);
  PngText meta = {{"Software", std::string("attnmap ") + kVersion},
                  {"Title", figure.title},
                  {"Description", text},
                  {"attnmap:model", manifest.name},
                  {"attnmap:view", "matrix"},
                  {"attnmap:layer", std::to_string(layer)},
                  {"attnmap:head", o.head}};
  write_file_atomic(output, encode_png(image, meta));
  if (output != "-") std::cout << output << "\n";
}

}  // namespace

Command add_render_command(CLI::App& app) {
  auto o = std::make_shared<RenderOptions>();
  CLI::App* cmd = app.add_subcommand("render", "Draw a heatmap of the attention of one layer");
  cmd->footer(kRenderHelp);
  add_model_options(*cmd, o->model);
  cmd->add_option("--text,-t", o->text, "The text to run");
  cmd->add_option("--text-file", o->text_file, "Read the text from a file");
  cmd->add_option("source", o->source, "The text itself, or - to read it from standard input");
  cmd->add_option("--output,-o", o->output, "Output PNG (default: a name made from the text; - for stdout)");
  cmd->add_option("--layer", o->layer, "Layer, 0-based; negative counts from the end")->capture_default_str();
  cmd->add_option("--head", o->head, "Head number, or mean / max over heads")->capture_default_str();
  cmd->add_option("--cmap", o->cmap, "Colormap: viridis magma inferno plasma cividis YlGnBu Blues Greys RdBu RdBu_r")
      ->capture_default_str();
  cmd->add_option("--annotate", o->annotate, "Numbers in cells: auto (when they fit), on, off")
      ->check(CLI::IsMember({"auto", "on", "off"}))->capture_default_str();
  cmd->add_option("--fmt", o->fmt, "Number format in cells: .2f .3f .1e .0%")->capture_default_str();
  cmd->add_option("--vmin", o->vmin, "Value at the low end of the colour scale (default: data minimum)");
  cmd->add_option("--vmax", o->vmax, "Value at the high end of the colour scale (default: data maximum)");
  cmd->add_option("--scale", o->scale, "Size multiplier: 2 gives a 2x image for print")->capture_default_str();
  cmd->add_option("--max-length", o->max_length, "Truncate to this many tokens (default: the model's maximum)")
      ->check(CLI::PositiveNumber);
  cmd->add_flag("--no-truncate", o->no_truncate, "Refuse a text longer than the maximum instead of truncating it");
  return [o] { run_render(*o); };
}

}  // namespace attnmap::cli
