#pragma once
// A figure described once, as plain data, so that the raster (PNG) and the vector (SVG) backend
// draw the same layout: blocks of matrix cells, filled rectangles, vertical colour bars, lines
// through points, markers and lines of text, painted in that order (text always on top).
// Coordinates are whole pixels, origin top-left, already multiplied by the figure's scale.
#include <string>
#include <vector>

#include "attnmap/colormap.h"
#include "attnmap/figure.h"
#include "attnmap/image.h"
#include "render/geometry.h"

namespace attnmap::render {

// What a line of text is for; layouts collect their boxes by role, tests check them.
// kValueLabel: the numbers on a value axis (a curve's y axis); kLegend: the names in a legend.
enum class TextRole { kRowLabel, kColLabel, kColorbarLabel, kCaption, kHeader, kAnnotation, kValueLabel, kLegend };

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

struct Point {
  int x = 0, y = 0;
};

// A line through `points`, `width` px wide with round caps and joins. `dashes` are the lengths in
// px of dash, gap, dash, gap, ... along the line from its first point, as SVG's stroke-dasharray
// (an odd count is repeated to make it even); a dash of 0 is a round dot as wide as the line;
// empty, or all zeros: solid. E.g. {7, 5}: 7 px dashes (9 px with their caps at width 2), 5 px apart.
struct PolylineItem {
  std::vector<Point> points;
  double width = 1;
  std::vector<double> dashes;
  Rgba color;

  Box box() const;  // every pixel the line may touch
};

enum class MarkerShape { kCircle, kSquare, kTriangleUp, kDiamond, kTriangleDown };

// A filled marker centred on `centre`, `radius` px from its centre to its edges (a circle's radius,
// a polygon's inradius: corners lie further out), ringed in the background's colour `edge` px wide
// centred on its outline (SVG's stroke), so that markers stand out from the lines under them and
// from each other.
struct MarkerItem {
  Point centre;
  MarkerShape shape = MarkerShape::kCircle;
  double radius = 4, edge = 0;
  Rgba color;

  Box box() const;  // every pixel the marker and its ring may touch
};

struct Scene {
  int width = 0, height = 0;
  Rgba background{255, 255, 255, 255};
  std::vector<CellsItem> cells;
  std::vector<RectItem> rects;
  std::vector<ColorbarItem> colorbars;
  std::vector<PolylineItem> polylines;
  std::vector<MarkerItem> markers;
  std::vector<TextItem> texts;

  // Calls f(box) with the box of every item, in painting order.
  template <typename F>
  void for_each_box(F&& f) const;
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

template <typename F>
void Scene::for_each_box(F&& f) const {
  for (const auto& c : cells) f(c.box);
  for (const auto& r : rects) f(r.box);
  for (const auto& c : colorbars) f(c.box);
  for (const auto& l : polylines) f(l.box());
  for (const auto& m : markers) f(m.box());
  for (const auto& t : texts) f(t.box);
}

inline void shift(Box& b, int dx, int dy) {
  b.x += dx;
  b.y += dy;
}

inline void shift(Point& p, int dx, int dy) {
  p.x += dx;
  p.y += dy;
}

}  // namespace attnmap::render
