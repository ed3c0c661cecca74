#pragma once
// Heatmap figures: a labelled matrix drawn as coloured cells, with tick labels, optional numbers
// in the cells, a colour bar, a title and axis captions. Rows are queries ("from"), columns are
// keys ("to"); the captions say so.
//
// Layout rules (what --help promises): cells shrink as the matrix grows, from 44 px down to 3 px
// (times --scale); tick labels shrink with the cells down to 7 px, then only every k-th label is
// drawn, k chosen so that labels never overlap (column labels turned 45° sit closer together, so
// they may be thinned more than row labels); labels longer than 24 characters are cut with "…";
// numbers in cells ("auto") appear only while they fit in the cell at 7 px or more.
//
// Every figure kind (this one, panels.h, strip.h, curves.h) is laid out once and drawn by either backend:
// render_* gives pixels, figure_output.h writes PNG or SVG.
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
  // Empty: DejaVu Sans through fontconfig. A file that is missing or is not a font: Error::io
  // naming it. Characters the font lacks (CJK, emoji) come from a font fontconfig finds for them.
  std::string font_path;
  // Column tick labels: 90 (read bottom to top) or 45 (diagonal, ending under their column).
  // Anything else: Error::usage.
  int label_rotation = 90;
};

// What a figure records about itself: PNG iTXt chunks ("Software", "Title", "Description",
// "attnmap:model", "attnmap:view", "attnmap:layer", "attnmap:head") and the SVG <title>, <desc>
// and <metadata>. The tool version ("attnmap 0.1.0") is always recorded; empty fields are left out.
struct FigureMetadata {
  std::string model;  // "sentiment-bert"
  std::string text;   // the input text
  std::string view;   // "matrix", "grid", "heads", "cls", "compare", "saliency:ig,rollout", ...
  std::string layer;  // "2", "all"
  std::string head;   // "5", "mean", "all"
};

struct HeatmapFigure {
  Matrix matrix;
  std::string title;     // e.g. "sentiment-bert · layer 2 of 0..2 · mean over 12 heads"
  std::string subtitle;  // e.g. the text
  std::string row_caption = "query (attending from)";
  std::string col_caption = "key (attended to)";
  std::string value_caption = "attention weight";
  FigureMetadata metadata;
};

struct Box {
  int x = 0, y = 0, w = 0, h = 0;
  bool overlaps(const Box& o) const { return x < o.x + o.w && o.x < x + w && y < o.y + o.h && o.y < y + h; }
  bool inside(int width, int height) const { return x >= 0 && y >= 0 && x + w <= width && y + h <= height; }
};

// A line of text as drawn: its centre, its unrotated length × thickness and its angle in degrees
// counter-clockwise. Turned labels' bounding boxes overlap where the text itself does not; two
// frames overlap only where the rotated rectangles do (touching edges do not count).
struct TextFrame {
  double cx = 0, cy = 0, length = 0, thickness = 0;
  int angle = 0;
  bool overlaps(const TextFrame& o) const;
};

// Where everything goes; render_heatmap draws exactly this. Exposed so tests can check that
// nothing overlaps or leaves the canvas.
struct HeatmapLayout {
  int width = 0, height = 0;
  int cell = 0;
  Box plot, colorbar;
  double tick_font_size = 0, annotation_font_size = 0;  // 0: no annotations
  int label_step = 1;                                    // every label_step-th row label is drawn
  int col_label_step = 1;                                // the same for column labels
  std::vector<Box> row_labels, col_labels, colorbar_labels;
  std::vector<TextFrame> col_label_frames;               // col_labels as turned lines of text
  std::vector<Box> captions;                             // title, subtitle, axis and value captions
  double vmin = 0, vmax = 1;
};

HeatmapLayout layout_heatmap(const HeatmapFigure& figure, const FigureStyle& style);
Image render_heatmap(const HeatmapFigure& figure, const FigureStyle& style);

// Formats a number by a printf-like spec (".2f" -> "0.25", ".0%" -> "25%"). Throws Error::usage
// for a spec it does not understand.
std::string format_number(double value, const std::string& spec);

}  // namespace attnmap
