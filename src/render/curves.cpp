// Line chart layout: each panel is laid out on its own with its plot's top-left corner at (0, 0)
// (frame, grid lines, curves, the axes' labels and captions, its title), then the panels are set
// side by side with their plots' tops aligned, and the legend right of them.
#include <algorithm>
#include <cmath>
#include <utility>

#include "attnmap/curves.h"
#include "attnmap/error.h"
#include "render/figure_parts.h"
#include "render/geometry.h"
#include "render/scenes.h"

namespace attnmap {
namespace render {
namespace {

constexpr size_t kMaxSeries = 20;

// matplotlib's "tab10" (the Tableau 10 palette), in the order of
// matplotlib.colormaps["tab10"].colors: #1f77b4 #ff7f0e #2ca02c #d62728 #9467bd #8c564b #e377c2
// #7f7f7f #bcbd22 #17becf.
constexpr Rgba kTab10[] = {{31, 119, 180, 255},  {255, 127, 14, 255}, {44, 160, 44, 255},   {214, 39, 40, 255},
                           {148, 103, 189, 255}, {140, 86, 75, 255},  {227, 119, 194, 255}, {127, 127, 127, 255},
                           {188, 189, 34, 255},  {23, 190, 207, 255}};
constexpr MarkerShape kSeriesMarkers[] = {MarkerShape::kCircle, MarkerShape::kSquare, MarkerShape::kTriangleUp,
                                          MarkerShape::kDiamond, MarkerShape::kTriangleDown};
constexpr Rgba kGridLine{229, 229, 229, 255};
constexpr Rgba kZeroLine{150, 150, 150, 255};
constexpr Rgba kPlotFrame{140, 140, 140, 255};

// Radius (scene.h: to the edges) at scale 1 that makes each shape look about as large as a 4 px
// circle: a square's corners and a triangle's apex lie further out.
double marker_radius(MarkerShape shape) {
  switch (shape) {
    case MarkerShape::kCircle:
      return 4.0;
    case MarkerShape::kSquare:
      return 3.5;
    case MarkerShape::kDiamond:
      return 3.6;
    case MarkerShape::kTriangleUp:
    case MarkerShape::kTriangleDown:
      return 3.0;
  }
  return 4.0;
}

// Solid, dashed, dotted, dash-dot at scale 1 (scene.h: lengths along the line, round caps not counted).
std::vector<double> series_dashes(size_t k) {
  switch (k % 4) {
    case 1:
      return {7, 5};
    case 2:
      return {0, 4.5};
    case 3:
      return {8, 4, 0, 4};
    default:
      return {};
  }
}

class CurvesBuilder {
 public:
  CurvesBuilder(const CurveFigure& figure, const FigureStyle& style, FontSet& fonts);
  Scene build(CurveLayout* layout);

 private:
  int px(double v) const { return static_cast<int>(std::lround(v * s_)); }
  int line_px() const { return std::max(1, px(1)); }
  int plot_w() const { return pitch_ * static_cast<int>(fig_.x_labels.size()); }
  void validate() const;
  void choose_sizes();
  CurveAxis axis_for(const CurvePanel& panel) const;
  int y_of(const CurveAxis& axis, double v) const;
  int x_of(size_t bin) const { return pitch_ * static_cast<int>(bin) + pitch_ / 2; }
  size_t style_of(const std::string& name) const;
  PolylineItem series_line(size_t style, std::vector<Point> points) const;
  MarkerItem series_marker(size_t style, Point centre) const;
  void add_axes(Scene& scene, const CurveAxis& axis) const;
  void add_curves(Scene& scene, size_t panel);
  void add_panel_texts(Scene& scene, size_t panel) const;
  Scene panel_block(size_t panel);
  Scene panels_row(std::vector<Box>& plots);
  Scene legend(int x, int y) const;
  CurveLayout report(const Scene& framed, const Scene& body, std::vector<Box> plots, Box legend) const;

