#include "attnmap/strip.h"

#include <gtest/gtest.h>

#include "attnmap/colormap.h"
#include "attnmap/error.h"
#include "unit/figures.h"

namespace attnmap {
namespace {

using testing::expect_apart;
using testing::expect_inside;

StripFigure saliency_of_size(size_t n) {
  std::vector<float> a, b;
  for (size_t i = 0; i < n; ++i) {
    a.push_back(static_cast<float>(i % 5) - 2.0f);
    b.push_back(0.5f - static_cast<float>(i % 2));
  }
  StripFigure f = saliency_strip(testing::tokens(n), {{"integrated gradients", a}, {"gradient × attention", b}});
  f.title = "saliency";
  return f;
}

class StripLayoutTest : public ::testing::TestWithParam<std::tuple<size_t, int>> {};

TEST_P(StripLayoutTest, NothingOverlapsOrLeavesTheCanvas) {
  FigureStyle style;
  style.label_rotation = std::get<1>(GetParam());
  style.colormap = "RdBu";
  StripLayout l = layout_strip(saliency_of_size(std::get<0>(GetParam())), style);
  testing::expect_one_plot_clear(l);
  expect_inside(l.annotations, l.width, l.height, "a number");
  expect_apart(l.annotations, l.annotations, "numbers");
  for (const Box& a : l.annotations) {
    ASSERT_GE(a.x, l.plot.x);
    ASSERT_LE(a.x + a.w, l.plot.x + l.plot.w);
  }
  EXPECT_EQ(l.row_labels.size(), 2u);
}

INSTANTIATE_TEST_SUITE_P(Lengths, StripLayoutTest,
                         ::testing::Combine(::testing::Values(1, 3, 12, 64, 256, 512), ::testing::Values(90, 45)));

TEST(Strip, SaliencyIsCentredOnZero) {
  StripLayout l = layout_strip(saliency_of_size(12), FigureStyle{});  // viridis: centred all the same
  EXPECT_DOUBLE_EQ(l.vmin, -2.0);
  EXPECT_DOUBLE_EQ(l.vmax, 2.0);
  EXPECT_THROW(saliency_strip(testing::tokens(3), {{"ig", {1.0f, 2.0f}}}), Error);
}

TEST(Strip, ShortTokensStayUprightAndNumbersAppearInCells) {
  StripFigure f = attention_row_strip(testing::attention_matrix(3), 0);
  f.matrix.col_labels = {"[CLS]", "good", "[SEP]"};
  StripLayout l = layout_strip(f, FigureStyle{});
  EXPECT_TRUE(l.labels_upright);
  EXPECT_EQ(l.annotations.size(), 3u);
  EXPECT_GT(l.annotation_font_size, 0);
  ASSERT_EQ(f.matrix.values.size(), 3u);
  EXPECT_FLOAT_EQ(f.matrix.values[0], 0.6f) << "row 0 of the matrix";
  EXPECT_THROW(attention_row_strip(testing::attention_matrix(3), 3), Error);
}

TEST(Strip, NumbersContrastWithTheirCell) {
  StripFigure f;
  f.matrix.rows = 1, f.matrix.cols = 2;
  f.matrix.values = {-1.0f, 0.0f};
  f.matrix.col_labels = {"a", "b"};
  f.matrix.row_labels = {"x"};
  FigureStyle style;
  style.colormap = "Greys";  // -1: white cell, 0 (top of the range): black cell
  StripLayout l = layout_strip(f, style);
  Image img = render_strip(f, style);
  ASSERT_EQ(l.annotations.size(), 2u);
  auto darkest_and_lightest = [&](const Box& b, int& dark, int& light) {
    dark = 255, light = 0;
    for (int y = b.y; y < b.y + b.h; ++y)
      for (int x = b.x; x < b.x + b.w; ++x) {
        dark = std::min<int>(dark, img.at(x, y).r);
        light = std::max<int>(light, img.at(x, y).r);
      }
  };
  int dark = 0, light = 0;
  darkest_and_lightest(l.annotations[0], dark, light);
  EXPECT_LT(dark, 100) << "dark ink on the white cell";
  darkest_and_lightest(l.annotations[1], dark, light);
  EXPECT_GT(light, 155) << "light ink on the black cell";
}

}  // namespace
}  // namespace attnmap
