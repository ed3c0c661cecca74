// Heatmap layout. Every piece of text is measured first and placed in a Scene, which the
// backends then only paint. All lengths are multiplied by FigureStyle::scale.
#include <algorithm>
#include <cmath>

#include "attnmap/colormap.h"
#include "attnmap/figure.h"
#include "render/figure_parts.h"
#include "render/geometry.h"
#include "render/scenes.h"

namespace attnmap {
namespace render {
namespace {


class HeatmapBuilder {
 public:
  HeatmapBuilder(const HeatmapFigure& figure, const FigureStyle& style, FontSet& fonts)
      : fig_(figure), style_(style), s_(style.scale), fonts_(fonts), cmap_(Colormap::by_name(style.colormap)) {
    check_style(style_);
    check_matrix(fig_.matrix);
    rotation_ = rotation_from_degrees(style_.label_rotation, "--label-rotation");
    range_ = value_range({&fig_.matrix}, cmap_.diverging(), style_);
    layout_.vmin = range_.vmin;
    layout_.vmax = range_.vmax;
  }

  Scene build(HeatmapLayout* layout);

 private:
  int px(double v) const { return static_cast<int>(std::lround(v * s_)); }
  void choose_sizes();
  Scene body();

  const HeatmapFigure& fig_;
  const FigureStyle& style_;
  double s_;
  FontSet& fonts_;
  Colormap cmap_;
  Rotation rotation_ = Rotation::kCcw90;
  ValueRange range_;
  HeatmapLayout layout_;
};

void HeatmapBuilder::choose_sizes() {
  const Matrix& m = fig_.matrix;
  const size_t longest = std::max(m.rows, m.cols);
  layout_.cell = std::clamp(px(720.0 / static_cast<double>(longest)), std::max(1, px(3)), px(44));
  layout_.tick_font_size = tick_font_size(layout_.cell, s_);
  const int thickness = line_height(fonts_, layout_.tick_font_size);
  layout_.label_step = label_step(thickness, layout_.cell);
  layout_.col_label_step =
      rotation_ == Rotation::kCcw45 ? label_step(thickness, layout_.cell * kSqrtHalf) : layout_.label_step;
  layout_.annotation_font_size = annotation_size(fonts_, {&m}, style_, layout_.cell, layout_.cell);
}

// Cells, tick labels, axis captions and the colour bar, with the cells' top-left corner at (0, 0).
Scene HeatmapBuilder::body() {
  const Matrix& m = fig_.matrix;
  const int cell = layout_.cell, gap = px(8);
  Scene scene;
  const Box plot{0, 0, cell * static_cast<int>(m.cols), cell * static_cast<int>(m.rows)};
  add_cells(scene, m, cmap_, range_, 0, 0, cell, cell);
  if (layout_.annotation_font_size > 0)
    add_annotations(scene, fonts_, m, cmap_, range_, 0, 0, cell, cell, layout_.annotation_font_size,
                    style_.number_format);
  add_row_labels(scene, fonts_, m.row_labels, m.rows, -px(5), 0, cell, layout_.label_step, layout_.tick_font_size);
  add_col_labels(scene, fonts_, m.col_labels, m.cols, 0, plot.h + px(5), cell, layout_.col_label_step,
                 layout_.tick_font_size, rotation_);

  const Box ticked = scene.extent();  // cells and tick labels
  add_colorbar(scene, fonts_, cmap_, range_, plot.w + px(18), 0, std::max(plot.h, px(160)), fig_.value_caption, s_);
  const Box labelled = scene.extent();  // and the colour bar
  TextItem row_caption = make_text(fonts_, fig_.row_caption, 12 * s_, TextRole::kCaption, Rotation::kCcw90);
  row_caption.box.x = labelled.x - gap - row_caption.box.w;
  row_caption.box.y = std::max(0, (plot.h - row_caption.box.h) / 2);
  TextItem col_caption = make_text(fonts_, fig_.col_caption, 12 * s_, TextRole::kCaption);
  col_caption.box.x = std::max(labelled.x, (plot.w - col_caption.box.w) / 2);
  col_caption.box.y = std::max(ticked.y + ticked.h, bottom_under(scene, col_caption.box.x, col_caption.box.w)) + gap;
  scene.texts.push_back(std::move(col_caption));
  scene.texts.push_back(std::move(row_caption));
  return scene;
}

Scene HeatmapBuilder::build(HeatmapLayout* layout) {
  choose_sizes();
  Scene scene = frame_figure(fonts_, fig_.title, fig_.subtitle, body(), s_);
  if (layout != nullptr) {
    *layout = with_common_boxes(scene, layout_);
    layout->plot = scene.cells.front().box;
  }
  return scene;
}

}  // namespace

Scene heatmap_scene(const HeatmapFigure& figure, const FigureStyle& style, FontSet& fonts, HeatmapLayout* layout) {
  return HeatmapBuilder(figure, style, fonts).build(layout);
}

}  // namespace render

HeatmapLayout layout_heatmap(const HeatmapFigure& figure, const FigureStyle& style) {
  return render::layout_of(render::heatmap_scene, figure, style);
}

Image render_heatmap(const HeatmapFigure& figure, const FigureStyle& style) {
  return render::image_of(render::heatmap_scene, figure, style);
}

}  // namespace attnmap
