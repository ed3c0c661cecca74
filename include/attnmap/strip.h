#pragma once
// Token strips: one value per token drawn as a row of cells, the tokens under them and the values
// in them, e.g. the attention of the [CLS] row, or signed saliency (Integrated Gradients,
// gradient × attention) where several methods make several rows, each labelled on the left.
//
// Layout rules: cells are 1100 px / tokens wide (3 to 60 px) and 24 to 36 px tall (× scale).
// Token labels are upright when every one fits its cell, else turned by
// FigureStyle::label_rotation and thinned like a heatmap's; numbers appear in the cells while they
// fit at 7 px or more (Annotate::kAuto), in light ink on dark cells.
#include <string>
#include <utility>
#include <vector>

#include "attnmap/attention.h"
#include "attnmap/figure.h"
#include "attnmap/image.h"

namespace attnmap {

struct StripFigure {
  Matrix matrix;  // one strip row per matrix row (row_labels name them), one cell per token (col_labels)
  std::string title, subtitle;
  std::string value_caption = "attention weight";
  // True: the colour scale runs from -max|v| to +max|v| with 0 in its middle, whatever the colormap
  // (diverging colormaps such as RdBu are always centred).
  bool centred = false;
  FigureMetadata metadata;
};

struct StripLayout {
  int width = 0, height = 0;
  int cell_w = 0, cell_h = 0;
  Box plot, colorbar;
  double tick_font_size = 0, annotation_font_size = 0;  // 0: no numbers
  bool labels_upright = true;                           // false: turned by FigureStyle::label_rotation
  int col_label_step = 1;
  std::vector<Box> row_labels, col_labels, colorbar_labels, captions, annotations;
  std::vector<TextFrame> col_label_frames;
  double vmin = 0, vmax = 1;
};

// Throws Error::input for an empty or misshapen matrix, Error::usage for a bad style.
StripLayout layout_strip(const StripFigure& figure, const FigureStyle& style);
Image render_strip(const StripFigure& figure, const FigureStyle& style);

// Row `row` of an attention matrix over its keys, e.g. row 0: where [CLS] looks. The strip row is
// labelled with the query token ("[CLS] →"). Throws Error::usage for a row out of range.
StripFigure attention_row_strip(const Matrix& attention, size_t row);

// Signed saliency, one strip row per (method, values) pair, centred on zero: draw it with a
// diverging colormap (RdBu, or RdBu_r for red = positive). Throws Error::input when a method's
// values do not match the tokens.
StripFigure saliency_strip(const std::vector<std::string>& tokens,
                           const std::vector<std::pair<std::string, std::vector<float>>>& methods);

// The name saliency_strip had before: code written against it still builds.
inline StripFigure salience_strip(const std::vector<std::string>& tokens,
                                  const std::vector<std::pair<std::string, std::vector<float>>>& methods) {
  return saliency_strip(tokens, methods);
}

}  // namespace attnmap
