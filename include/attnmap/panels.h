#pragma once
// Several heatmaps on one colour scale with one colour bar: every layer × every head of a model
// ("model view"), the heads of one layer side by side, or two models' matrices on the same
// sentence side by side. Rows of every panel are queries ("from"), columns keys ("to"); a caption
// under the grid says so.
//
// Size rules: all panels share one cell size, so equal values look equal everywhere. It starts
// as a single heatmap's (720 px over the longest panel side, 3 to 44 px) and shrinks, down to
// 1 px, until the cells of the whole grid (gaps not counted) fit in 2400 × 2400 px (× scale, at
// most 8192 px whatever the scale). A grid whose cells and gaps do not fit in 8192 × 8192 px even
// at 1 px (e.g. 16 heads × 600 tokens across) is refused with Error::usage. Labels, headers and
// the colour bar add a few hundred pixels. 12 layers × 12 heads × 64 tokens: 3 px cells, about
// 2600 × 2500 px; × 12 tokens: 16 px cells, the same size; × 512 tokens: 1 px cells, about
// 6400 × 6300 px.
#include <cstddef>
#include <string>
#include <vector>

#include "attnmap/attention.h"
#include "attnmap/figure.h"
#include "attnmap/image.h"

namespace attnmap {

// Which panels get token labels: none (model view), the outer ones only (left column's rows,
// bottom panels' columns; for panels sharing the same tokens) or every panel (different tokens).
enum class PanelLabels { kNone, kOuter, kEach };

struct Panel {
  Matrix matrix;
  std::string title;  // above the panel, e.g. "sentiment-bert"; may be empty
};

struct PanelFigure {
  std::vector<Panel> panels;  // row-major: panel i sits in grid row i / columns, column i % columns
  size_t columns = 1;
  std::vector<std::string> row_headers;     // one per grid row, left of it ("layer 3"); or none
  std::vector<std::string> column_headers;  // one per grid column, above it ("head 5"); or none
  PanelLabels tick_labels = PanelLabels::kEach;
  bool annotations = true;  // false: never numbers in cells, whatever FigureStyle::annotate says
  std::string title, subtitle;
  std::string axes_caption = "rows: query (attending from) · columns: key (attended to)";
  std::string value_caption = "attention weight";
  FigureMetadata metadata;
};

// Where everything goes (see HeatmapLayout); exposed so tests can check that nothing overlaps or
// leaves the canvas.
struct PanelLayout {
  int width = 0, height = 0;
  int cell = 0;
  std::vector<Box> plots;  // one per panel, in panel order
  Box colorbar;
  double tick_font_size = 0, annotation_font_size = 0;  // 0: no tick labels / no numbers
  int label_step = 1, col_label_step = 1;
  std::vector<Box> headers;  // row and column headers and panel titles
  std::vector<Box> row_labels, col_labels, colorbar_labels, captions;
  std::vector<TextFrame> col_label_frames;
  double vmin = 0, vmax = 1;
};

// Throws Error::input for no panels, an empty or misshapen matrix, or header counts that do not
// match the grid; Error::usage for a bad style or a grid too large to draw.
PanelLayout layout_panels(const PanelFigure& figure, const FigureStyle& style);
Image render_panels(const PanelFigure& figure, const FigureStyle& style);

// Every layer (grid rows, "layer N") × every head (grid columns, "head N"): small cells, no token
// labels, no numbers. `tokens` label the matrices (kept for callers that turn labels on).
PanelFigure model_view_figure(const AttentionStack& stack, const std::vector<std::string>& tokens);
// The heads of `layer` side by side, `columns` per row (0: all in one row), token labels on the
// outer panels. Throws Error::usage for a layer out of range.
PanelFigure layer_heads_figure(const AttentionStack& stack, size_t layer, const std::vector<std::string>& tokens,
                               size_t columns = 0);
// Two matrices side by side, each with its own title and token labels, on one colour scale
// (e.g. two models on the same sentence).
PanelFigure compare_figure(const HeatmapFigure& left, const HeatmapFigure& right);

}  // namespace attnmap
