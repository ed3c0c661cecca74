#include "render/figure_parts.h"
#include "render/geometry.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

#include "attnmap/error.h"
#include "core/utf8.h"

namespace attnmap::render {
namespace {


int px(double v, double s) { return static_cast<int>(std::lround(v * s)); }

// 1, 2 or 5 × 10^k: the least of them that cuts [lo, hi] into at most five steps.
double nice_step(double lo, double hi) {
  double raw = (hi - lo) / 5.0;
  double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  double step = magnitude;
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    if (raw <= m * magnitude) {
      step = m * magnitude;
      break;
    }
  }
  return step;
}

// first, first + step, ... up to `last`, with the one near 0 exactly 0.
std::vector<double> ticks_from(double first, double last, double step) {
  std::vector<double> ticks;
  for (double t = first; t <= last + step * 1e-9; t += step) ticks.push_back(std::abs(t) < step * 1e-9 ? 0.0 : t);
  return ticks;
}

const std::string& label_at(const std::vector<std::string>& labels, size_t i) {
  static const std::string kNone;
  return i < labels.size() ? labels[i] : kNone;
}

// A 45° label whose upper end sits at (cx, top): the end of the line, centred on its thickness,
// is at (cx + h/(2√2), top + h/(2√2)); the line runs down to the left from there.
void place_diagonal(TextItem& t, double cx, int top) {
  const double end_x = cx + t.h * kSqrtHalf / 2, end_y = top + t.h * kSqrtHalf / 2;
  const double centre_x = end_x - t.w * kSqrtHalf / 2, centre_y = end_y + t.w * kSqrtHalf / 2;
  t.box.x = static_cast<int>(std::lround(centre_x - t.box.w / 2.0));
  t.box.y = static_cast<int>(std::lround(centre_y - t.box.h / 2.0));
}

}  // namespace

std::vector<double> nice_ticks(double lo, double hi) {
  if (!(hi > lo)) return {lo};
  const double step = nice_step(lo, hi);
  return ticks_from(std::ceil(lo / step - 1e-9) * step, hi, step);
}

std::vector<double> ticks_covering(double lo, double hi) {
  if (!(hi > lo)) return {lo};
  const double step = nice_step(lo, hi);
  return ticks_from(std::floor(lo / step + 1e-9) * step, std::ceil(hi / step - 1e-9) * step, step);
}

std::string tick_label(double value, double step) {
  int decimals = step >= 1 ? 0 : static_cast<int>(std::ceil(-std::log10(step) - 1e-9));
  return format_number(value, "." + std::to_string(std::min(decimals, 6)) + "f");
}

std::string shorten(const std::string& label, size_t max_chars) {
  std::u32string chars = utf8::decode(label, "label");
  if (chars.size() <= max_chars) return label;
  chars.resize(max_chars - 1);
  chars.push_back(U'\u2026');
  return utf8::encode(chars);
}

std::string cut_to_width(FontSet& fonts, const std::string& text, double size, int max_width) {
  auto fits = [&](const std::string& line) { return fonts.measure(line, size).width <= max_width; };
  if (fits(text)) return text;
  std::u32string chars = utf8::decode(text, "title");
  std::string out = text;
  while (!fits(out) && chars.size() > 1) {
    chars.pop_back();
    out = utf8::encode(chars) + "\u2026";
  }
  return out;
}

std::vector<std::string> wrap_text(FontSet& fonts, const std::string& text, double size, int max_width) {
  auto fits = [&](const std::string& line) { return fonts.measure(line, size).width <= max_width; };
  // Pieces in order, each with the separator that joins it to the one before.
  std::vector<std::pair<std::string, std::string>> pieces;
  const std::string part_separator = " \u00b7 ";
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(part_separator, start);
    const std::string part = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
    std::string joiner = pieces.empty() ? "" : part_separator;
    size_t word_start = 0;
    while (word_start <= part.size()) {
      size_t space = part.find(' ', word_start);
      pieces.emplace_back(joiner, part.substr(word_start, space == std::string::npos ? std::string::npos : space - word_start));
      joiner = " ";
      if (space == std::string::npos) break;
      word_start = space + 1;
    }
    if (end == std::string::npos) break;
    start = end + part_separator.size();
  }
  // Greedy: a part stays whole on a line when it fits; otherwise it breaks between its words.
  std::vector<std::string> lines;
  std::string line;
  for (const auto& [joiner, word] : pieces) {
    if (!line.empty() && fits(line + joiner + word)) {
      line += joiner + word;
      continue;
    }
    if (!line.empty()) lines.push_back(line);
    line = cut_to_width(fonts, word, size, max_width);
  }
  if (!line.empty() || lines.empty()) lines.push_back(line);
  return lines;
}

