// Token strip layout: rows of cells, one per token, on one colour scale.
#include <algorithm>
#include <cmath>

#include "attnmap/colormap.h"
#include "attnmap/error.h"
#include "attnmap/strip.h"
#include "render/figure_parts.h"
#include "render/geometry.h"
#include "render/scenes.h"

namespace attnmap {
namespace render {
namespace {


class StripBuilder {
 public:
  StripBuilder(const StripFigure& figure, const FigureStyle& style, FontSet& fonts)
      : fig_(figure), style_(style), s_(style.scale), fonts_(fonts), cmap_(Colormap::by_name(style.colormap)),
        rotation_(rotation_from_degrees(style.label_rotation, "--label-rotation")) {
    check_style(style_);
    check_matrix(fig_.matrix);
    range_ = value_range({&fig_.matrix}, fig_.centred || cmap_.diverging(), style_);
    layout_.vmin = range_.vmin;
    layout_.vmax = range_.vmax;
  }

  Scene build(StripLayout* layout);

 private:
  int px(double v) const { return static_cast<int>(std::lround(v * s_)); }
  void choose_sizes();
  Scene body();

  const StripFigure& fig_;
  const FigureStyle& style_;
  double s_;
  FontSet& fonts_;
  Colormap cmap_;
  Rotation rotation_;
  ValueRange range_;
  StripLayout layout_;
};

void StripBuilder::choose_sizes() {
  const Matrix& m = fig_.matrix;
  layout_.cell_w = std::clamp(px(1100.0 / static_cast<double>(m.cols)), std::max(1, px(3)), px(60));
  layout_.cell_h = std::clamp(layout_.cell_w, px(24), px(36));
  layout_.tick_font_size = tick_font_size(layout_.cell_w, s_);
  double widest = 0;
  for (const auto& label : m.col_labels)
    widest = std::max(widest, fonts_.measure(shorten(label), layout_.tick_font_size).width + 1);
  layout_.labels_upright = widest <= layout_.cell_w - px(2);
  if (!layout_.labels_upright) {
    const int thickness = line_height(fonts_, layout_.tick_font_size);
    const double pitch = rotation_ == Rotation::kCcw45 ? layout_.cell_w * kSqrtHalf : layout_.cell_w;
    layout_.col_label_step = label_step(thickness, pitch);
  }
  layout_.annotation_font_size = annotation_size(fonts_, {&m}, style_, layout_.cell_w, layout_.cell_h);
}

// Cells from (0, 0), row labels on the left, token labels under, the colour bar on the right.
Scene StripBuilder::body() {
  const Matrix& m = fig_.matrix;
  const int cw = layout_.cell_w, ch = layout_.cell_h;
  Scene scene;
  const Box plot{0, 0, cw * static_cast<int>(m.cols), ch * static_cast<int>(m.rows)};
  add_cells(scene, m, cmap_, range_, 0, 0, cw, ch);
  if (layout_.annotation_font_size > 0)
    add_annotations(scene, fonts_, m, cmap_, range_, 0, 0, cw, ch, layout_.annotation_font_size, style_.number_format);
  add_row_labels(scene, fonts_, m.row_labels, m.rows, -px(6), 0, ch, 1, 12 * s_);
  add_col_labels(scene, fonts_, m.col_labels, m.cols, 0, plot.h + px(5), cw, layout_.col_label_step,
                 layout_.tick_font_size, layout_.labels_upright ? Rotation::kUp : rotation_);
  add_colorbar(scene, fonts_, cmap_, range_, plot.w + px(18), 0, std::max(plot.h, px(120)), fig_.value_caption, s_);
  return scene;
}

Scene StripBuilder::build(StripLayout* layout) {
  choose_sizes();
  Scene scene = frame_figure(fonts_, fig_.title, fig_.subtitle, body(), s_);
  if (layout != nullptr) {
    *layout = with_common_boxes(scene, layout_);
    layout->plot = scene.cells.front().box;
    layout->annotations = scene.boxes(TextRole::kAnnotation);
  }
  return scene;
}

}  // namespace

Scene strip_scene(const StripFigure& figure, const FigureStyle& style, FontSet& fonts, StripLayout* layout) {
  return StripBuilder(figure, style, fonts).build(layout);
}

}  // namespace render

StripLayout layout_strip(const StripFigure& figure, const FigureStyle& style) {
  return render::layout_of(render::strip_scene, figure, style);
}

Image render_strip(const StripFigure& figure, const FigureStyle& style) {
  return render::image_of(render::strip_scene, figure, style);
}

StripFigure attention_row_strip(const Matrix& attention, size_t row) {
  if (row >= attention.rows)
    throw Error::usage("row " + std::to_string(row) + " is out of range: the matrix has " +
                       std::to_string(attention.rows) + " rows");
  StripFigure f;
  f.matrix.rows = 1;
  f.matrix.cols = attention.cols;
  f.matrix.values.assign(attention.values.begin() + static_cast<std::ptrdiff_t>(row * attention.cols),
                         attention.values.begin() + static_cast<std::ptrdiff_t>((row + 1) * attention.cols));
  f.matrix.col_labels = attention.col_labels;
  const std::string query = row < attention.row_labels.size() ? attention.row_labels[row] : "row " + std::to_string(row);
  f.matrix.row_labels = {render::shorten(query) + " \u2192"};
  f.value_caption = "attention weight";
  return f;
}

StripFigure saliency_strip(const std::vector<std::string>& tokens,
                           const std::vector<std::pair<std::string, std::vector<float>>>& methods) {
  StripFigure f;
  f.matrix.rows = methods.size();
  f.matrix.cols = tokens.size();
  f.matrix.col_labels = tokens;
  for (const auto& [name, values] : methods) {
    if (values.size() != tokens.size())
      throw Error::input(name + " has " + std::to_string(values.size()) + " values for " +
                         std::to_string(tokens.size()) + " tokens");
    f.matrix.row_labels.push_back(name);
    f.matrix.values.insert(f.matrix.values.end(), values.begin(), values.end());
  }
  f.value_caption = "saliency";
  f.centred = true;
  return f;
}

}  // namespace attnmap
