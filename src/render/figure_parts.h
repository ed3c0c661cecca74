#pragma once
// Pieces every figure kind is built from: measured text, tick labels, cells with numbers, the
// colour bar, the heading, the frame around it all and the boxes its layout reports. Most add
// items to a Scene; lengths are pixels already multiplied by the figure's scale `s`.
#include <string>
#include <vector>

#include "attnmap/colormap.h"
#include "attnmap/figure.h"
#include "render/font.h"
#include "render/scene.h"

namespace attnmap::render {

inline constexpr Rgba kInk{38, 38, 38, 255};
inline constexpr Rgba kLightInk{255, 255, 255, 255};
inline constexpr size_t kMaxLabelChars = 24;

// Cuts a label to `max_chars` code points, marking the cut with "…".
std::string shorten(const std::string& label, size_t max_chars = kMaxLabelChars);

// `text` as it is when it fits in `max_width` px at `size`, else cut a character at a time and
// marked with "…" until it does (down to one character and "…").
std::string cut_to_width(FontSet& fonts, const std::string& text, double size, int max_width);

// `text` broken into lines no wider than `max_width` px at `size`: at the " · " between its parts
// first, then at spaces. A word wider than max_width alone is cut with "…" to fit.
std::vector<std::string> wrap_text(FontSet& fonts, const std::string& text, double size, int max_width);

// A measured line of text with its box at (0, 0).
TextItem make_text(FontSet& fonts, const std::string& text, double size, TextRole role,
                   Rotation rotation = Rotation::kUp, Rgba color = kInk);

// The finite values' range over all `matrices`, symmetric about 0 when `centred`, then
// style.vmin / style.vmax where set. Throws Error::usage when vmin > vmax.
ValueRange value_range(const std::vector<const Matrix*>& matrices, bool centred, const FigureStyle& style);

// Ticks at 1, 2 or 5 × 10^k, about five of them, inside [lo, hi] (a colour bar's).
std::vector<double> nice_ticks(double lo, double hi);
// The same steps, from the last tick at or under `lo` to the first at or over `hi` (an axis that
// must hold the data): (-0.03, 0.62) -> -0.2, 0, 0.2, 0.4, 0.6, 0.8.
std::vector<double> ticks_covering(double lo, double hi);
// A tick's value with as many decimals as the step between ticks needs: (0.25, 0.05) -> "0.25".
std::string tick_label(double value, double step);

// Checks that every matrix has a shape and values to match; throws Error::input otherwise.
void check_matrix(const Matrix& m);
// Throws Error::usage for a scale outside (0, 10] or a bad number format.
void check_style(const FigureStyle& style);

// Tick labels for cells `pitch` px apart: 0.75 of the pitch, between 7 and 12 px (× s).
double tick_font_size(int pitch, double s);
// Every k-th label, k the least with k × pitch ≥ thickness: lines of text never overlap.
int label_step(int thickness, double pitch);
// Thickness of a line of text at `size` (the height FontSet::mask_size gives).
int line_height(FontSet& fonts, double size);

// Row labels, right-aligned at `right`, centred on rows `pitch` px apart from `top`.
void add_row_labels(Scene& scene, FontSet& fonts, const std::vector<std::string>& labels, size_t count,
                    int right, int top, int pitch, int step, double size);
// Column labels under columns `pitch` px wide from x0, starting at y `top`. Upright and 90° labels
// are centred under their column; 45° labels end there, running down to the left.
void add_col_labels(Scene& scene, FontSet& fonts, const std::vector<std::string>& labels, size_t count,
                    int x0, int top, int pitch, int step, double size, Rotation rotation);

// A rows × cols block of cells from (x, y), each cw × ch, coloured by the colormap. `m` must
// outlive the scene.
void add_cells(Scene& scene, const Matrix& m, const Colormap& cmap, const ValueRange& range, int x, int y, int cw,
               int ch);
// Size for numbers in cells: 11 px, or less so the widest number fits with 2 px either side;
// 0 (none) for Annotate::kOff, or under 7 px with Annotate::kAuto, or under 3 px.
double annotation_size(FontSet& fonts, const std::vector<const Matrix*>& matrices, const FigureStyle& style,
                       int cw, int ch);
// The numbers, centred in each cell, in light ink on dark cells and dark ink on light ones.
void add_annotations(Scene& scene, FontSet& fonts, const Matrix& m, const Colormap& cmap, const ValueRange& range,
                     int x, int y, int cw, int ch, double size, const std::string& format);

// A vertical colour bar from (x, y), `height` tall, with tick marks and labels at round values and
// `caption` turned 90° on its right.
void add_colorbar(Scene& scene, FontSet& fonts, const Colormap& cmap, const ValueRange& range, int x, int y,
                  int height, const std::string& caption, double s);

// The lowest bottom edge of the scene's items that share a column of pixels with [x, x + w), or
// the scene's top when none does: where a caption under them may start.
int bottom_under(const Scene& scene, int x, int w);

// Title (15 px) and subtitle (11.5 px, cut at 120 characters) stacked from (x, y); returns the y
// under them (y itself when both are empty).
int add_heading(Scene& scene, FontSet& fonts, const std::string& title, const std::string& subtitle, int x, int y,
                double s);

// The frame of every figure kind, in one place so that heatmaps, strips and panel grids are framed
// alike: the heading (add_heading) at the top left, `body` under it, 8 px (× s) below its last
// line, with its left edge at the heading's (at the top when there is no heading), then a 14 px
// (× s) margin all round. The returned scene has its width and height set.
Scene frame_figure(FontSet& fonts, const std::string& title, const std::string& subtitle, const Scene& body, double s);

// `sizes` (what a builder chose: cell and font sizes, label steps, the value range) with the
// boxes that HeatmapLayout, StripLayout and PanelLayout share read off the framed scene: its size,
// the colour bar, tick and colour bar labels, captions. One template so that every kind reports
// them alike; each kind adds its own (plots, headers, numbers).
template <typename Layout>
Layout with_common_boxes(const Scene& framed, Layout sizes) {
  sizes.width = framed.width;
  sizes.height = framed.height;
  sizes.colorbar = framed.colorbars.front().box;
  sizes.row_labels = framed.boxes(TextRole::kRowLabel);
  sizes.col_labels = framed.boxes(TextRole::kColLabel);
  sizes.col_label_frames = framed.frames(TextRole::kColLabel);
  sizes.colorbar_labels = framed.boxes(TextRole::kColorbarLabel);
  sizes.captions = framed.boxes(TextRole::kCaption);
  return sizes;
}

}  // namespace attnmap::render
