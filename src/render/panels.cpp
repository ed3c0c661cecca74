// Multi-panel figures: each panel is laid out on its own (cells at (0, 0), labels and title around
// them), then the panels are set in a grid whose columns and rows are as wide and tall as their
// largest panel, so that plots in one grid column share their left edge and plots in one grid
// row their top edge.
#include <algorithm>
#include <cmath>

#include "attnmap/colormap.h"
#include "attnmap/error.h"
#include "attnmap/panels.h"
#include "render/figure_parts.h"
#include "render/geometry.h"
#include "render/scenes.h"

namespace attnmap {
namespace render {
namespace {

constexpr int kMaxSide = 8192;  // pixels, whatever the scale

class PanelsBuilder {
 public:
  PanelsBuilder(const PanelFigure& figure, const FigureStyle& style, FontSet& fonts);
  Scene build(PanelLayout* layout);

 private:
  int px(double v) const { return static_cast<int>(std::lround(v * s_)); }
  size_t grid_rows() const { return (fig_.panels.size() + fig_.columns - 1) / fig_.columns; }
  void validate() const;
  void choose_sizes();
  Scene panel_block(size_t index);
  Scene grid(std::vector<Box>& plots);
  void add_headers(Scene& scene, const std::vector<Box>& plots);

  const PanelFigure& fig_;
  const FigureStyle& style_;
  double s_;
  FontSet& fonts_;
  Colormap cmap_;
  Rotation rotation_;
  std::vector<const Matrix*> matrices_;
  ValueRange range_;
  PanelLayout layout_;
};

PanelsBuilder::PanelsBuilder(const PanelFigure& figure, const FigureStyle& style, FontSet& fonts)
    : fig_(figure), style_(style), s_(style.scale), fonts_(fonts), cmap_(Colormap::by_name(style.colormap)),
      rotation_(rotation_from_degrees(style.label_rotation, "--label-rotation")) {
  check_style(style_);
  validate();
  for (const Panel& p : fig_.panels) matrices_.push_back(&p.matrix);
  range_ = value_range(matrices_, cmap_.diverging(), style_);
  layout_.vmin = range_.vmin;
  layout_.vmax = range_.vmax;
}

void PanelsBuilder::validate() const {
  if (fig_.panels.empty()) throw Error::input("nothing to draw: the figure has no panels");
  if (fig_.columns == 0) throw Error::input("a panel grid needs at least one column");
  for (const Panel& p : fig_.panels) check_matrix(p.matrix);
  if (!fig_.row_headers.empty() && fig_.row_headers.size() != grid_rows())
    throw Error::input("row headers (" + std::to_string(fig_.row_headers.size()) + ") do not match the grid's " +
                       std::to_string(grid_rows()) + " rows");
  if (!fig_.column_headers.empty() && fig_.column_headers.size() != std::min(fig_.columns, fig_.panels.size()))
    throw Error::input("column headers (" + std::to_string(fig_.column_headers.size()) +
                       ") do not match the grid's columns");
}

// One cell size for all panels: a single heatmap's, shrunk until the grid's cells fit the budget.
void PanelsBuilder::choose_sizes() {
  const size_t cols = std::min(fig_.columns, fig_.panels.size()), rows = grid_rows();
  std::vector<size_t> widest(cols, 0), tallest(rows, 0);
  size_t longest = 1;
  for (size_t i = 0; i < fig_.panels.size(); ++i) {
    const Matrix& m = fig_.panels[i].matrix;
    widest[i % cols] = std::max(widest[i % cols], m.cols);
    tallest[i / cols] = std::max(tallest[i / cols], m.rows);
    longest = std::max({longest, m.rows, m.cols});
  }
  size_t across = 0, down = 0;
  for (size_t w : widest) across += w;
  for (size_t h : tallest) down += h;
  const int gap = px(10);
  const int budget = std::min(px(2400), kMaxSide);
  const int gaps_across = gap * static_cast<int>(cols - 1), gaps_down = gap * static_cast<int>(rows - 1);
  int cell = std::clamp(px(720.0 / static_cast<double>(longest)), std::max(1, px(3)), px(44));
  cell = std::min(cell, static_cast<int>(budget / static_cast<double>(across)));  // gaps not counted
  cell = std::min(cell, static_cast<int>(budget / static_cast<double>(down)));
  cell = std::max(cell, 1);
  if (static_cast<double>(across) * cell + gaps_across > kMaxSide ||
      static_cast<double>(down) * cell + gaps_down > kMaxSide)
    throw Error::usage("figure too large: " + std::to_string(across) + " × " + std::to_string(down) +
                       " cells do not fit in 8192 × 8192 px even at 1 px each; show fewer layers or heads, "
                       "or a shorter text");
  layout_.cell = cell;
  if (fig_.tick_labels != PanelLabels::kNone) {
    layout_.tick_font_size = tick_font_size(cell, s_);
    const int thickness = line_height(fonts_, layout_.tick_font_size);
    layout_.label_step = label_step(thickness, cell);
    layout_.col_label_step = rotation_ == Rotation::kCcw45 ? label_step(thickness, cell * kSqrtHalf) : layout_.label_step;
  }
  layout_.annotation_font_size = fig_.annotations ? annotation_size(fonts_, matrices_, style_, cell, cell) : 0;
}

// A panel with its cells' top-left corner at (0, 0).
Scene PanelsBuilder::panel_block(size_t index) {
  const Panel& p = fig_.panels[index];
  const Matrix& m = p.matrix;
  const int cell = layout_.cell, w = cell * static_cast<int>(m.cols), h = cell * static_cast<int>(m.rows);
  Scene scene;
  add_cells(scene, m, cmap_, range_, 0, 0, cell, cell);
  if (layout_.annotation_font_size > 0)
    add_annotations(scene, fonts_, m, cmap_, range_, 0, 0, cell, cell, layout_.annotation_font_size,
                    style_.number_format);
  const bool each = fig_.tick_labels == PanelLabels::kEach, outer = fig_.tick_labels == PanelLabels::kOuter;
  const bool first_column = index % fig_.columns == 0;
  const bool bottom = index + fig_.columns >= fig_.panels.size();
  if (each || (outer && first_column))
    add_row_labels(scene, fonts_, m.row_labels, m.rows, -px(5), 0, cell, layout_.label_step, layout_.tick_font_size);
  if (each || (outer && bottom))
    add_col_labels(scene, fonts_, m.col_labels, m.cols, 0, h + px(5), cell, layout_.col_label_step,
                   layout_.tick_font_size, rotation_);
  if (!p.title.empty()) {
    // As wide as the panel with its labels, and no narrower than a short title needs: a longer
    // title takes more lines rather than being cut or reaching over its neighbour.
    const Box e = scene.extent();
    const double size = 12 * s_;
    std::vector<std::string> lines = wrap_text(fonts_, p.title, size, std::max(e.w, px(160)));
    int bottom = std::min(e.y, 0) - px(6);
    for (auto line = lines.rbegin(); line != lines.rend(); ++line) {
      TextItem t = make_text(fonts_, *line, size, TextRole::kHeader);
      t.box.x = (w - t.box.w) / 2;
      t.box.y = bottom - t.box.h;
      bottom = t.box.y - px(2);
      scene.texts.push_back(std::move(t));
    }
  }
  return scene;
}

// All panel blocks in their grid; `plots` receives each panel's cell area.
Scene PanelsBuilder::grid(std::vector<Box>& plots) {
  const size_t cols = std::min(fig_.columns, fig_.panels.size()), rows = grid_rows();
  std::vector<Scene> blocks;
  std::vector<int> left(cols, 0), right(cols, 0), top(rows, 0), bottom(rows, 0);
  for (size_t i = 0; i < fig_.panels.size(); ++i) {
    blocks.push_back(panel_block(i));
    const Box e = blocks.back().extent();
    const size_t c = i % cols, r = i / cols;
    left[c] = std::max(left[c], -e.x);
    right[c] = std::max(right[c], e.x + e.w);
    top[r] = std::max(top[r], -e.y);
    bottom[r] = std::max(bottom[r], e.y + e.h);
  }
  const int gap = fig_.tick_labels == PanelLabels::kNone ? px(10) : px(14);
  std::vector<int> xs(cols), ys(rows);
  for (size_t c = 0; c < cols; ++c) xs[c] = c == 0 ? left[0] : xs[c - 1] + right[c - 1] + gap + left[c];
  for (size_t r = 0; r < rows; ++r) ys[r] = r == 0 ? top[0] : ys[r - 1] + bottom[r - 1] + gap + top[r];
  Scene scene;
  for (size_t i = 0; i < blocks.size(); ++i) {
    const Matrix& m = fig_.panels[i].matrix;
    const int x = xs[i % cols], y = ys[i / cols];
    scene.append(blocks[i], x, y);
    plots.push_back({x, y, layout_.cell * static_cast<int>(m.cols), layout_.cell * static_cast<int>(m.rows)});
  }
  return scene;
}

// "head N" over each grid column and "layer N" left of each grid row, in one size that fits.
void PanelsBuilder::add_headers(Scene& scene, const std::vector<Box>& plots) {
  const size_t cols = std::min(fig_.columns, fig_.panels.size());
  const Box grid = scene.extent();
  if (!fig_.column_headers.empty()) {
    double size = 12 * s_;
    for (size_t c = 0; c < cols; ++c) {
      const int pitch = plots[c].w + px(10) - px(4);
      const double width = fonts_.measure(fig_.column_headers[c], size).width + 1;
      if (width > pitch) size = std::max(5.0 * s_, size * pitch / width);
    }
    for (size_t c = 0; c < cols; ++c) {
      TextItem t = make_text(fonts_, fig_.column_headers[c], size, TextRole::kHeader);
      t.box.x = plots[c].x + (plots[c].w - t.box.w) / 2;
      t.box.y = grid.y - px(6) - t.box.h;
      scene.texts.push_back(std::move(t));
    }
  }
  for (size_t r = 0; r < fig_.row_headers.size(); ++r) {
    int row_h = 0;
    for (size_t i = r * cols; i < std::min(plots.size(), (r + 1) * cols); ++i) row_h = std::max(row_h, plots[i].h);
    TextItem t = make_text(fonts_, fig_.row_headers[r], 12 * s_, TextRole::kHeader);
    t.box.x = grid.x - px(8) - t.box.w;
    t.box.y = plots[r * cols].y + (row_h - t.box.h) / 2;
    scene.texts.push_back(std::move(t));
  }
}

Scene PanelsBuilder::build(PanelLayout* layout) {
  choose_sizes();
  std::vector<Box> plots;
  Scene body = grid(plots);
  add_headers(body, plots);
  const Box e = body.extent();
  int plots_bottom = 0, plots_right = 0;
  for (const Box& p : plots) {
    plots_bottom = std::max(plots_bottom, p.y + p.h);
    plots_right = std::max(plots_right, p.x + p.w);
  }
  const int bar_h = std::clamp(plots_bottom - plots.front().y, px(160), px(480)), bar_x = e.x + e.w + px(18);
  Scene bar;
  add_colorbar(bar, fonts_, cmap_, range_, bar_x, plots.front().y, bar_h, fig_.value_caption, s_);
  if (!fig_.axes_caption.empty()) {
    TextItem caption = make_text(fonts_, fig_.axes_caption, 12 * s_, TextRole::kCaption);
    caption.box.x = plots.front().x;
    caption.box.y = e.y + e.h + px(10);
    // Under a grid narrower than the caption, and shorter than the colour bar, the caption would
    // run under the bar: it goes below the bar instead.
    const Box b = bar.extent();
    if (caption.box.x + caption.box.w > bar_x) caption.box.y = std::max(caption.box.y, b.y + b.h + px(10));
    body.texts.push_back(std::move(caption));
  }
  body.append(bar, 0, 0);

  Scene scene = frame_figure(fonts_, fig_.title, fig_.subtitle, body, s_);
  if (layout != nullptr) {
    *layout = with_common_boxes(scene, layout_);
    for (const CellsItem& cells : scene.cells) layout->plots.push_back(cells.box);  // a panel is one item, in order
    layout->headers = scene.boxes(TextRole::kHeader);
  }
  return scene;
}

}  // namespace

Scene panels_scene(const PanelFigure& figure, const FigureStyle& style, FontSet& fonts, PanelLayout* layout) {
  return PanelsBuilder(figure, style, fonts).build(layout);
}

}  // namespace render

PanelLayout layout_panels(const PanelFigure& figure, const FigureStyle& style) {
  return render::layout_of(render::panels_scene, figure, style);
}

Image render_panels(const PanelFigure& figure, const FigureStyle& style) {
  return render::image_of(render::panels_scene, figure, style);
}

}  // namespace attnmap
