// Heatmap layout and drawing. Layout measures every piece of text first and places boxes; drawing
// then only paints. All lengths are multiplied by FigureStyle::scale.
#include <algorithm>
#include <cmath>
#include <limits>

#include "attnmap/colormap.h"
#include "attnmap/error.h"
#include "attnmap/figure.h"
#include "core/utf8.h"
#include "render/canvas.h"
#include "render/font.h"

namespace attnmap {
namespace {

using render::AlphaMask;
using render::Canvas;
using render::FontSet;
using render::Rotation;

constexpr Rgba kBackground{255, 255, 255, 255};
constexpr Rgba kInk{38, 38, 38, 255};
constexpr Rgba kLightInk{255, 255, 255, 255};
constexpr size_t kMaxLabelChars = 24;

struct Text {
  AlphaMask mask;
  Rotation rotation = Rotation::kUp;
  Box box;
  Rgba color = kInk;
};

// Cuts a label to kMaxLabelChars code points, marking the cut with an ellipsis.
std::string shorten(const std::string& label, size_t max_chars = kMaxLabelChars) {
  std::u32string chars = utf8::decode(label, "label");
  if (chars.size() <= max_chars) return label;
  chars.resize(max_chars - 1);
  chars.push_back(U'\u2026');
  return utf8::encode(chars);
}

// Ticks at 1, 2 or 5 × 10^k, about five of them, inside [lo, hi].
std::vector<double> nice_ticks(double lo, double hi) {
  if (!(hi > lo)) return {lo};
  double raw = (hi - lo) / 5.0;
  double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  double step = magnitude;
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    if (raw <= m * magnitude) {
      step = m * magnitude;
      break;
    }
  }
  std::vector<double> ticks;
  for (double t = std::ceil(lo / step - 1e-9) * step; t <= hi + step * 1e-9; t += step)
    ticks.push_back(std::abs(t) < step * 1e-9 ? 0.0 : t);
  return ticks;
}

std::string tick_label(double value, double step) {
  int decimals = step >= 1 ? 0 : static_cast<int>(std::ceil(-std::log10(step) - 1e-9));
  return format_number(value, "." + std::to_string(std::min(decimals, 6)) + "f");
}

class Painter {
 public:
  Painter(const HeatmapFigure& figure, const FigureStyle& style)
      : fig_(figure), style_(style), s_(style.scale), fonts_(style.font_path),
        cmap_(Colormap::by_name(style.colormap)) {
    if (!(s_ > 0 && s_ <= 10)) throw Error::usage("scale must be in (0, 10]", "--scale");
    const Matrix& m = fig_.matrix;
    if (m.rows == 0 || m.cols == 0) throw Error::input("nothing to draw: the matrix is empty");
    if (m.values.size() != m.rows * m.cols) throw Error::input("matrix values do not match its shape");
    if (style_.annotate != Annotate::kOff) format_number(0.5, style_.number_format);  // validates early
    compute_range();
    layout();
  }

  const HeatmapLayout& result() const { return layout_; }
  Image draw();

 private:
  int px(double v) const { return static_cast<int>(std::lround(v * s_)); }
  Text text(const std::string& s, double size, Rotation rotation = Rotation::kUp);
  void compute_range();
  void choose_sizes();
  void layout();
  void place_tick_labels(int left_x, int plot_x, int plot_y);
  void place_colorbar(int x, int y);

