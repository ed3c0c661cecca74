#pragma once
// A figure described once, as plain data, so that the raster (PNG) and the vector (SVG) backend
// draw the same layout: blocks of matrix cells, filled rectangles, vertical colour bars and lines
// of text, painted in that order (text always on top). Coordinates are whole pixels, origin top-left, already multiplied
// by the figure's scale.
#include <string>
#include <vector>

#include "attnmap/colormap.h"
#include "attnmap/figure.h"
#include "attnmap/image.h"
#include "render/geometry.h"

namespace attnmap::render {

// What a line of text is for; layouts collect their boxes by role, tests check them.
enum class TextRole { kRowLabel, kColLabel, kColorbarLabel, kCaption, kHeader, kAnnotation };

struct TextItem {
  std::string text;  // UTF-8, one line
  double size = 0;   // pixel size of the font
  Rotation rotation = Rotation::kUp;
  int w = 0, h = 0, baseline = 0;  // unrotated extent (FontSet::mask_size) and baseline from its top
  Box box;                         // where the turned text lies; turned about this box's centre
  Rgba color;
  TextRole role = TextRole::kCaption;

  TextFrame frame() const { return frame_of(box, w, h, rotation); }
};

struct ValueRange {
  double vmin = 0, vmax = 1;
  // t in [0, 1] for v (0.5 when the range is empty).
  double normalise(double v) const { return vmax > vmin ? (v - vmin) / (vmax - vmin) : 0.5; }
};

// A matrix drawn as rows × cols cells of cw × ch pixels from box's top-left corner. It points to
// the figure's matrix (no copy: a 12 × 12 × 512² model view has 37 million cells), which must
// outlive the scene.
struct CellsItem {
  Box box;
  int cw = 0, ch = 0;
  const Matrix* matrix = nullptr;
  Colormap colormap;
  ValueRange range;

  Rgba color(size_t row, size_t col) const { return colormap.at(range.normalise(matrix->at(row, col))); }
};

struct RectItem {
  Box box;
  Rgba color;
};

// The colormap from its low end (bottom) to its high end (top).
struct ColorbarItem {
  Box box;
  Colormap colormap;
};

struct Scene {
  int width = 0, height = 0;
  Rgba background{255, 255, 255, 255};
  std::vector<CellsItem> cells;
  std::vector<RectItem> rects;
  std::vector<ColorbarItem> colorbars;
  std::vector<TextItem> texts;

  // Smallest box holding everything; {0, 0, 0, 0} when empty.
  Box extent() const;
  void translate(int dx, int dy);
  // Appends `other`'s items moved by (dx, dy).
  void append(const Scene& other, int dx, int dy);
  // Moves everything so that a `margin` wide border surrounds it and sets width and height.
  void fit(int margin);

  std::vector<Box> boxes(TextRole role) const;
  std::vector<TextFrame> frames(TextRole role) const;
};

inline void shift(Box& b, int dx, int dy) {
  b.x += dx;
  b.y += dy;
}

}  // namespace attnmap::render
