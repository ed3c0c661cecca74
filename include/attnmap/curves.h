#pragma once
// Line charts: panels side by side, each a curve per series (a method) over the same categories
// (bins), with markers at the points, one value axis per panel and one legend for all, e.g. the
// comprehensiveness and the sufficiency of every method over K = 1, 5, 10, 20, 50 % of tokens.
//
// Layout rules: the categories are evenly spaced whatever their labels say (1 %, 5 % and 50 % are
// one step apart), 360 px / bins apart (24 px at least) on a 260 px tall plot (× scale). Each
// panel's y axis holds all its values and 0, from a tick at or under the least to one at or over
// the greatest, ticks at 1, 2 or 5 × 10^k, with a little room beyond so that no marker sits on the
// frame. A series is matched across panels by its name: the legend, right of the panels, names each
// once, in the order of first appearance, and series k of it is drawn alike in every panel: colour
// k % 10 of matplotlib's tab10, marker k % 5 (circle, square, triangle, diamond, triangle down),
// line k % 4 (solid, dashed, dotted, dash-dot), so that the first 20 differ in marker or line and
// read in greyscale. A value that is NaN or infinite is no point: the line stops there and starts
// again at the next value. Names longer than 220 px (× scale) are cut with "…"; category labels are
// upright while every one fits its step, else turned by FigureStyle::label_rotation and thinned as
// a heatmap's. Of FigureStyle, scale, font_path and label_rotation apply; the rest is validated
// alike for every figure kind (check_style) and otherwise unused.
#include <cstddef>
#include <string>
#include <vector>

#include "attnmap/figure.h"
#include "attnmap/image.h"

namespace attnmap {

struct CurveSeries {
  std::string name;            // "ig": the legend's entry, the same in every panel
  std::vector<double> values;  // one per category (CurveFigure::x_labels); NaN: no point
};

struct CurvePanel {
  std::string title;      // above the panel, e.g. "comprehensiveness (higher is better)"; may be empty
  std::string y_caption;  // beside its y axis, e.g. "drop in p(predicted class)"; may be empty
  std::vector<CurveSeries> series;
};

struct CurveFigure {
  std::string title, subtitle;
  std::string x_caption;              // under every panel, e.g. "K: tokens removed"; may be empty
  std::vector<std::string> x_labels;  // the categories, left to right: "1%", "5%", ...
  std::vector<CurvePanel> panels;     // left to right
  FigureMetadata metadata;
};

// A panel's y axis: the value at its bottom and top edges and where ticks are labelled.
struct CurveAxis {
  double min = 0, max = 1;
  std::vector<double> ticks;
};

// A marker on a plot: value `bin` of series `series` (its index in panel `panel`), centred at (x, y).
struct CurvePoint {
  size_t panel = 0, series = 0, bin = 0;
  int x = 0, y = 0;
};

// A line drawn on a plot through the points of consecutive `bins` (two or more).
struct CurveLine {
  size_t panel = 0, series = 0;
  std::vector<size_t> bins;
};

// Where everything goes (see HeatmapLayout); exposed so tests can check that nothing overlaps or
// leaves the canvas.
struct CurveLayout {
  int width = 0, height = 0;
  std::vector<Box> plots;         // one per panel: the area inside its frame
  std::vector<CurveAxis> y_axes;  // one per panel
  std::vector<CurvePoint> points;
  std::vector<CurveLine> lines;
  Box legend;                                     // its line samples, markers and names
  std::vector<std::string> legend_names;          // as drawn, in legend order
  std::vector<Box> legend_labels;                 // the names' boxes, in legend order
  bool x_labels_upright = true;                   // false: turned by FigureStyle::label_rotation
  int x_label_step = 1;                           // every x_label_step-th category is labelled
  std::vector<Box> headers;                       // panel titles
  std::vector<Box> x_labels, y_labels, captions;  // captions: title, subtitle, y and x captions
  std::vector<TextFrame> x_label_frames;          // x_labels as turned lines of text
};

// Throws Error::usage for a figure with no panels, a panel with no series, no categories, more than
// 20 series, a series whose values do not match the categories, or a bad style.
CurveLayout layout_curves(const CurveFigure& figure, const FigureStyle& style);
Image render_curves(const CurveFigure& figure, const FigureStyle& style);

}  // namespace attnmap
