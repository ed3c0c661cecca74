#include "cli/figure_options.h"

#include <cctype>
#include <filesystem>
#include <iostream>

#include "attnmap/error.h"
#include "attnmap/figure_output.h"
#include "attnmap/panels.h"
#include "attnmap/strip.h"
#include "cli/options.h"

namespace attnmap::cli {
namespace {

Annotate parse_annotate(const std::string& s) {
  if (s == "on") return Annotate::kOn;
  if (s == "off") return Annotate::kOff;
  return Annotate::kAuto;
}

ImageFormat stdout_format(const FigureOptions& o) { return o.format == "svg" ? ImageFormat::kSvg : ImageFormat::kPng; }

}  // namespace

void add_figure_options(CLI::App& app, FigureOptions& o, const std::string& default_cmap) {
  o.cmap = default_cmap;
  app.add_option("--output,-o", o.output, "Output .png or .svg (default: a name made from the text; - for stdout)");
  app.add_option("--format", o.format, "Image format when writing to stdout (-o -)")
      ->check(CLI::IsMember({"png", "svg"}));
  app.add_option("--cmap", o.cmap, "Colormap: viridis magma inferno plasma cividis YlGnBu Blues Greys RdBu RdBu_r")
      ->capture_default_str();
  app.add_option("--annotate", o.annotate, "Numbers in cells: auto (when they fit), on, off")
      ->check(CLI::IsMember({"auto", "on", "off"}))->capture_default_str();
  app.add_option("--fmt", o.fmt, "Number format in cells: .2f .3f .1e .0%")->capture_default_str();
  app.add_option("--vmin", o.vmin, "Value at the low end of the colour scale (default: data minimum)");
  app.add_option("--vmax", o.vmax, "Value at the high end of the colour scale (default: data maximum)");
  app.add_option("--scale", o.scale, "Size multiplier: 2 gives a 2x image for print")->capture_default_str()
      ->check(CLI::Range(0.25, 8.0));
  app.add_option("--font", o.font, "A TrueType/OpenType font file for the labels (default: DejaVu Sans)");
  app.add_option("--label-rotation", o.label_rotation, "Column labels turned by 90 or 45 degrees")
      ->check(CLI::IsMember({45, 90}))->capture_default_str();
}

FigureStyle figure_style(const FigureOptions& o) {
  FigureStyle style;
  style.colormap = o.cmap;
  style.annotate = parse_annotate(o.annotate);
  style.number_format = o.fmt;
  style.vmin = o.vmin;
  style.vmax = o.vmax;
  style.scale = o.scale;
  style.font_path = o.font;
  style.label_rotation = o.label_rotation;
  format_number(0.5, o.fmt);  // a bad --fmt fails now, not after the model ran
  return style;
}

std::string output_path(const FigureOptions& o, const std::string& text, const std::string& suffix) {
  if (!o.output.empty()) return o.output;
  std::string slug;
  for (unsigned char c : text) {
    if (std::isalnum(c)) slug.push_back(static_cast<char>(std::tolower(c)));
    else if (!slug.empty() && slug.back() != '-') slug.push_back('-');
    if (slug.size() >= 40) break;
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  return (slug.empty() ? "attention" : slug) + suffix + ".png";
}

void check_output(const std::string& path, const FigureOptions& o) {
  image_format_for(path, stdout_format(o));
  check_output_location(path);
  std::error_code ec;
  if (!o.font.empty() && !std::filesystem::is_regular_file(o.font, ec))
    throw Error::io("font file not found", o.font);
}

template <typename Figure>
void write_output(const std::string& path, const Figure& figure, const FigureOptions& o) {
  write_figure(path, figure, figure_style(o), stdout_format(o));
  if (path != "-") std::cout << path << "\n";
}

template void write_output<HeatmapFigure>(const std::string&, const HeatmapFigure&, const FigureOptions&);
template void write_output<PanelFigure>(const std::string&, const PanelFigure&, const FigureOptions&);
template void write_output<StripFigure>(const std::string&, const StripFigure&, const FigureOptions&);

}  // namespace attnmap::cli
