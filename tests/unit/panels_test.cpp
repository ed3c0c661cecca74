#include "attnmap/panels.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include "attnmap/colormap.h"
#include "attnmap/error.h"
#include "attnmap/figure_output.h"
#include "render/scenes.h"
#include "unit/figures.h"
#include "unit/xml_check.h"

namespace attnmap {
namespace {

using testing::expect_apart;
using testing::expect_inside;

void expect_sound(const PanelLayout& l) {
  for (const auto* group : {&l.plots, &l.headers, &l.row_labels, &l.col_labels, &l.colorbar_labels, &l.captions})
    expect_inside(*group, l.width, l.height, "a box");
  expect_inside({l.colorbar}, l.width, l.height, "the colour bar");
  const std::vector<Box> bar = {l.colorbar};
  expect_apart(l.plots, l.plots, "panels");
  expect_apart(l.plots, bar, "panel over the colour bar");
  expect_apart(l.headers, l.headers, "headers");
  expect_apart(l.headers, l.plots, "header over a panel");
  expect_apart(l.headers, l.row_labels, "header over a row label");
  expect_apart(l.headers, l.col_labels, "header over a column label");
  expect_apart(l.row_labels, l.row_labels, "row labels");
  expect_apart(l.col_label_frames, "column labels");
  expect_apart(l.row_labels, l.plots, "row label over a panel");
  expect_apart(l.col_labels, l.plots, "column label over a panel");
  expect_apart(l.col_labels, l.row_labels, "column label over a row label");
  expect_apart(l.colorbar_labels, l.plots, "colour bar label over a panel");
  expect_apart(l.captions, l.captions, "captions");
  for (const auto* group : {&l.plots, &l.headers, &l.row_labels, &l.col_labels, &l.colorbar_labels})
    expect_apart(l.captions, *group, "caption over something");
}

// (tokens, label rotation)
class PanelLayoutTest : public ::testing::TestWithParam<std::tuple<size_t, int>> {
 protected:
  size_t n() const { return std::get<0>(GetParam()); }
  FigureStyle style() const {
    FigureStyle s;
    s.label_rotation = std::get<1>(GetParam());
    return s;
  }
};

TEST_P(PanelLayoutTest, ModelView) {
  // 12 × 12 panels up to 64 tokens; longer inputs on a smaller grid keep the test's memory small.
  const size_t side = n() <= 64 ? 12 : 3;
  PanelFigure f = model_view_figure(testing::stack_of(side, side, n()), testing::tokens(n()));
  f.title = "model view";
  PanelLayout l = layout_panels(f, style());
  expect_sound(l);
  EXPECT_EQ(l.plots.size(), side * side);
  EXPECT_EQ(l.headers.size(), 2 * side);
  EXPECT_TRUE(l.row_labels.empty() && l.col_labels.empty()) << "no token labels in the model view";
  EXPECT_EQ(l.annotation_font_size, 0) << "no numbers in the model view";
}

TEST_P(PanelLayoutTest, HeadsOfOneLayer) {
  PanelFigure f = layer_heads_figure(testing::stack_of(1, 12, n()), 0, testing::tokens(n()), 4);
  PanelLayout l = layout_panels(f, style());
  expect_sound(l);
  EXPECT_EQ(l.plots.size(), 12u);
  for (size_t i = 1; i < 4; ++i) EXPECT_EQ(l.plots[i].y, l.plots[0].y) << "a grid row shares its top edge";
  EXPECT_EQ(l.plots[4].x, l.plots[0].x) << "a grid column shares its left edge";
}

TEST_P(PanelLayoutTest, TwoModelsSideBySide) {
  HeatmapFigure left = testing::heatmap_of_size(n()), right = testing::heatmap_of_size(n() / 2 + 1);
  left.title = "tiny-bert";
  right.title = "a model with a much longer name than its panel is wide";
  PanelLayout l = layout_panels(compare_figure(left, right), style());
  expect_sound(l);
  ASSERT_EQ(l.plots.size(), 2u);
  EXPECT_EQ(l.plots[0].y, l.plots[1].y);
  EXPECT_EQ(l.plots[0].w, l.cell * static_cast<int>(n()));
  // Each panel has its own title, whole: a title wider than its panel takes more lines, each
  // within the figure and clear of the other panel's (expect_sound).
  EXPECT_GE(l.headers.size(), 2u);
  for (const Box& h : l.headers) EXPECT_LE(h.w, std::max(l.plots[1].x - l.plots[0].x, 200)) << "a title line too wide";
}

std::vector<std::string> words_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream words(text);
  for (std::string word; words >> word;)
    if (word != "\u00b7") out.push_back(word);  // a line may break at " · ", dropping the dot
  return out;
}

TEST(Panels, CompareTitlesAreWrappedNotCut) {
  HeatmapFigure left = testing::heatmap_of_size(3), right = testing::heatmap_of_size(3);
  left.title = "sentiment-bert → positive (p = 0.87) · layer 2 (last of 3) · mean over 12 heads";
  right.title = "sentiment-roberta → positive (p = 0.99) · layer 1 (last of 2) · mean over 4 heads";
  const PanelFigure f = compare_figure(left, right);
  PanelLayout l = layout_panels(f, FigureStyle{});
  expect_sound(l);
  EXPECT_GT(l.headers.size(), 2u) << "titles this long take several lines over 3-token panels";
  // Each panel's title lines, top to bottom, hold every word of its title in order: lines break
  // between words only, and nothing is cut. Each line is a <text> of the SVG.
  render::FontSet fonts;
  const render::Scene scene = render::panels_scene(f, FigureStyle{}, fonts, nullptr);
  std::vector<std::pair<int, std::string>> lines[2];  // (top, text) over the left and the right panel
  for (const render::TextItem& t : scene.texts)
    if (t.role == render::TextRole::kHeader)
      lines[t.box.x + t.box.w / 2 < l.plots[1].x ? 0 : 1].emplace_back(t.box.y, t.text);
  const std::vector<testing::XmlElement> svg =
      testing::xml_elements(encode_figure(f, FigureStyle{}, ImageFormat::kSvg));
  auto drawn = [&](const std::string& text) {
    return std::any_of(svg.begin(), svg.end(), [&](const auto& e) { return e.name == "text" && e.text == text; });
  };
  const std::string* titles[2] = {&left.title, &right.title};
  for (int side = 0; side < 2; ++side) {
    std::sort(lines[side].begin(), lines[side].end());
    std::string joined;
    for (const auto& [top, text] : lines[side]) {
      joined += text + " ";
      EXPECT_TRUE(drawn(text)) << "'" << text << "' is not in the SVG";
    }
    EXPECT_GT(lines[side].size(), 1u) << *titles[side];
    EXPECT_EQ(words_of(joined), words_of(*titles[side]));
  }
}

INSTANTIATE_TEST_SUITE_P(Lengths, PanelLayoutTest,
                         ::testing::Combine(::testing::Values(1, 3, 12, 64, 256, 512), ::testing::Values(90, 45)));

TEST(Panels, ModelViewOf12LayersAnd12HeadsStaysSane) {
  PanelLayout l = layout_panels(model_view_figure(testing::stack_of(12, 12, 64), testing::tokens(64)), FigureStyle{});
  EXPECT_EQ(l.cell, 3);
  EXPECT_LE(l.width, 2600);
  EXPECT_LE(l.height, 2600);
  FigureStyle big;
  big.scale = 2;
  PanelLayout l2 = layout_panels(model_view_figure(testing::stack_of(12, 12, 64), testing::tokens(64)), big);
  EXPECT_LE(l2.width, 5200);
}

TEST(Panels, RefusesAGridTooLargeToDraw) {
  PanelFigure f;
  f.columns = 16;
  for (int i = 0; i < 16; ++i) f.panels.push_back({testing::attention_matrix(600), ""});
  try {
    layout_panels(f, FigureStyle{});
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.category(), ErrorCategory::kUsage);
    EXPECT_NE(std::string(e.what()).find("figure too large"), std::string::npos) << e.what();
  }
}