// Control characters (a tab inside a token, say) have no glyph: both backends show U+FFFD instead.
std::string visible(const std::string& text) {
  if (std::none_of(text.begin(), text.end(), [](char c) { return (c >= 0 && c < 0x20) || c == 0x7F; })) return text;
  std::u32string chars = utf8::decode(text, "label");
  for (char32_t& c : chars)
    if (c < 0x20 || c == 0x7F) c = 0xFFFD;
  return utf8::encode(chars);
}

TextItem make_text(FontSet& fonts, const std::string& text, double size, TextRole role, Rotation rotation,
                   Rgba color) {
  TextItem t;
  t.text = visible(text);
  const MaskSize m = fonts.mask_size(t.text, size);
  t.size = size;
  t.rotation = rotation;
  t.w = m.width;
  t.h = m.height;
  t.baseline = m.baseline;
  rotated_size(t.w, t.h, rotation, t.box.w, t.box.h);
  t.color = color;
  t.role = role;
  return t;
}

ValueRange value_range(const std::vector<const Matrix*>& matrices, bool centred, const FigureStyle& style) {
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (const Matrix* m : matrices) {
    for (float v : m->values) {
      if (!std::isfinite(v)) continue;
      lo = std::min(lo, static_cast<double>(v));
      hi = std::max(hi, static_cast<double>(v));
    }
  }
  if (!std::isfinite(lo)) lo = 0, hi = 1;
  if (centred) {
    double extent = std::max(std::abs(lo), std::abs(hi));
    lo = -extent;
    hi = extent;
  }
  ValueRange r{style.vmin.value_or(lo), style.vmax.value_or(hi)};
  if (r.vmin > r.vmax) throw Error::usage("vmin is greater than vmax", "--vmin/--vmax");
  return r;
}

void check_matrix(const Matrix& m) {
  if (m.rows == 0 || m.cols == 0) throw Error::input("nothing to draw: the matrix is empty");
  if (m.values.size() != m.rows * m.cols) throw Error::input("matrix values do not match its shape");
}

void check_style(const FigureStyle& style) {
  if (!(style.scale > 0 && style.scale <= 10)) throw Error::usage("scale must be in (0, 10]", "--scale");
  if (style.annotate != Annotate::kOff) format_number(0.5, style.number_format);  // validates early
  rotation_from_degrees(style.label_rotation, "--label-rotation");
}

double tick_font_size(int pitch, double s) { return std::max(7.0 * s, std::min(12.0 * s, pitch * 0.75)); }

int label_step(int thickness, double pitch) {
  return std::max(1, static_cast<int>(std::ceil(thickness / std::max(pitch, 1e-9) - 1e-9)));
}

int line_height(FontSet& fonts, double size) { return fonts.mask_size("Ag", size).height; }

void add_row_labels(Scene& scene, FontSet& fonts, const std::vector<std::string>& labels, size_t count, int right,
                    int top, int pitch, int step, double size) {
  for (size_t r = 0; r < count; r += static_cast<size_t>(step)) {
    TextItem t = make_text(fonts, shorten(label_at(labels, r)), size, TextRole::kRowLabel);
    t.box.x = right - t.box.w;
    t.box.y = top + static_cast<int>(r) * pitch + (pitch - t.box.h) / 2;
    scene.texts.push_back(std::move(t));
  }
}

void add_col_labels(Scene& scene, FontSet& fonts, const std::vector<std::string>& labels, size_t count, int x0,
                    int top, int pitch, int step, double size, Rotation rotation) {
  for (size_t c = 0; c < count; c += static_cast<size_t>(step)) {
    TextItem t = make_text(fonts, shorten(label_at(labels, c)), size, TextRole::kColLabel, rotation);
    const int left = x0 + static_cast<int>(c) * pitch;
    if (rotation == Rotation::kCcw45) {
      place_diagonal(t, left + pitch / 2.0, top);
    } else {
      t.box.x = left + (pitch - t.box.w) / 2;
      t.box.y = top;
    }
    scene.texts.push_back(std::move(t));
  }
}

void add_cells(Scene& scene, const Matrix& m, const Colormap& cmap, const ValueRange& range, int x, int y, int cw,
               int ch) {
  const Box box{x, y, cw * static_cast<int>(m.cols), ch * static_cast<int>(m.rows)};
  scene.cells.push_back({box, cw, ch, &m, cmap, range});
}

