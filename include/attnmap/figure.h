#pragma once
// Heatmap figures: a labelled matrix drawn as coloured cells, with tick labels, optional numbers
// in the cells, a colour bar, a title and axis captions. Rows are queries ("from"), columns are
// keys ("to"); the captions say so.
//
// Layout rules (what --help promises): cells shrink as the matrix grows, from 44 px down to 3 px
// (times --scale); tick labels shrink with the cells down to 7 px, then only every k-th label is
// drawn, k chosen so that labels never overlap; labels longer than 24 characters are cut with
// "…"; numbers in cells ("auto") appear only while they fit in the cell at 7 px or more.
#include <optional>
#include <string>
#include <vector>

#include "attnmap/attention.h"
#include "attnmap/image.h"

namespace attnmap {

enum class Annotate { kAuto, kOn, kOff };

struct FigureStyle {
  std::string colormap = "viridis";
  Annotate annotate = Annotate::kAuto;
  std::string number_format = ".2f";  // printf-like: ".2f", ".3f", ".1e", ".0%"
  std::optional<double> vmin, vmax;   // unset: the data's range (symmetric about 0 for RdBu)
  double scale = 1.0;                 // 2.0 doubles every length: a 2× (192 dpi) image
  std::string font_path;              // empty: DejaVu Sans through fontconfig
};

struct HeatmapFigure {
  Matrix matrix;
  std::string title;     // e.g. "sentiment-bert · layer 2 of 0..2 · mean over 12 heads"
  std::string subtitle;  // e.g. the text
  std::string row_caption = "query (attending from)";
  std::string col_caption = "key (attended to)";
  std::string value_caption = "attention weight";
};

struct Box {
  int x = 0, y = 0, w = 0, h = 0;
  bool overlaps(const Box& o) const { return x < o.x + o.w && o.x < x + w && y < o.y + o.h && o.y < y + h; }
  bool inside(int width, int height) const { return x >= 0 && y >= 0 && x + w <= width && y + h <= height; }
};

// Where everything goes; render_heatmap draws exactly this. Exposed so tests can check that
// nothing overlaps or leaves the canvas.
struct HeatmapLayout {
  int width = 0, height = 0;
  int cell = 0;
  Box plot, colorbar;
  double tick_font_size = 0, annotation_font_size = 0;  // 0: no annotations
  int label_step = 1;                                    // every label_step-th tick label is drawn
  std::vector<Box> row_labels, col_labels, colorbar_labels;
  std::vector<Box> captions;                             // title, subtitle, axis and value captions
  double vmin = 0, vmax = 1;
};

HeatmapLayout layout_heatmap(const HeatmapFigure& figure, const FigureStyle& style);
Image render_heatmap(const HeatmapFigure& figure, const FigureStyle& style);

// Formats a number by a printf-like spec (".2f" -> "0.25", ".0%" -> "25%"). Throws Error::usage
// for a spec it does not understand.
std::string format_number(double value, const std::string& spec);

}  // namespace attnmap