TEST(Panels, RejectsMismatchedGrids) {
  PanelFigure f = model_view_figure(testing::stack_of(2, 3, 4), testing::tokens(4));
  f.row_headers.pop_back();
  EXPECT_THROW(layout_panels(f, FigureStyle{}), Error);
  EXPECT_THROW(layout_panels(PanelFigure{}, FigureStyle{}), Error);
  EXPECT_THROW(layer_heads_figure(testing::stack_of(2, 3, 4), 2, testing::tokens(4)), Error);
}

TEST(Panels, OneColourScaleForAllPanels) {
  HeatmapFigure low = testing::heatmap_of_size(3), high = testing::heatmap_of_size(3);
  for (float& v : high.matrix.values) v *= 2;  // up to 1.2
  FigureStyle style;
  style.annotate = Annotate::kOff;
  PanelFigure f = compare_figure(low, high);
  PanelLayout l = layout_panels(f, style);
  EXPECT_FLOAT_EQ(static_cast<float>(l.vmax), 1.2f);
  Image img = render_panels(f, style);
  ASSERT_EQ(img.width, l.width);
  ASSERT_EQ(img.height, l.height);
  Colormap viridis = Colormap::by_name("viridis");
  auto centre = [&](size_t panel, int row, int col) {
    const Box& p = l.plots[panel];
    return img.at(p.x + col * l.cell + l.cell / 2, p.y + row * l.cell + l.cell / 2);
  };
  EXPECT_EQ(centre(1, 0, 0), viridis.at(1.0)) << "the larger matrix reaches the top of the scale";
  EXPECT_EQ(centre(0, 0, 0), viridis.at((0.6 - l.vmin) / (l.vmax - l.vmin))) << "the smaller one does not";
}

TEST(Panels, ModelViewPanelsFollowLayersDownAndHeadsAcross) {
  FigureStyle style;
  style.colormap = "Greys";  // 0 white, 1 black
  PanelFigure f = model_view_figure(testing::stack_of(2, 3, 4), testing::tokens(4));
  PanelLayout l = layout_panels(f, style);
  Image img = render_panels(f, style);
  // Layer 1, head 2 (panel 5) looks 3 back: query 3 attends to key 0, query 2 to key 0 too.
  const Box& p = l.plots[5];
  auto at = [&](int q, int k) { return img.at(p.x + k * l.cell + l.cell / 2, p.y + q * l.cell + l.cell / 2); };
  EXPECT_EQ(at(3, 0), (Rgba{0, 0, 0, 255}));
  EXPECT_EQ(at(3, 3), (Rgba{255, 255, 255, 255}));
}

}  // namespace
}  // namespace attnmap
