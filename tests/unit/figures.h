#pragma once
// Figures and layout checks shared by the renderer's tests.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "attnmap/attention.h"
#include "attnmap/curves.h"
#include "attnmap/figure.h"

namespace attnmap::testing {

// Token i, with a long word every seventh so that labels get cut.
inline std::string token(size_t i) { return i % 7 == 3 ? "##antidisestablishmentarianism" : "tok" + std::to_string(i); }

inline std::vector<std::string> tokens(size_t n) {
  std::vector<std::string> out;
  for (size_t i = 0; i < n; ++i) out.push_back(token(i));
  return out;
}

// n × n, 0.6 on the diagonal: rows sum to about 1 like attention.
inline Matrix attention_matrix(size_t n) {
  Matrix m;
  m.rows = m.cols = n;
  for (size_t r = 0; r < n; ++r)
    for (size_t c = 0; c < n; ++c) m.values.push_back(c == r ? 0.6f : 0.4f / static_cast<float>(n));
  m.row_labels = m.col_labels = tokens(n);
  return m;
}

inline HeatmapFigure heatmap_of_size(size_t n) {
  HeatmapFigure f;
  f.matrix = attention_matrix(n);
  f.title = "test · layer 0 · mean over 2 heads";
  f.subtitle = "\"a sentence\"";
  return f;
}

// Head h of layer l looks (l + h) tokens back, so every panel differs.
inline AttentionStack stack_of(size_t layers, size_t heads, size_t n) {
  AttentionStack s;
  s.layers = layers, s.heads = heads, s.queries = s.keys = n;
  s.values.assign(layers * heads * n * n, 0.0f);
  for (size_t l = 0; l < layers; ++l)
    for (size_t h = 0; h < heads; ++h)
      for (size_t q = 0; q < n; ++q) s.values[s.index(l, h, q, q >= l + h ? q - l - h : 0)] = 1.0f;
  return s;
}

// A faithfulness figure as the faithfulness command draws one: comprehensiveness and sufficiency
// of 7 methods over K = 1, 5, 10, 20, 50 % of tokens, some sufficiencies below 0.
inline CurveFigure faithfulness_curves() {
  CurveFigure f;
  f.title = "sentiment-bert \u00b7 faithfulness \u00b7 872 examples";
  f.subtitle = "AOPC of each method over K, the share of tokens removed (comprehensiveness) or kept (sufficiency)";
  f.x_caption = "K: % of tokens (evenly spaced)";
  f.x_labels = {"1%", "5%", "10%", "20%", "50%"};
  CurvePanel comp{"comprehensiveness (higher is better)", "drop in p(predicted class)", {}};
  comp.series = {{"ig", {0.12, 0.31, 0.45, 0.58, 0.71}},        {"gradattn", {0.10, 0.27, 0.40, 0.52, 0.66}},
                 {"rollout", {0.05, 0.14, 0.22, 0.35, 0.52}},   {"flow", {0.06, 0.17, 0.26, 0.38, 0.55}},
                 {"valuenorm", {0.09, 0.22, 0.36, 0.49, 0.63}}, {"random", {0.01, 0.04, 0.08, 0.15, 0.33}},
                 {"loo", {0.14, 0.34, 0.47, 0.57, 0.68}}};
  CurvePanel suff{"sufficiency (lower is better)", "drop in p(predicted class)", {}};
  suff.series = {{"ig", {0.41, 0.22, 0.08, -0.02, -0.05}},       {"gradattn", {0.45, 0.27, 0.12, 0.01, -0.03}},
                 {"rollout", {0.58, 0.44, 0.31, 0.15, 0.02}},    {"flow", {0.55, 0.40, 0.28, 0.13, 0.01}},
                 {"valuenorm", {0.48, 0.31, 0.16, 0.04, -0.01}}, {"random", {0.66, 0.60, 0.51, 0.38, 0.17}},
                 {"loo", {0.39, 0.20, 0.06, -0.04, -0.07}}};
  f.panels = {comp, suff};
  f.metadata.model = "sentiment-bert";
  f.metadata.view = "faithfulness";
  return f;
}

inline void expect_inside(const std::vector<Box>& boxes, int width, int height, const char* what) {
  for (size_t i = 0; i < boxes.size(); ++i)
    ASSERT_TRUE(boxes[i].inside(width, height)) << what << " " << i << " leaves the " << width << "×" << height
                                                << " canvas at " << boxes[i].x << "," << boxes[i].y;
}

// No box of `a` overlaps one of `b`; with a == b, no two different boxes overlap.
inline void expect_apart(const std::vector<Box>& a, const std::vector<Box>& b, const char* what) {
  const bool same = &a == &b;
  for (size_t i = 0; i < a.size(); ++i)
    for (size_t j = same ? i + 1 : 0; j < b.size(); ++j)
      ASSERT_FALSE(a[i].overlaps(b[j])) << what << ": " << i << " and " << j << " overlap";
}

inline void expect_apart(const std::vector<TextFrame>& frames, const char* what) {
  for (size_t i = 0; i < frames.size(); ++i)
    for (size_t j = i + 1; j < frames.size(); ++j)
      ASSERT_FALSE(frames[i].overlaps(frames[j])) << what << ": " << i << " and " << j << " overlap";
}

// What every layout with one plot (HeatmapLayout, StripLayout) promises, checked the same way for
// each: every box on the canvas; no label or caption over the cells, the colour bar or another
// label; a turned frame for every column label.
template <typename Layout>
void expect_one_plot_clear(const Layout& l) {
  for (const auto* group : {&l.row_labels, &l.col_labels, &l.colorbar_labels, &l.captions})
    expect_inside(*group, l.width, l.height, "a box");
  expect_inside({l.plot, l.colorbar}, l.width, l.height, "plot or colour bar");
  expect_apart(l.row_labels, l.row_labels, "row labels");
  expect_apart(l.col_label_frames, "column labels");
  expect_apart(l.colorbar_labels, l.colorbar_labels, "colour bar labels");
  const std::vector<Box> plot = {l.plot}, bar = {l.colorbar};
  expect_apart(l.row_labels, plot, "row label over the cells");
  expect_apart(l.col_labels, plot, "column label over the cells");
  expect_apart(l.col_labels, l.row_labels, "column label over a row label");
  expect_apart(l.col_labels, bar, "column label over the colour bar");
  expect_apart(l.col_labels, l.colorbar_labels, "column label over a colour bar label");
  expect_apart(l.captions, l.captions, "captions");
  expect_apart(l.captions, plot, "caption over the cells");
  expect_apart(l.captions, l.row_labels, "caption over a row label");
  expect_apart(l.captions, l.col_labels, "caption over a column label");
  expect_apart(l.captions, l.colorbar_labels, "caption over a colour bar label");
  EXPECT_EQ(l.col_label_frames.size(), l.col_labels.size());
}

}  // namespace attnmap::testing