  const CurveFigure& fig_;
  const FigureStyle& style_;
  double s_;
  FontSet& fonts_;
  Rotation rotation_;
  std::vector<std::string> names_;  // every series' name once, in legend order
  std::vector<CurveAxis> axes_;     // one per panel
  int pitch_ = 0, plot_h_ = 0;
  double tick_size_ = 0;
  CurveLayout layout_;
  // What each plot marker and line of the scene shows, in the scene's order (the legend's follow).
  std::vector<CurvePoint> points_;
  std::vector<CurveLine> lines_;
};

CurvesBuilder::CurvesBuilder(const CurveFigure& figure, const FigureStyle& style, FontSet& fonts)
    : fig_(figure),
      style_(style),
      s_(style.scale),
      fonts_(fonts),
      rotation_(rotation_from_degrees(style.label_rotation, "--label-rotation")) {
  check_style(style_);
  for (const CurvePanel& p : fig_.panels)
    for (const CurveSeries& series : p.series)
      if (std::find(names_.begin(), names_.end(), series.name) == names_.end()) names_.push_back(series.name);
  validate();
  for (const CurvePanel& p : fig_.panels) axes_.push_back(axis_for(p));
}

void CurvesBuilder::validate() const {
  if (fig_.panels.empty()) throw Error::usage("nothing to draw: the figure has no panels");
  if (fig_.x_labels.empty()) throw Error::usage("nothing to draw: the figure has no categories (x labels)");
  for (size_t i = 0; i < fig_.panels.size(); ++i) {
    const CurvePanel& p = fig_.panels[i];
    if (p.series.empty())
      throw Error::usage("nothing to draw: panel " + std::to_string(i) +
                         (p.title.empty() ? "" : " ('" + p.title + "')") + " has no series");
    for (const CurveSeries& series : p.series)
      if (series.values.size() != fig_.x_labels.size())
        throw Error::usage("series '" + series.name + "' has " + std::to_string(series.values.size()) + " values for " +
                           std::to_string(fig_.x_labels.size()) + " categories");
  }
  if (names_.size() > kMaxSeries)
    throw Error::usage(std::to_string(names_.size()) + " series are too many to tell apart: a curve figure draws " +
                       std::to_string(kMaxSeries) + " at most");
}

void CurvesBuilder::choose_sizes() {
  const size_t bins = fig_.x_labels.size();
  pitch_ = std::max(px(24), px(360.0 / static_cast<double>(bins))) / 2 * 2;  // even: centres on whole pixels
  plot_h_ = px(260);
  tick_size_ = 10.5 * s_;
  double widest = 0;
  for (const std::string& label : fig_.x_labels)
    widest = std::max(widest, fonts_.measure(shorten(label), tick_size_).width + 1);
  layout_.x_labels_upright = widest <= pitch_ - px(4);
  if (!layout_.x_labels_upright) {
    const int thickness = line_height(fonts_, tick_size_);
    layout_.x_label_step = label_step(thickness, rotation_ == Rotation::kCcw45 ? pitch_ * kSqrtHalf : pitch_);
  }
}

// The values and 0, out to the nearest ticks, and 4 % of that beyond at either end.
CurveAxis CurvesBuilder::axis_for(const CurvePanel& panel) const {
  double lo = 0, hi = 0;
  for (const CurveSeries& series : panel.series)
    for (double v : series.values)
      if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
  if (!(hi > lo)) hi = lo + 1;
  CurveAxis axis;
  axis.ticks = ticks_covering(lo, hi);
  const double room = (axis.ticks.back() - axis.ticks.front()) * 0.04;
  axis.min = axis.ticks.front() - room;
  axis.max = axis.ticks.back() + room;
  return axis;
}

int CurvesBuilder::y_of(const CurveAxis& axis, double v) const {
  return static_cast<int>(std::lround((axis.max - v) / (axis.max - axis.min) * plot_h_));
}

size_t CurvesBuilder::style_of(const std::string& name) const {
  return static_cast<size_t>(std::find(names_.begin(), names_.end(), name) - names_.begin());
}

PolylineItem CurvesBuilder::series_line(size_t style, std::vector<Point> points) const {
  PolylineItem line{std::move(points), 2 * s_, series_dashes(style), kTab10[style % 10]};
  for (double& d : line.dashes) d *= s_;
  return line;
}

MarkerItem CurvesBuilder::series_marker(size_t style, Point centre) const {
  const MarkerShape shape = kSeriesMarkers[style % 5];
  return {centre, shape, marker_radius(shape) * s_, 1.5 * s_, kTab10[style % 10]};
}

// The frame just outside the plot, a grid line at every tick (darker at 0), tick marks and the
// y axis's numbers on the left, tick marks under each category.
void CurvesBuilder::add_axes(Scene& scene, const CurveAxis& axis) const {
  const int w = plot_w(), h = plot_h_, t = line_px(), mark = px(4);
  const double step = axis.ticks.size() > 1 ? axis.ticks[1] - axis.ticks[0] : 1.0;
  for (double tick : axis.ticks) {
    const int y = y_of(axis, tick) - t / 2;
    scene.rects.push_back({{0, y, w, t}, tick == 0 ? kZeroLine : kGridLine});
    scene.rects.push_back({{-t - mark, y, mark, t}, kPlotFrame});
    TextItem label = make_text(fonts_, tick_label(tick, step), tick_size_, TextRole::kValueLabel);
    label.box.x = -t - mark - px(3) - label.box.w;
    label.box.y = y + t / 2 - label.box.h / 2;
    scene.texts.push_back(std::move(label));
  }
  for (size_t bin = 0; bin < fig_.x_labels.size(); ++bin)
    scene.rects.push_back({{x_of(bin) - t / 2, h + t, t, mark}, kPlotFrame});
  scene.rects.push_back({{-t, -t, w + 2 * t, t}, kPlotFrame});
  scene.rects.push_back({{-t, h, w + 2 * t, t}, kPlotFrame});
  scene.rects.push_back({{-t, 0, t, h}, kPlotFrame});
  scene.rects.push_back({{w, 0, t, h}, kPlotFrame});
}

// One line through each run of consecutive values (a lone value has none), a marker at each value.
void CurvesBuilder::add_curves(Scene& scene, size_t panel) {
  const CurvePanel& p = fig_.panels[panel];
  for (size_t j = 0; j < p.series.size(); ++j) {
    const CurveSeries& series = p.series[j];
    const size_t style = style_of(series.name);
    CurveLine run{panel, j, {}};
    std::vector<Point> points;
    auto end_run = [&] {
      if (run.bins.size() >= 2) {
        scene.polylines.push_back(series_line(style, points));
        lines_.push_back(run);
      }
      run.bins.clear();
      points.clear();
    };
    for (size_t bin = 0; bin < series.values.size(); ++bin) {
      if (!std::isfinite(series.values[bin])) {
        end_run();
        continue;
      }
      const Point at{x_of(bin), y_of(axes_[panel], series.values[bin])};
      run.bins.push_back(bin);
      points.push_back(at);
      scene.markers.push_back(series_marker(style, at));
      points_.push_back({panel, j, bin, at.x, at.y});
    }
    end_run();
  }
}

// Category labels and the x caption under the plot, the y caption left of the numbers, the title above.
void CurvesBuilder::add_panel_texts(Scene& scene, size_t panel) const {
  const CurvePanel& p = fig_.panels[panel];
  const int w = plot_w(), h = plot_h_;
  int numbers_left = 0;
  for (const Box& b : scene.boxes(TextRole::kValueLabel)) numbers_left = std::min(numbers_left, b.x);
  add_col_labels(scene, fonts_, fig_.x_labels, fig_.x_labels.size(), 0, h + line_px() + px(7), pitch_,
                 layout_.x_label_step, tick_size_, layout_.x_labels_upright ? Rotation::kUp : rotation_);
  const double size = 12 * s_;
  if (!fig_.x_caption.empty()) {
    TextItem caption = make_text(fonts_, cut_to_width(fonts_, fig_.x_caption, size, w), size, TextRole::kCaption);
    caption.box.x = (w - caption.box.w) / 2;
    caption.box.y = bottom_under(scene, caption.box.x, caption.box.w) + px(6);
    scene.texts.push_back(std::move(caption));
  }
  if (!p.y_caption.empty()) {
    TextItem caption =
        make_text(fonts_, cut_to_width(fonts_, p.y_caption, size, h), size, TextRole::kCaption, Rotation::kCcw90);
    caption.box.x = numbers_left - px(8) - caption.box.w;
    caption.box.y = (h - caption.box.h) / 2;
    scene.texts.push_back(std::move(caption));
  }
  // As in a panel grid: wrapped to the plot's width (160 px at least), never cut.
  std::vector<std::string> lines = wrap_text(fonts_, p.title, size, std::max(w, px(160)));
  int bottom = -line_px() - px(8);
  for (auto line = lines.rbegin(); !p.title.empty() && line != lines.rend(); ++line) {
    TextItem t = make_text(fonts_, *line, size, TextRole::kHeader);
    t.box.x = (w - t.box.w) / 2;
    t.box.y = bottom - t.box.h;
    bottom = t.box.y - px(2);
    scene.texts.push_back(std::move(t));
  }
}

Scene CurvesBuilder::panel_block(size_t panel) {
  Scene scene;
  add_axes(scene, axes_[panel]);
  add_curves(scene, panel);
  add_panel_texts(scene, panel);
  return scene;
}

// One entry per series from (x, y) down: a stretch of its line with its marker, then its name.
Scene CurvesBuilder::legend(int x, int y) const {
  Scene scene;
  const double size = 11.5 * s_;
  const int sample = px(36) / 2 * 2, pitch = std::max(line_height(fonts_, size), px(14)) + px(6);
  for (size_t k = 0; k < names_.size(); ++k) {
    const int cy = y + static_cast<int>(k) * pitch + pitch / 2;
    scene.polylines.push_back(series_line(k, {{x, cy}, {x + sample, cy}}));
    scene.markers.push_back(series_marker(k, {x + sample / 2, cy}));
    TextItem name = make_text(fonts_, cut_to_width(fonts_, names_[k], size, px(220)), size, TextRole::kLegend);
    name.box.x = x + sample + px(8);
    name.box.y = cy - name.box.h / 2;
    scene.texts.push_back(std::move(name));
  }
  return scene;
}

// The panels left to right with their plots' tops at y = 0; `plots` receives each plot's area.
Scene CurvesBuilder::panels_row(std::vector<Box>& plots) {
  Scene row;
  int right = 0;
  for (size_t i = 0; i < fig_.panels.size(); ++i) {
    const Scene block = panel_block(i);
    const Box e = block.extent();
    const int x = i == 0 ? 0 : right + px(28) - e.x;
    row.append(block, x, 0);
    plots.push_back({x, 0, plot_w(), plot_h_});
    right = x + e.x + e.w;
  }
  return row;
}

// The layout read off the framed scene, with the boxes the body had (`plots`, `legend`) moved as
// frame_figure moved the body: as one piece, adding only text, so its first marker says how far.
CurveLayout CurvesBuilder::report(const Scene& framed, const Scene& body, std::vector<Box> plots, Box legend) const {
  const int dx = framed.markers.front().centre.x - body.markers.front().centre.x;
  const int dy = framed.markers.front().centre.y - body.markers.front().centre.y;
  CurveLayout l = layout_;
  l.width = framed.width;
  l.height = framed.height;
  for (Box& p : plots) shift(p, dx, dy);
  l.plots = std::move(plots);
  shift(legend, dx, dy);
  l.legend = legend;
  l.y_axes = axes_;
  l.points = points_;
  for (size_t i = 0; i < points_.size(); ++i)
    l.points[i].x = framed.markers[i].centre.x, l.points[i].y = framed.markers[i].centre.y;
  l.lines = lines_;
  for (const TextItem& t : framed.texts)
    if (t.role == TextRole::kLegend) l.legend_names.push_back(t.text);
  const std::pair<std::vector<Box>*, TextRole> by_role[] = {{&l.legend_labels, TextRole::kLegend},
                                                            {&l.headers, TextRole::kHeader},
                                                            {&l.x_labels, TextRole::kColLabel},
                                                            {&l.y_labels, TextRole::kValueLabel},
                                                            {&l.captions, TextRole::kCaption}};
  for (const auto& [boxes, role] : by_role) *boxes = framed.boxes(role);
  l.x_label_frames = framed.frames(TextRole::kColLabel);
  return l;
}

Scene CurvesBuilder::build(CurveLayout* layout) {
  choose_sizes();
  std::vector<Box> plots;
  Scene body = panels_row(plots);
  const Box row = body.extent();
  const Scene key = legend(row.x + row.w + px(24), 0);
  body.append(key, 0, 0);
  Scene scene = frame_figure(fonts_, fig_.title, fig_.subtitle, body, s_);
  if (layout != nullptr) *layout = report(scene, body, std::move(plots), key.extent());
  return scene;
}

}  // namespace

Scene curves_scene(const CurveFigure& figure, const FigureStyle& style, FontSet& fonts, CurveLayout* layout) {
  return CurvesBuilder(figure, style, fonts).build(layout);
}

}  // namespace render

CurveLayout layout_curves(const CurveFigure& figure, const FigureStyle& style) {
  return render::layout_of(render::curves_scene, figure, style);
}

Image render_curves(const CurveFigure& figure, const FigureStyle& style) {
  return render::image_of(render::curves_scene, figure, style);
}

}  // namespace attnmap
