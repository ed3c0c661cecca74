#pragma once
// Options every figure-writing subcommand shares: colours, numbers, size, font, output file.
#include <CLI/CLI.hpp>

#include <optional>
#include <string>

#include "attnmap/figure.h"

namespace attnmap::cli {

struct FigureOptions {
  std::string output, cmap, annotate = "auto", fmt = ".2f", font, format;
  std::optional<double> vmin, vmax;
  double scale = 1.0;
  int label_rotation = 90;
};

// `default_cmap`: viridis for attention, RdBu_r for signed saliency.
void add_figure_options(CLI::App& app, FigureOptions& options, const std::string& default_cmap);

FigureStyle figure_style(const FigureOptions& options);

// -o, else a name made from the text: "The movie was not bad!" -> "the-movie-was-not-bad.png".
std::string output_path(const FigureOptions& options, const std::string& text, const std::string& suffix = "");

// Checks the output name's extension (Error::usage), its location and the --font file (Error::io)
// before any work is done.
void check_output(const std::string& path, const FigureOptions& options);

// Writes any figure kind by the output's extension ("-": stdout, --format or PNG), and prints the
// path written on stdout.
template <typename Figure>
void write_output(const std::string& path, const Figure& figure, const FigureOptions& options);

}  // namespace attnmap::cli
