#include "render/geometry.h"

#include <array>
#include <cmath>

#include "attnmap/error.h"

namespace attnmap {
namespace {

constexpr double kPi = 3.14159265358979323846;

struct Vec {
  double x, y;
};

// Corners of a frame, in screen coordinates (y down; counter-clockwise turns go up).
std::array<Vec, 4> corners(const TextFrame& f) {
  const double a = f.angle * kPi / 180.0, c = std::cos(a), s = std::sin(a);
  const double hx = f.length / 2, hy = f.thickness / 2;
  std::array<Vec, 4> out{};
  const double signs[4][2] = {{-1, -1}, {1, -1}, {1, 1}, {-1, 1}};
  for (int i = 0; i < 4; ++i) {
    double x = signs[i][0] * hx, y = signs[i][1] * hy;
    out[i] = {f.cx + x * c + y * s, f.cy - x * s + y * c};
  }
  return out;
}

// True when the projections of both rectangles on `axis` leave a gap (or only touch).
bool separated_on(const std::array<Vec, 4>& a, const std::array<Vec, 4>& b, Vec axis) {
  auto range = [&](const std::array<Vec, 4>& p, double& lo, double& hi) {
    lo = hi = p[0].x * axis.x + p[0].y * axis.y;
    for (const Vec& v : p) {
      double d = v.x * axis.x + v.y * axis.y;
      lo = std::min(lo, d);
      hi = std::max(hi, d);
    }
  };
  double alo, ahi, blo, bhi;
  range(a, alo, ahi);
  range(b, blo, bhi);
  constexpr double kTouch = 1e-6;
  return ahi <= blo + kTouch || bhi <= alo + kTouch;
}

}  // namespace

// Separating-axis test: two convex rectangles are disjoint iff some edge normal separates them.
bool TextFrame::overlaps(const TextFrame& o) const {
  const auto a = corners(*this), b = corners(o);
  for (const auto* p : {&a, &b}) {
    for (int i = 0; i < 2; ++i) {
      Vec edge{(*p)[i + 1].x - (*p)[i].x, (*p)[i + 1].y - (*p)[i].y};
      if (separated_on(a, b, Vec{-edge.y, edge.x})) return false;
    }
  }
  return true;
}

namespace render {

int degrees(Rotation rotation) {
  switch (rotation) {
    case Rotation::kUp: return 0;
    case Rotation::kCcw90: return 90;
    case Rotation::kCcw45: return 45;
  }
  return 0;
}

Rotation rotation_from_degrees(int degrees, const char* option) {
  if (degrees == 90) return Rotation::kCcw90;
  if (degrees == 45) return Rotation::kCcw45;
  throw Error::usage("label rotation must be 90 or 45 degrees, not " + std::to_string(degrees), option);
}

void rotated_size(int w, int h, Rotation rotation, int& box_w, int& box_h) {
  switch (rotation) {
    case Rotation::kUp: box_w = w; box_h = h; return;
    case Rotation::kCcw90: box_w = h; box_h = w; return;
    case Rotation::kCcw45:
      box_w = box_h = static_cast<int>(std::ceil((w + h) * 0.70710678118654752)) + 1;
      return;
  }
}

TextFrame frame_of(const Box& box, int w, int h, Rotation rotation) {
  return {box.x + box.w / 2.0, box.y + box.h / 2.0, static_cast<double>(w), static_cast<double>(h), degrees(rotation)};
}

}  // namespace render
}  // namespace attnmap
