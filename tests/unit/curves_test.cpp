#include "attnmap/curves.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>
#include <sstream>

#include "attnmap/error.h"
#include "attnmap/figure_output.h"
#include "render/shapes.h"
#include "unit/figures.h"
#include "unit/png_decode.h"
#include "unit/xml_check.h"

namespace attnmap {
namespace {

using testing::expect_apart;
using testing::expect_inside;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// `n` series over five bins in one panel, series k rising from k / 10.
CurveFigure series_figure(size_t n) {
  CurveFigure f;
  f.title = "curves";
  f.x_caption = "K";
  f.x_labels = {"1%", "5%", "10%", "20%", "50%"};
  CurvePanel panel{"panel", "value", {}};
  for (size_t k = 0; k < n; ++k) {
    CurveSeries series{"method " + std::to_string(k), {}};
    for (size_t bin = 0; bin < 5; ++bin) series.values.push_back(0.1 * static_cast<double>(k) + 0.05 * bin);
    panel.series.push_back(series);
  }
  f.panels = {panel};
  return f;
}

// Every box on the canvas; no text or the legend over a plot, no two texts over each other (the
// x labels among themselves by their turned frames), the names inside the legend and no other text.
void expect_clear(const CurveLayout& l) {
  const std::vector<Box> legend = {l.legend};
  const std::vector<std::pair<std::string, const std::vector<Box>*>> texts = {{"legend name", &l.legend_labels},
                                                                              {"panel title", &l.headers},
                                                                              {"x label", &l.x_labels},
                                                                              {"y label", &l.y_labels},
                                                                              {"caption", &l.captions}};
  expect_inside(l.plots, l.width, l.height, "a plot");
  expect_inside(legend, l.width, l.height, "the legend");
  expect_apart(l.plots, l.plots, "plots");
  expect_apart(legend, l.plots, "the legend over a plot");
  expect_apart(l.x_label_frames, "x labels");
  for (size_t i = 0; i < texts.size(); ++i) {
    const std::string& name = texts[i].first;
    const std::vector<Box>& boxes = *texts[i].second;
    expect_inside(boxes, l.width, l.height, name.c_str());
    expect_apart(boxes, l.plots, (name + " over a plot").c_str());
    if (&boxes != &l.legend_labels) expect_apart(boxes, legend, (name + " over the legend").c_str());
    if (&boxes != &l.x_labels) expect_apart(boxes, boxes, (name + "s").c_str());
    for (size_t j = i + 1; j < texts.size(); ++j)
      expect_apart(boxes, *texts[j].second, (name + " over a " + texts[j].first).c_str());
  }
  for (const Box& b : l.legend_labels) EXPECT_TRUE(b.overlaps(l.legend)) << "a legend name outside the legend";
}

bool inside(const Box& b, int x, int y) {
  return x >= b.x && x <= b.x + b.w && y >= b.y && y <= b.y + b.h;
}

TEST(Curves, FaithfulnessFigureIsClear) {
  const CurveFigure f = testing::faithfulness_curves();
  for (double scale : {1.0, 2.0}) {
    FigureStyle style;
    style.scale = scale;
    const CurveLayout l = layout_curves(f, style);
    SCOPED_TRACE(scale);
    expect_clear(l);
    ASSERT_EQ(l.plots.size(), 2u);
    EXPECT_EQ(l.plots[0].y, l.plots[1].y) << "side by side";
    EXPECT_LT(l.plots[0].x + l.plots[0].w, l.plots[1].x);
    EXPECT_GT(l.legend.x, l.plots[1].x + l.plots[1].w) << "the legend right of the panels";
    EXPECT_EQ(l.legend_names,
              (std::vector<std::string>{"ig", "gradattn", "rollout", "flow", "valuenorm", "random", "loo"}));
    EXPECT_EQ(l.points.size(), 2u * 7 * 5);
    EXPECT_EQ(l.lines.size(), 2u * 7);
    EXPECT_EQ(l.x_labels.size(), 2u * 5);
    EXPECT_EQ(l.headers.size(), 2u);
    EXPECT_EQ(l.captions.size(), 2u + 2 + 2) << "title, subtitle, each panel's x and y captions";
    EXPECT_TRUE(l.x_labels_upright);
  }
}

TEST(Curves, EveryPointIsInsideItsPanelAtItsBinAndValue) {
  const CurveFigure f = testing::faithfulness_curves();
  const CurveLayout l = layout_curves(f, FigureStyle{});
  for (const CurvePoint& p : l.points) {
    const Box& plot = l.plots[p.panel];
    ASSERT_TRUE(inside(plot, p.x, p.y)) << "panel " << p.panel << " series " << p.series << " bin " << p.bin;
    // Evenly spaced bins, the same x in every series; y from the panel's axis.
    EXPECT_EQ(p.x, plot.x + static_cast<int>((2 * p.bin + 1) * plot.w / 10));
    const CurveAxis& axis = l.y_axes[p.panel];
    const double v = f.panels[p.panel].series[p.series].values[p.bin];
    EXPECT_NEAR(p.y, plot.y + (axis.max - v) / (axis.max - axis.min) * plot.h, 0.5 + 1e-9);
  }
}

TEST(Curves, TheYAxisHoldsEveryValueAndZeroWithNiceTicks) {
  CurveFigure f = testing::faithfulness_curves();
  CurvePanel negative{"all below zero", "", {{"a", {-0.3, -0.2, -0.7, -0.1, -0.05}}}};
  CurvePanel positive{"all above zero", "", {{"b", {3.0, 4.0, 5.5, 4.5, 12.0}}}};
  CurvePanel flat{"all zero", "", {{"c", {0, 0, 0, 0, 0}}}};
  f.panels.insert(f.panels.end(), {negative, positive, flat});
  const CurveLayout l = layout_curves(f, FigureStyle{});
  ASSERT_EQ(l.y_axes.size(), 5u);
  for (size_t i = 0; i < f.panels.size(); ++i) {
    SCOPED_TRACE(f.panels[i].title);
    double lo = 0, hi = 0;
    for (const CurveSeries& s : f.panels[i].series)
      for (double v : s.values) lo = std::min(lo, v), hi = std::max(hi, v);
    const CurveAxis& axis = l.y_axes[i];
    const std::vector<double>& t = axis.ticks;
    ASSERT_GE(t.size(), 2u);
    EXPECT_LE(axis.min, t.front());
    EXPECT_GE(axis.max, t.back());
    EXPECT_LE(t.front(), lo + 1e-12);
    EXPECT_GE(t.back(), hi - 1e-12);
    EXPECT_NE(std::find(t.begin(), t.end(), 0.0), t.end()) << "0 is a tick";
    const double step = t[1] - t[0];
    const double mantissa = step / std::pow(10.0, std::floor(std::log10(step) + 1e-9));
    EXPECT_TRUE(std::abs(mantissa - 1) < 1e-6 || std::abs(mantissa - 2) < 1e-6 || std::abs(mantissa - 5) < 1e-6)
        << "step " << step;
    for (size_t k = 1; k < t.size(); ++k) EXPECT_NEAR(t[k] - t[k - 1], step, step * 1e-6);
    EXPECT_LE(t.size(), 8u);
  }
  EXPECT_DOUBLE_EQ(l.y_axes[1].ticks.front(), -0.2) << "sufficiency goes below 0: -0.07";
  EXPECT_DOUBLE_EQ(l.y_axes[2].ticks.back(), 0.0) << "all negative: 0 at the top";
  EXPECT_DOUBLE_EQ(l.y_axes[3].ticks.front(), 0.0) << "all positive: 0 at the bottom";
  EXPECT_DOUBLE_EQ(l.y_axes[4].ticks.back(), 1.0) << "all zero: 0 to 1";
  expect_clear(l);
}

TEST(Curves, ANaNLeavesAGapAndALoneValueIsAMarkerOnly) {
  CurveFigure f = series_figure(1);
  f.panels[0].series = {{"gap", {0.1, 0.2, kNaN, 0.3, 0.4}},
                        {"lone", {kNaN, 0.5, std::numeric_limits<double>::infinity(), 0.2, kNaN}},
                        {"none", {kNaN, kNaN, kNaN, kNaN, kNaN}}};
  const CurveLayout l = layout_curves(f, FigureStyle{});
  std::vector<std::vector<size_t>> lines[3];
  std::set<size_t> points[3];
  for (const CurveLine& line : l.lines) lines[line.series].push_back(line.bins);
  for (const CurvePoint& p : l.points) points[p.series].insert(p.bin);
  EXPECT_EQ(lines[0], (std::vector<std::vector<size_t>>{{0, 1}, {3, 4}}));
  EXPECT_EQ(points[0], (std::set<size_t>{0, 1, 3, 4}));
  EXPECT_TRUE(lines[1].empty()) << "no two values in a row";
  EXPECT_EQ(points[1], (std::set<size_t>{1, 3}));
  EXPECT_TRUE(lines[2].empty());
  EXPECT_TRUE(points[2].empty());
  EXPECT_EQ(l.legend_names.size(), 3u) << "a series without values is still named";
  EXPECT_DOUBLE_EQ(l.y_axes[0].ticks.back(), 0.5) << "infinity is no value";
}

TEST(Curves, LongNamesAreCutToFitTheLegend) {
  CurveFigure f = series_figure(2);
  const std::string long_name = "integrated gradients with 300 steps against a blurred baseline, smoothed";
  f.panels[0].series[1].name = long_name;
  const CurveLayout l = layout_curves(f, FigureStyle{});
  ASSERT_EQ(l.legend_names.size(), 2u);
  EXPECT_EQ(l.legend_names[0], "method 0");
  const std::string& cut = l.legend_names[1];
  EXPECT_LT(cut.size(), long_name.size());
  EXPECT_EQ(cut.substr(cut.size() - 3), "\xe2\x80\xa6") << cut;
  EXPECT_EQ(long_name.rfind(cut.substr(0, cut.size() - 3), 0), 0u) << "a prefix of the name";
  EXPECT_LE(l.legend_labels[1].w, 222);
  expect_clear(l);
}

TEST(Curves, OneSeriesAndTenSeriesBothWork) {
  for (size_t n : {1u, 10u}) {
    SCOPED_TRACE(n);
    const CurveLayout l = layout_curves(series_figure(n), FigureStyle{});
    expect_clear(l);
    EXPECT_EQ(l.legend_names.size(), n);
    EXPECT_EQ(l.points.size(), 5 * n);
    EXPECT_EQ(l.lines.size(), n);
  }
}

// A marker element's shape: "circle", or a path's by its corners about their centroid ("M x y L x y ... Z").
std::string marker_kind(const testing::XmlElement& e) {
  if (e.name == "circle") return "circle";
  std::vector<double> xs, ys;
  std::istringstream d(e.attribute("d"));
  std::string op;
  double x = 0, y = 0;
  while (d >> op && op != "Z" && d >> x >> y) xs.push_back(x), ys.push_back(y);
  double cx = 0, cy = 0;
  for (size_t i = 0; i < xs.size(); ++i) cx += xs[i] / xs.size(), cy += ys[i] / ys.size();
  if (xs.size() == 4) return std::abs(xs[0] - cx) < 0.01 ? "diamond" : "square";
  if (xs.size() == 3) return ys[0] < cy ? "triangle up" : "triangle down";
  return "?";
}

// The legend's ten entries: ten colours, five markers, four kinds of line, no two alike in both.
TEST(Curves, TenSeriesDifferInColourAndInMarkerOrDash) {
  const std::string svg = encode_figure(series_figure(10), FigureStyle{}, ImageFormat::kSvg);
  std::vector<std::string> strokes, dashes, shapes;
  for (const testing::XmlElement& e : testing::xml_elements(svg)) {
    if (e.name == "polyline")
      strokes.push_back(e.attribute("stroke")), dashes.push_back(e.attribute("stroke-dasharray"));
    if (e.name == "circle" || e.name == "path") shapes.push_back(marker_kind(e));
  }
  ASSERT_EQ(strokes.size(), 20u) << "10 plot lines, then 10 legend lines";
  ASSERT_EQ(shapes.size(), 60u) << "50 plot markers, then 10 legend markers";
  EXPECT_EQ(strokes[10], "#1f77b4") << "tab10's first";
  std::set<std::string> colours, kinds, lines;
  std::set<std::pair<std::string, std::string>> looks;
  for (size_t k = 0; k < 10; ++k) {
    colours.insert(strokes[10 + k]);
    kinds.insert(shapes[50 + k]);
    lines.insert(dashes[10 + k]);
    looks.emplace(shapes[50 + k], dashes[10 + k]);
  }
  EXPECT_EQ(colours.size(), 10u);
  EXPECT_EQ(kinds, (std::set<std::string>{"circle", "square", "triangle up", "diamond", "triangle down"}));
  EXPECT_EQ(lines.size(), 4u) << "solid, dashed, dotted, dash-dot";
  EXPECT_EQ(looks.size(), 10u) << "no two alike in greyscale";
}

TEST(Curves, RefusesWhatItCannotDraw) {
  auto usage = [](const CurveFigure& f, const std::string& what) {
    try {
      layout_curves(f, FigureStyle{});
      ADD_FAILURE() << "no error for " << what;
    } catch (const Error& e) {
      EXPECT_EQ(e.category(), ErrorCategory::kUsage) << what;
      EXPECT_NE(std::string(e.what()), "") << what;
    }
  };
  CurveFigure empty_panel = testing::faithfulness_curves();
  empty_panel.panels[1].series.clear();
  usage(empty_panel, "a panel without series");
  CurveFigure no_panels = testing::faithfulness_curves();
  no_panels.panels.clear();
  usage(no_panels, "no panels");
  CurveFigure no_bins = series_figure(2);
  no_bins.x_labels.clear();
  usage(no_bins, "no categories");
  CurveFigure short_series = series_figure(2);
  short_series.panels[0].series[1].values.pop_back();
  usage(short_series, "four values for five bins");
  usage(series_figure(21), "21 series");
  EXPECT_NO_THROW(layout_curves(series_figure(20), FigureStyle{}));
  FigureStyle bad;
  bad.scale = 0;
  EXPECT_THROW(layout_curves(series_figure(2), bad), Error);
}

TEST(Curves, ManyBinsWithLongLabelsAreTurnedAndThinned) {
  CurveFigure f = series_figure(3);
  f.x_labels.clear();
  for (auto& series : f.panels[0].series) series.values.assign(40, 0.5);
  for (int i = 0; i < 40; ++i) f.x_labels.push_back(std::to_string(i) + " % of tokens");
  for (int rotation : {90, 45}) {
    FigureStyle style;
    style.label_rotation = rotation;
    const CurveLayout l = layout_curves(f, style);
    EXPECT_FALSE(l.x_labels_upright);
    EXPECT_EQ(l.x_labels.size(), (40 + l.x_label_step - 1) / static_cast<size_t>(l.x_label_step));
    EXPECT_EQ(l.x_label_frames.size(), l.x_labels.size());
    expect_clear(l);
  }
}

TEST(Curves, ThePngHasTheLayoutsSize) {
  const CurveFigure f = testing::faithfulness_curves();
  const CurveLayout l = layout_curves(f, FigureStyle{});
  const Image image = render_curves(f, FigureStyle{});
  EXPECT_EQ(image.width, l.width);
  EXPECT_EQ(image.height, l.height);
  EXPECT_EQ(encode_figure(f, FigureStyle{}, ImageFormat::kPng), encode_figure(f, FigureStyle{}, ImageFormat::kPng))
      << "same figure, same bytes";
}

TEST(Curves, MetadataAndMarkersAreWrittenAsForEveryFigure) {
  const CurveFigure f = testing::faithfulness_curves();
  const testing::DecodedPng png = testing::decode_png(encode_figure(f, FigureStyle{}, ImageFormat::kPng));
  for (const auto& chunk : std::vector<std::pair<std::string, std::string>>{
           {"Title", f.title}, {"attnmap:model", "sentiment-bert"}, {"attnmap:view", "faithfulness"}})
    EXPECT_NE(std::find(png.text.begin(), png.text.end(), chunk), png.text.end()) << chunk.first;
  const std::vector<testing::XmlElement> svg =
      testing::xml_elements(encode_figure(f, FigureStyle{}, ImageFormat::kSvg));
  const CurveLayout l = layout_curves(f, FigureStyle{});
  std::vector<std::pair<int, int>> circles, points;
  for (const testing::XmlElement& e : svg) {
    if (e.name == "title") EXPECT_EQ(e.text, f.title);
    if (e.name == "attnmap:figure") EXPECT_EQ(e.attribute("view"), "faithfulness");
    if (e.name == "circle") circles.emplace_back(std::stoi(e.attribute("cx")), std::stoi(e.attribute("cy")));
  }
  // Series 0 (ig) and 5 (random) have circles: on the plots where the layout puts them, then in the legend.
  for (const CurvePoint& p : l.points)
    if (p.series == 0 || p.series == 5) points.emplace_back(p.x, p.y);
  ASSERT_EQ(circles.size(), points.size() + 2);
  circles.resize(points.size());
  EXPECT_EQ(circles, points);
}

// The raster backend's lines: the pixels they cover most are one 8-connected run from end to end,
// at any slope.
std::vector<std::pair<int, int>> covered(const render::Coverage& c, uint8_t at_least) {
  std::vector<std::pair<int, int>> out;
  for (int y = 0; y < c.mask.height; ++y)
    for (int x = 0; x < c.mask.width; ++x)
      if (c.mask.at(x, y) >= at_least) out.emplace_back(c.x + x, c.y + y);
  return out;
}

bool connected(const std::vector<std::pair<int, int>>& pixels) {
  if (pixels.empty()) return false;
  const std::set<std::pair<int, int>> all(pixels.begin(), pixels.end());
  std::set<std::pair<int, int>> seen = {pixels[0]};
  std::vector<std::pair<int, int>> todo = {pixels[0]};
  while (!todo.empty()) {
    const auto [x, y] = todo.back();
    todo.pop_back();
    for (int dy = -1; dy <= 1; ++dy)
      for (int dx = -1; dx <= 1; ++dx)
        if (all.count({x + dx, y + dy}) && seen.insert({x + dx, y + dy}).second) todo.push_back({x + dx, y + dy});
  }
  return seen.size() == all.size();
}

TEST(CurveLines, AreContinuousAtAnySlope) {
  for (double width : {1.0, 2.0, 3.0}) {
    for (int degrees = 0; degrees < 360; degrees += 7) {
      const double a = degrees * 3.14159265358979 / 180;
      const render::Point end{100 + static_cast<int>(std::lround(60 * std::cos(a))),
                              100 - static_cast<int>(std::lround(60 * std::sin(a)))};
      render::PolylineItem line{{{100, 100}, end}, width, {}, Rgba{0, 0, 0, 255}};
      const auto pixels = covered(render::line_coverage(line), 128);
      ASSERT_TRUE(connected(pixels)) << degrees << "° at width " << width;
      auto near = [&](render::Point p) {
        return std::any_of(pixels.begin(), pixels.end(),
                           [&](auto q) { return std::abs(q.first - p.x) <= 1 && std::abs(q.second - p.y) <= 1; });
      };
      EXPECT_TRUE(near({100, 100}) && near(end)) << degrees << "°: from end to end";
    }
  }
}

TEST(CurveLines, DashesRunOnAcrossCorners) {
  // 7 on, 5 off along an L: 5 px then a turn, so the first dash ends 2 px after the corner.
  const render::PolylineItem l{{{0, 0}, {5, 0}, {5, 30}}, 2, {7, 5}, Rgba{}};
  const auto pieces = render::dash_segments(l);
  ASSERT_GE(pieces.size(), 3u);
  EXPECT_DOUBLE_EQ(pieces[0].second.x, 5);
  EXPECT_DOUBLE_EQ(pieces[1].first.y, 0);
  EXPECT_DOUBLE_EQ(pieces[1].second.y, 2);
  EXPECT_DOUBLE_EQ(pieces[2].first.y, 7);  // after a 5 px gap
  EXPECT_DOUBLE_EQ(pieces[2].second.y, 14);
  // Dots: zero-length dashes every 4 px, from the first point on.
  const render::PolylineItem dots{{{0, 0}, {20, 0}}, 2, {0, 4}, Rgba{}};
  std::vector<double> at;
  for (const auto& [from, to] : render::dash_segments(dots)) {
    EXPECT_DOUBLE_EQ(from.x, to.x);
    at.push_back(from.x);
  }
  EXPECT_EQ(at, (std::vector<double>{0, 4, 8, 12, 16, 20}));
  EXPECT_EQ(render::dash_segments({{{0, 0}, {3, 4}, {3, 9}}, 1, {}, Rgba{}}).size(), 2u) << "solid: every segment";
}

}  // namespace
}  // namespace attnmap