double annotation_size(FontSet& fonts, const std::vector<const Matrix*>& matrices, const FigureStyle& style, int cw,
                       int ch) {
  if (style.annotate == Annotate::kOff) return 0;
  const double s = style.scale;
  double size = std::min(11.0 * s, std::min(cw, ch) * 0.4);
  if (style.annotate == Annotate::kAuto && size < 7.0 * s) return 0;
  std::set<std::string> numbers;
  for (const Matrix* m : matrices)
    for (float v : m->values) numbers.insert(format_number(v, style.number_format));
  double widest = 0;
  for (const auto& n : numbers) widest = std::max(widest, fonts.measure(n, size).width);
  if (widest > cw - 4 * s) size *= (cw - 4 * s) / widest;
  if (style.annotate == Annotate::kAuto && size < 7.0 * s) return 0;
  return size >= 3.0 ? size : 0;
}

void add_annotations(Scene& scene, FontSet& fonts, const Matrix& m, const Colormap& cmap, const ValueRange& range,
                     int x, int y, int cw, int ch, double size, const std::string& format) {
  for (size_t r = 0; r < m.rows; ++r) {
    for (size_t c = 0; c < m.cols; ++c) {
      Rgba cell = cmap.at(range.normalise(m.at(r, c)));
      Rgba ink = relative_luminance(cell) < 0.4 ? kLightInk : kInk;
      TextItem t = make_text(fonts, format_number(m.at(r, c), format), size, TextRole::kAnnotation, Rotation::kUp, ink);
      t.box.x = x + static_cast<int>(c) * cw + (cw - t.box.w) / 2;
      t.box.y = y + static_cast<int>(r) * ch + (ch - t.box.h) / 2;
      scene.texts.push_back(std::move(t));
    }
  }
}

void add_colorbar(Scene& scene, FontSet& fonts, const Colormap& cmap, const ValueRange& range, int x, int y,
                  int height, const std::string& caption, double s) {
  const Box bar{x, y, px(14, s), height};
  scene.colorbars.push_back({bar, cmap});
  const std::vector<double> ticks = nice_ticks(range.vmin, range.vmax);
  const double step = ticks.size() > 1 ? ticks[1] - ticks[0] : 1.0;
  int widest = 0;
  for (double tick : ticks) {
    TextItem label = make_text(fonts, tick_label(tick, step), 10.5 * s, TextRole::kColorbarLabel);
    int ty = y + static_cast<int>(std::lround((1.0 - range.normalise(tick)) * (height - 1)));
    label.box.x = x + bar.w + px(7, s);
    label.box.y = std::clamp(ty - label.box.h / 2, y - label.box.h / 2, y + height - label.box.h / 2);
    widest = std::max(widest, label.box.w);
    scene.rects.push_back({{bar.x + bar.w, label.box.y + label.box.h / 2, px(4, s), std::max(1, px(1, s))}, kInk});
    scene.texts.push_back(std::move(label));
  }
  TextItem cap = make_text(fonts, caption, 12 * s, TextRole::kCaption, Rotation::kCcw90);
  cap.box.x = x + bar.w + px(7, s) + widest + px(8, s);
  cap.box.y = y + std::max(0, (height - cap.box.h) / 2);
  scene.texts.push_back(std::move(cap));
}

int bottom_under(const Scene& scene, int x, int w) {
  int bottom = scene.extent().y;
  scene.for_each_box([&](const Box& b) {
    if (b.x < x + w && x < b.x + b.w) bottom = std::max(bottom, b.y + b.h);
  });
  return bottom;
}

int add_heading(Scene& scene, FontSet& fonts, const std::string& title, const std::string& subtitle, int x, int y,
                double s) {
  if (!title.empty()) {
    TextItem t = make_text(fonts, title, 15 * s, TextRole::kCaption);
    t.box.x = x;
    t.box.y = y;
    y += t.box.h + px(4, s);
    scene.texts.push_back(std::move(t));
  }
  if (!subtitle.empty()) {
    TextItem t = make_text(fonts, shorten(subtitle, 120), 11.5 * s, TextRole::kCaption);
    t.box.x = x;
    t.box.y = y;
    y += t.box.h + px(4, s);
    scene.texts.push_back(std::move(t));
  }
  return y;
}

Scene frame_figure(FontSet& fonts, const std::string& title, const std::string& subtitle, const Scene& body, double s) {
  Scene scene;
  const int below_heading = add_heading(scene, fonts, title, subtitle, 0, 0, s);
  const Box e = body.extent();
  const int top = scene.texts.empty() ? 0 : below_heading + px(4, s);
  scene.append(body, -e.x, top - e.y);
  scene.fit(px(14, s));
  return scene;
}

}  // namespace attnmap::render