  const HeatmapFigure& fig_;
  const FigureStyle& style_;
  double s_;
  FontSet fonts_;
  Colormap cmap_;
  HeatmapLayout layout_;
  std::vector<Text> texts_;
  std::vector<double> ticks_;
};

Text Painter::text(const std::string& s, double size, Rotation rotation) {
  Text t;
  t.mask = fonts_.render(s, size);
  t.rotation = rotation;
  Canvas::rotated_size(t.mask, rotation, t.box.w, t.box.h);
  return t;
}

void Painter::compute_range() {
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (float v : fig_.matrix.values) {
    if (!std::isfinite(v)) continue;
    lo = std::min(lo, static_cast<double>(v));
    hi = std::max(hi, static_cast<double>(v));
  }
  if (!std::isfinite(lo)) lo = 0, hi = 1;
  if (cmap_.diverging()) {
    double extent = std::max(std::abs(lo), std::abs(hi));
    lo = -extent;
    hi = extent;
  }
  layout_.vmin = style_.vmin.value_or(lo);
  layout_.vmax = style_.vmax.value_or(hi);
  if (layout_.vmin > layout_.vmax) throw Error::usage("vmin is greater than vmax", "--vmin/--vmax");
}

void Painter::choose_sizes() {
  const size_t longest = std::max(fig_.matrix.rows, fig_.matrix.cols);
  layout_.cell = std::clamp(px(720.0 / static_cast<double>(longest)), std::max(1, px(3)), px(44));
  const double cell = layout_.cell;
  layout_.tick_font_size = std::min(12.0 * s_, cell * 0.75);
  if (layout_.tick_font_size < 7.0 * s_) {
    layout_.tick_font_size = 7.0 * s_;
    layout_.label_step = static_cast<int>(std::ceil(layout_.tick_font_size * 1.35 / cell));
  }
  layout_.annotation_font_size = 0;
  if (style_.annotate == Annotate::kOff) return;
  double size = std::min(11.0 * s_, cell * 0.4);
  double widest = 0;
  for (float v : fig_.matrix.values)
    widest = std::max(widest, fonts_.measure(format_number(v, style_.number_format), size).width);
  if (widest > cell - 4 * s_) size *= (cell - 4 * s_) / widest;
  if (style_.annotate == Annotate::kAuto && size < 7.0 * s_) return;
  if (size >= 3.0) layout_.annotation_font_size = size;
}

void Painter::layout() {
  choose_sizes();
  const int margin = px(14), gap = px(8);
  std::vector<Text> head;
  if (!fig_.title.empty()) head.push_back(text(fig_.title, 15 * s_));
  if (!fig_.subtitle.empty()) head.push_back(text(shorten(fig_.subtitle, 120), 11.5 * s_));
  int y = margin;
  for (auto& t : head) {
    t.box.x = margin;
    t.box.y = y;
    y += t.box.h + px(4);
  }
  const int plot_top = y + gap;
  Text row_caption = text(fig_.row_caption, 12 * s_, Rotation::kCcw90);
  const int row_labels_right = margin + row_caption.box.w + gap;
  // Row label width decides where the plot starts.
  int widest_row = 0;
  for (size_t r = 0; r < fig_.matrix.rows; r += layout_.label_step)
    widest_row = std::max(widest_row, static_cast<int>(std::ceil(
        fonts_.measure(shorten(r < fig_.matrix.row_labels.size() ? fig_.matrix.row_labels[r] : ""),
                       layout_.tick_font_size).width)) + 1);
  const int plot_x = row_labels_right + widest_row + px(5);
  place_tick_labels(row_labels_right, plot_x, plot_top);

  const Box& plot = layout_.plot;
  int labels_bottom = plot.y + plot.h;
  for (const auto& b : layout_.col_labels) labels_bottom = std::max(labels_bottom, b.y + b.h);
  Text col_caption = text(fig_.col_caption, 12 * s_);
  col_caption.box.x = plot.x + std::max(0, (plot.w - col_caption.box.w) / 2);
  col_caption.box.y = labels_bottom + gap;
  row_caption.box.x = margin;
  row_caption.box.y = plot.y + std::max(0, (plot.h - row_caption.box.h) / 2);
  place_colorbar(plot.x + plot.w + px(18), plot.y);

  for (const auto& t : head) layout_.captions.push_back(t.box);
  layout_.captions.push_back(row_caption.box);
  layout_.captions.push_back(col_caption.box);
  texts_.push_back(std::move(row_caption));
  texts_.push_back(std::move(col_caption));
  for (auto& t : head) texts_.push_back(std::move(t));
  int right = layout_.colorbar.x + layout_.colorbar.w;
  int bottom = layout_.colorbar.y + layout_.colorbar.h;
  for (const auto& t : texts_) {
    right = std::max(right, t.box.x + t.box.w);
    bottom = std::max(bottom, t.box.y + t.box.h);
  }
  layout_.width = right + margin;
  layout_.height = bottom + margin;
}

void Painter::place_tick_labels(int left_x, int plot_x, int plot_y) {
  const Matrix& m = fig_.matrix;
  const int cell = layout_.cell;
  layout_.plot = {plot_x, plot_y, cell * static_cast<int>(m.cols), cell * static_cast<int>(m.rows)};
  for (size_t r = 0; r < m.rows; r += layout_.label_step) {
    Text t = text(shorten(r < m.row_labels.size() ? m.row_labels[r] : ""), layout_.tick_font_size);
    t.box.x = plot_x - px(5) - t.box.w;
    t.box.y = plot_y + static_cast<int>(r) * cell + (cell - t.box.h) / 2;
    t.box.x = std::max(t.box.x, left_x);
    layout_.row_labels.push_back(t.box);
    texts_.push_back(std::move(t));
  }
  for (size_t c = 0; c < m.cols; c += layout_.label_step) {
    Text t = text(shorten(c < m.col_labels.size() ? m.col_labels[c] : ""), layout_.tick_font_size, Rotation::kCcw90);
    t.box.x = plot_x + static_cast<int>(c) * cell + (cell - t.box.w) / 2;
    t.box.y = plot_y + layout_.plot.h + px(5);
    layout_.col_labels.push_back(t.box);
    texts_.push_back(std::move(t));
  }
}

void Painter::place_colorbar(int x, int y) {
  const int height = std::max(layout_.plot.h, px(160));
  layout_.colorbar = {x, y, px(14), height};
  ticks_ = nice_ticks(layout_.vmin, layout_.vmax);
  const double step = ticks_.size() > 1 ? ticks_[1] - ticks_[0] : 1.0;
  int widest = 0;
  for (double t : ticks_) {
    Text label = text(tick_label(t, step), 10.5 * s_);
    double frac = layout_.vmax > layout_.vmin ? (t - layout_.vmin) / (layout_.vmax - layout_.vmin) : 0.5;
    int ty = y + static_cast<int>(std::lround((1.0 - frac) * (height - 1)));
    label.box.x = x + layout_.colorbar.w + px(7);
    label.box.y = std::clamp(ty - label.box.h / 2, y - label.box.h / 2, y + height - label.box.h / 2);
    widest = std::max(widest, label.box.w);
    layout_.colorbar_labels.push_back(label.box);
    texts_.push_back(std::move(label));
  }
  Text caption = text(fig_.value_caption, 12 * s_, Rotation::kCcw90);
  caption.box.x = x + layout_.colorbar.w + px(7) + widest + px(8);
  caption.box.y = y + std::max(0, (height - caption.box.h) / 2);
  layout_.captions.push_back(caption.box);
  texts_.push_back(std::move(caption));
}

Image Painter::draw() {
  Canvas canvas(layout_.width, layout_.height, kBackground);
  const Matrix& m = fig_.matrix;
  const Box& plot = layout_.plot;
  const double span = layout_.vmax - layout_.vmin;
  auto normalise = [&](double v) { return span > 0 ? (v - layout_.vmin) / span : 0.5; };
  for (size_t r = 0; r < m.rows; ++r) {
    for (size_t c = 0; c < m.cols; ++c) {
      Rgba color = cmap_.at(normalise(m.at(r, c)));
      int x = plot.x + static_cast<int>(c) * layout_.cell, y = plot.y + static_cast<int>(r) * layout_.cell;
      canvas.fill_rect(x, y, layout_.cell, layout_.cell, color);
      if (layout_.annotation_font_size > 0) {
        AlphaMask mask = fonts_.render(format_number(m.at(r, c), style_.number_format), layout_.annotation_font_size);
        Rgba ink = relative_luminance(color) < 0.4 ? kLightInk : kInk;
        canvas.draw_mask(mask, x + (layout_.cell - mask.width) / 2, y + (layout_.cell - mask.height) / 2, ink);
      }
    }
  }
  const Box& bar = layout_.colorbar;
  for (int i = 0; i < bar.h; ++i)
    canvas.fill_rect(bar.x, bar.y + i, bar.w, 1, cmap_.at(1.0 - static_cast<double>(i) / std::max(1, bar.h - 1)));
  for (size_t i = 0; i < ticks_.size(); ++i) {
    const Box& label = layout_.colorbar_labels[i];
    canvas.fill_rect(bar.x + bar.w, label.y + label.h / 2, px(4), std::max(1, px(1)), kInk);
  }
  for (const Text& t : texts_) canvas.draw_mask(t.mask, t.box.x, t.box.y, t.color, t.rotation);
  return canvas.take_image();
}

}  // namespace

HeatmapLayout layout_heatmap(const HeatmapFigure& figure, const FigureStyle& style) {
  return Painter(figure, style).result();
}

Image render_heatmap(const HeatmapFigure& figure, const FigureStyle& style) {
  return Painter(figure, style).draw();
}

}  // namespace attnmap
