#include <gtest/gtest.h>

#include <algorithm>

#include "attnmap/colormap.h"
#include "attnmap/error.h"
#include "attnmap/figure.h"
#include "attnmap/figure_output.h"
#include "attnmap/png.h"
#include "unit/figures.h"
#include "unit/png_decode.h"

namespace attnmap {
namespace {

using testing::expect_apart;

HeatmapFigure figure_of_size(size_t n) { return testing::heatmap_of_size(n); }

// (tokens, label rotation in degrees)
class HeatmapLayoutTest : public ::testing::TestWithParam<std::tuple<size_t, int>> {};

TEST_P(HeatmapLayoutTest, NothingOverlapsOrLeavesTheCanvas) {
  FigureStyle style;
  style.label_rotation = std::get<1>(GetParam());
  HeatmapLayout l = layout_heatmap(figure_of_size(std::get<0>(GetParam())), style);
  testing::expect_one_plot_clear(l);
  if (style.label_rotation == 90) expect_apart(l.col_labels, l.col_labels, "column label boxes");
}

INSTANTIATE_TEST_SUITE_P(Lengths, HeatmapLayoutTest,
                         ::testing::Combine(::testing::Values(1, 3, 12, 64, 256, 512), ::testing::Values(90, 45)));

TEST(Heatmap, DiagonalLabelsEndUnderTheirColumn) {
  FigureStyle style;
  style.label_rotation = 45;
  HeatmapLayout l = layout_heatmap(figure_of_size(12), style);
  ASSERT_EQ(l.col_labels.size(), 12u);
  for (size_t c = 0; c < l.col_labels.size(); ++c) {
    const TextFrame& f = l.col_label_frames[c];
    EXPECT_EQ(f.angle, 45);
    // The upper end of the line is within a pixel or two of the column's centre.
    const double end_x = f.cx + f.length / 2 * 0.7071 - f.thickness / 2 * 0.7071;
    EXPECT_NEAR(end_x, l.plot.x + (static_cast<double>(c) + 0.5) * l.cell, 2.0) << c;
    EXPECT_GE(l.col_labels[c].y, l.plot.y + l.plot.h);
  }
}

TEST(Heatmap, DiagonalLabelsAreThinnedMoreThanRowLabels) {
  FigureStyle style;
  style.label_rotation = 45;
  HeatmapLayout l = layout_heatmap(figure_of_size(64), style);
  EXPECT_GE(l.col_label_step, l.label_step);
  EXPECT_GT(l.col_label_step, 1);
  style.label_rotation = 30;
  EXPECT_THROW(layout_heatmap(figure_of_size(3), style), Error);
}

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

// The numbers in cells, drawn and read back from the PNG: in light ink on a dark cell, dark ink on
// a light one. Viridis runs dark to light, Greys light to dark: the ink follows the cell's
// lightness, not the value.
TEST(Heatmap, AnnotationInkContrastsWithTheCell) {
  HeatmapFigure f;
  f.matrix.rows = 1, f.matrix.cols = 2;
  f.matrix.values = {0.0f, 1.0f};
  f.matrix.row_labels = {"q"};
  f.matrix.col_labels = {"a", "b"};
  for (const char* name : {"viridis", "Greys"}) {
    SCOPED_TRACE(name);
    FigureStyle style;
    style.colormap = name;
    style.annotate = Annotate::kOn;
    const HeatmapLayout l = layout_heatmap(f, style);
    ASSERT_GT(l.annotation_font_size, 0);
    const Image img = testing::decode_png(encode_figure(f, style, ImageFormat::kPng)).image;
    style.annotate = Annotate::kOff;
    const Image bare = testing::decode_png(encode_figure(f, style, ImageFormat::kPng)).image;
    ASSERT_EQ(img.width, l.width);
    const Colormap cmap = Colormap::by_name(name);
    for (int col = 0; col < 2; ++col) {
      const Rgba cell = cmap.at(col);
      const double background = relative_luminance(cell);
      const bool dark = background < 0.4;
      // Over the cell, the numbers' pixels: the lightest and darkest, and how many differ from the
      // cell (none without annotations).
      double lightest = 0, darkest = 1;
      int inked = 0, inked_bare = 0;
      for (int y = l.plot.y; y < l.plot.y + l.cell; ++y)
        for (int x = l.plot.x + col * l.cell; x < l.plot.x + (col + 1) * l.cell; ++x) {
          const double lum = relative_luminance(img.at(x, y));
          lightest = std::max(lightest, lum);
          darkest = std::min(darkest, lum);
          inked += !(img.at(x, y) == cell);
          inked_bare += !(bare.at(x, y) == cell);
        }
      EXPECT_EQ(inked_bare, 0) << "cell " << col << " is flat without its number";
      EXPECT_GT(inked, 20) << "cell " << col << " has its number";
      if (dark) {
        EXPECT_GT(lightest, background + 0.5) << "light ink on the dark cell " << col;
        EXPECT_GE(darkest, background - 0.01) << "nothing darker than the dark cell " << col;
      } else {
        EXPECT_LT(darkest, background - 0.5) << "dark ink on the light cell " << col;
        EXPECT_LE(lightest, background + 0.01) << "nothing lighter than the light cell " << col;
      }
    }
  }
}

// matplotlib 3.11.2: np.rint(np.array(matplotlib.colormaps[name]([0.0, 1.0]))[:, :3] * 255)
TEST(Heatmap, ColormapEndpointsMatchMatplotlib) {
  struct Expected {
    const char* name;
    Rgba low, high;
    bool diverging;
  };
  const Expected maps[] = {
      {"viridis", {68, 1, 84, 255}, {253, 231, 37, 255}, false},
      {"magma", {0, 0, 4, 255}, {252, 253, 191, 255}, false},
      {"inferno", {0, 0, 4, 255}, {252, 255, 164, 255}, false},
      {"plasma", {13, 8, 135, 255}, {240, 249, 33, 255}, false},
      {"cividis", {0, 34, 78, 255}, {254, 232, 56, 255}, false},
      {"YlGnBu", {255, 255, 217, 255}, {8, 29, 88, 255}, false},
      {"Blues", {247, 251, 255, 255}, {8, 48, 107, 255}, false},
      {"Greys", {255, 255, 255, 255}, {0, 0, 0, 255}, false},
      {"RdBu", {103, 0, 31, 255}, {5, 48, 97, 255}, true},
      {"RdBu_r", {5, 48, 97, 255}, {103, 0, 31, 255}, true},
  };
  for (const auto& m : maps) {
    Colormap cmap = Colormap::by_name(m.name);
    EXPECT_EQ(cmap.at(0.0), m.low) << m.name;
    EXPECT_EQ(cmap.at(1.0), m.high) << m.name;
    EXPECT_EQ(cmap.diverging(), m.diverging) << m.name;
  }
  EXPECT_EQ(Colormap::by_name("viridis").at(0.5), (Rgba{33, 145, 140, 255}));  // entry 128
  EXPECT_EQ(Colormap::names().size(), std::size(maps));
  EXPECT_THROW(Colormap::by_name("jet"), Error);
}

TEST(Heatmap, SameInputSameBytes) {
  HeatmapFigure f = figure_of_size(12);
  std::string a = encode_png(render_heatmap(f, FigureStyle{}), {{"Software", "attnmap"}});
  std::string b = encode_png(render_heatmap(f, FigureStyle{}), {{"Software", "attnmap"}});
  EXPECT_EQ(a, b);
}

ErrorCategory category_of_rendering(const HeatmapFigure& f, const FigureStyle& style) {
  try {
    render_heatmap(f, style);
  } catch (const Error& e) {
    return e.category();
  }
  ADD_FAILURE() << "expected an error";
  return ErrorCategory::kIO;
}

// figure.h / figure_parts.h: a bad style is the user's option (usage), an empty matrix bad input.
TEST(Heatmap, RejectsBadStyles) {
  HeatmapFigure f = figure_of_size(3);
  FigureStyle bad_format;
  bad_format.number_format = "%d";
  EXPECT_EQ(category_of_rendering(f, bad_format), ErrorCategory::kUsage);
  FigureStyle bad_range;
  bad_range.vmin = 1, bad_range.vmax = 0;
  EXPECT_EQ(category_of_rendering(f, bad_range), ErrorCategory::kUsage);
  FigureStyle bad_scale;
  bad_scale.scale = 0;
  EXPECT_EQ(category_of_rendering(f, bad_scale), ErrorCategory::kUsage);
  HeatmapFigure empty;
  EXPECT_EQ(category_of_rendering(empty, FigureStyle{}), ErrorCategory::kInput);
  HeatmapFigure misshapen = figure_of_size(3);
  misshapen.matrix.values.pop_back();
  EXPECT_EQ(category_of_rendering(misshapen, FigureStyle{}), ErrorCategory::kInput);
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
