#include <gtest/gtest.h>

#include "attnmap/colormap.h"
#include "attnmap/error.h"
#include "attnmap/figure.h"
#include "attnmap/png.h"
#include "unit/png_decode.h"

namespace attnmap {
namespace {

HeatmapFigure figure_of_size(size_t n) {
  HeatmapFigure f;
  f.matrix.rows = f.matrix.cols = n;
  for (size_t r = 0; r < n; ++r)
    for (size_t c = 0; c < n; ++c) f.matrix.values.push_back(c == r ? 0.6f : 0.4f / static_cast<float>(n));
  for (size_t i = 0; i < n; ++i) {
    std::string label = i % 7 == 3 ? "##antidisestablishmentarianism" : "tok" + std::to_string(i);
    f.matrix.row_labels.push_back(label);
    f.matrix.col_labels.push_back(label);
  }
  f.title = "test · layer 0 · mean over 2 heads";
  f.subtitle = "\"a sentence\"";
  return f;
}

void expect_no_overlap(const std::vector<Box>& boxes, const char* what) {
  for (size_t i = 1; i < boxes.size(); ++i)
    ASSERT_FALSE(boxes[i - 1].overlaps(boxes[i])) << what << " " << i - 1 << " and " << i << " overlap";
}

class HeatmapLayoutTest : public ::testing::TestWithParam<size_t> {};

TEST_P(HeatmapLayoutTest, NothingOverlapsOrLeavesTheCanvas) {
  HeatmapLayout l = layout_heatmap(figure_of_size(GetParam()), FigureStyle{});
  std::vector<const std::vector<Box>*> groups = {&l.row_labels, &l.col_labels, &l.colorbar_labels, &l.captions};
  for (const auto* group : groups)
    for (const Box& b : *group) ASSERT_TRUE(b.inside(l.width, l.height)) << "a box leaves the canvas";
  expect_no_overlap(l.row_labels, "row labels");
  expect_no_overlap(l.col_labels, "column labels");
  expect_no_overlap(l.colorbar_labels, "colour bar labels");
  for (const Box& b : l.row_labels) ASSERT_FALSE(b.overlaps(l.plot)) << "row label over the cells";
  for (const Box& b : l.col_labels) ASSERT_FALSE(b.overlaps(l.plot)) << "column label over the cells";
  for (const Box& c : l.captions) {
    ASSERT_FALSE(c.overlaps(l.plot)) << "caption over the cells";
    for (const Box& b : l.row_labels) ASSERT_FALSE(c.overlaps(b)) << "caption over a row label";
    for (const Box& b : l.col_labels) ASSERT_FALSE(c.overlaps(b)) << "caption over a column label";
  }
}

INSTANTIATE_TEST_SUITE_P(Lengths, HeatmapLayoutTest, ::testing::Values(1, 3, 12, 64, 256, 512));

TEST(Heatmap, AnnotationsSwitchOffWhenCellsGetSmall) {
  EXPECT_GT(layout_heatmap(figure_of_size(12), FigureStyle{}).annotation_font_size, 0);
  EXPECT_EQ(layout_heatmap(figure_of_size(64), FigureStyle{}).annotation_font_size, 0);
  HeatmapLayout big = layout_heatmap(figure_of_size(512), FigureStyle{});
  EXPECT_GT(big.label_step, 1) << "labels must thin out at 512 tokens";
}

TEST(Heatmap, CellColoursFollowTheColormapWithRowsAsQueries) {
  HeatmapFigure f;
  f.matrix.rows = 2, f.matrix.cols = 3;
  f.matrix.values = {0, 0, 1, 0, 0, 0};  // only query 0 -> key 2 is hot
  f.matrix.row_labels = {"a", "b"};
  f.matrix.col_labels = {"x", "y", "z"};
  FigureStyle style;
  style.annotate = Annotate::kOff;
  HeatmapLayout l = layout_heatmap(f, style);
  Image img = render_heatmap(f, style);
  ASSERT_EQ(img.width, l.width);
  Colormap viridis = Colormap::by_name("viridis");
  auto centre = [&](int row, int col) {
    return img.at(l.plot.x + col * l.cell + l.cell / 2, l.plot.y + row * l.cell + l.cell / 2);
  };
  EXPECT_EQ(centre(0, 2), viridis.at(1.0));
  EXPECT_EQ(centre(1, 2), viridis.at(0.0));
  EXPECT_EQ(centre(0, 0), viridis.at(0.0));
}

TEST(Heatmap, AnnotationInkContrastsWithTheCell) {
  Colormap viridis = Colormap::by_name("viridis");
  EXPECT_LT(relative_luminance(viridis.at(0.0)), 0.4) << "dark end gets light text";
  EXPECT_GT(relative_luminance(viridis.at(1.0)), 0.4) << "bright end gets dark text";
}

TEST(Heatmap, ColormapEndpoints) {
  EXPECT_EQ(Colormap::by_name("viridis").at(0.0), (Rgba{68, 1, 84, 255}));
  EXPECT_EQ(Colormap::by_name("viridis").at(1.0), (Rgba{253, 231, 37, 255}));
  EXPECT_EQ(Colormap::by_name("Greys").at(0.0), (Rgba{255, 255, 255, 255}));
  EXPECT_TRUE(Colormap::by_name("RdBu").diverging());
  EXPECT_THROW(Colormap::by_name("jet"), Error);
}

TEST(Heatmap, SameInputSameBytes) {
  HeatmapFigure f = figure_of_size(12);
  std::string a = encode_png(render_heatmap(f, FigureStyle{}), {{"Software", "attnmap"}});
  std::string b = encode_png(render_heatmap(f, FigureStyle{}), {{"Software", "attnmap"}});
  EXPECT_EQ(a, b);
}

TEST(Heatmap, RejectsBadStyles) {
  HeatmapFigure f = figure_of_size(3);
  FigureStyle bad_format;
  bad_format.number_format = "%d";
  EXPECT_THROW(render_heatmap(f, bad_format), Error);
  FigureStyle bad_range;
  bad_range.vmin = 1, bad_range.vmax = 0;
  EXPECT_THROW(render_heatmap(f, bad_range), Error);
  HeatmapFigure empty;
  EXPECT_THROW(render_heatmap(empty, FigureStyle{}), Error);
}

TEST(NumberFormat, PrintfLikeSpecs) {
  EXPECT_EQ(format_number(0.256, ".2f"), "0.26");
  EXPECT_EQ(format_number(0.256, ".3f"), "0.256");
  EXPECT_EQ(format_number(0.25, ".0%"), "25%");
  EXPECT_EQ(format_number(-0.0001, ".2f"), "0.00");
  EXPECT_EQ(format_number(12345.0, ".1e"), "1.2e+04");
}

}  // namespace
}  // namespace attnmap
