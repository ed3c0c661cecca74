#include "render/shapes.h"

#include <algorithm>
#include <cmath>

namespace attnmap::render {
namespace {

constexpr double kSqrt3 = 1.7320508075688772;

// Distance from p to the segment a–b (to a, when the segment is a point).
double distance_to_segment(Vertex p, Vertex a, Vertex b) {
  const double dx = b.x - a.x, dy = b.y - a.y, length2 = dx * dx + dy * dy;
  const double t = length2 > 0 ? std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / length2, 0.0, 1.0) : 0.0;
  return std::hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

// Inside a convex polygon: on the same side of every edge (either orientation), or on one.
bool inside_outline(const Outline& o, double x, double y) {
  if (o.corners.empty()) return std::hypot(x - o.cx, y - o.cy) <= o.radius;
  bool below = false, above = false;
  for (size_t i = 0; i < o.corners.size(); ++i) {
    const Vertex a = o.corners[i], b = o.corners[(i + 1) % o.corners.size()];
    const double cross = (b.x - a.x) * (y - a.y) - (b.y - a.y) * (x - a.x);
    below |= cross < 0;
    above |= cross > 0;
  }
  return !(below && above);
}

// An empty mask over whole pixels from (left, top) to (right, bottom).
Coverage blank_coverage(double left, double top, double right, double bottom) {
  Coverage c;
  c.x = static_cast<int>(std::floor(left));
  c.y = static_cast<int>(std::floor(top));
  c.mask.width = std::max(1, static_cast<int>(std::ceil(right)) - c.x);
  c.mask.height = std::max(1, static_cast<int>(std::ceil(bottom)) - c.y);
  c.mask.alpha.assign(static_cast<size_t>(c.mask.width) * c.mask.height, 0);
  return c;
}

}  // namespace

Outline marker_outline(MarkerShape shape, double cx, double cy, double radius) {
  const double r = std::max(0.0, radius);
  Outline o;
  o.cx = cx, o.cy = cy, o.radius = r;
  switch (shape) {
    case MarkerShape::kCircle:
      break;
    case MarkerShape::kSquare:
      o.corners = {{cx - r, cy - r}, {cx + r, cy - r}, {cx + r, cy + r}, {cx - r, cy + r}};
      break;
    case MarkerShape::kDiamond: {
      const double d = r * std::sqrt(2.0);
      o.corners = {{cx, cy - d}, {cx + d, cy}, {cx, cy + d}, {cx - d, cy}};
      break;
    }
    // Equilateral, centred on its centroid: corners 2r from the centre, edges r.
    case MarkerShape::kTriangleUp:
      o.corners = {{cx, cy - 2 * r}, {cx + kSqrt3 * r, cy + r}, {cx - kSqrt3 * r, cy + r}};
      break;
    case MarkerShape::kTriangleDown:
      o.corners = {{cx, cy + 2 * r}, {cx - kSqrt3 * r, cy - r}, {cx + kSqrt3 * r, cy - r}};
      break;
  }
  if (o.corners.empty()) {
    o.left = cx - r, o.top = cy - r, o.right = cx + r, o.bottom = cy + r;
    return o;
  }
  o.left = o.right = o.corners[0].x;
  o.top = o.bottom = o.corners[0].y;
  for (const Vertex& v : o.corners) {
    o.left = std::min(o.left, v.x), o.right = std::max(o.right, v.x);
    o.top = std::min(o.top, v.y), o.bottom = std::max(o.bottom, v.y);
  }
  return o;
}

std::vector<std::pair<Vertex, Vertex>> dash_segments(const PolylineItem& line) {
  std::vector<std::pair<Vertex, Vertex>> out;
  std::vector<double> pattern = line.dashes;
  if (pattern.size() % 2 == 1) pattern.insert(pattern.end(), line.dashes.begin(), line.dashes.end());
  double period = 0;
  for (double& d : pattern) period += d = std::max(0.0, d);
  size_t k = 0;  // the pattern's element under way: even a dash, odd a gap
  double left = period > 0 ? pattern[0] : 0;
  for (size_t i = 0; i + 1 < line.points.size(); ++i) {
    const Vertex a{static_cast<double>(line.points[i].x), static_cast<double>(line.points[i].y)};
    const Vertex b{static_cast<double>(line.points[i + 1].x), static_cast<double>(line.points[i + 1].y)};
    if (period <= 0) {
      out.emplace_back(a, b);
      continue;
    }
    const double length = std::hypot(b.x - a.x, b.y - a.y);
    auto at = [&](double t) {
      const double f = length > 0 ? t / length : 0;
      return Vertex{a.x + (b.x - a.x) * f, a.y + (b.y - a.y) * f};
    };
    // Walk the segment element by element; an element that ends at its end carries on in the next.
    for (double t = 0;;) {
      const double step = std::min(left, length - t);
      if (k % 2 == 0) out.emplace_back(at(t), at(t + step));
      t += step;
      left -= step;
      if (left > 1e-9) break;
      k = (k + 1) % pattern.size();
      left = pattern[k];
    }
  }
  return out;
}

Coverage line_coverage(const PolylineItem& line) {
  const Box b = line.box();
  Coverage c = blank_coverage(b.x, b.y, b.x + b.w, b.y + b.h);
  const double reach = line.width / 2 + 0.5;
  for (const auto& [from, to] : dash_segments(line)) {
    const int x0 = std::max(c.x, static_cast<int>(std::floor(std::min(from.x, to.x) - reach)));
    const int x1 = std::min(c.x + c.mask.width, static_cast<int>(std::ceil(std::max(from.x, to.x) + reach)));
    const int y0 = std::max(c.y, static_cast<int>(std::floor(std::min(from.y, to.y) - reach)));
    const int y1 = std::min(c.y + c.mask.height, static_cast<int>(std::ceil(std::max(from.y, to.y) + reach)));
    for (int y = y0; y < y1; ++y)
      for (int x = x0; x < x1; ++x) {
        const double covered = std::clamp(reach - distance_to_segment({x + 0.5, y + 0.5}, from, to), 0.0, 1.0);
        uint8_t& alpha = c.mask.alpha[static_cast<size_t>(y - c.y) * c.mask.width + (x - c.x)];
        alpha = std::max(alpha, static_cast<uint8_t>(std::lround(covered * 255)));
      }
  }
  return c;
}

Coverage marker_coverage(const MarkerItem& marker, double radius) {
  const Outline o = marker_outline(marker.shape, marker.centre.x, marker.centre.y, radius);
  Coverage c = blank_coverage(o.left, o.top, o.right, o.bottom);
  constexpr int kSamples = 4;  // per side of a pixel
  for (int y = 0; y < c.mask.height; ++y)
    for (int x = 0; x < c.mask.width; ++x) {
      int inside = 0;
      for (int j = 0; j < kSamples; ++j)
        for (int i = 0; i < kSamples; ++i)
          inside += inside_outline(o, c.x + x + (i + 0.5) / kSamples, c.y + y + (j + 0.5) / kSamples);
      c.mask.alpha[static_cast<size_t>(y) * c.mask.width + x] =
          static_cast<uint8_t>((inside * 255 + kSamples * kSamples / 2) / (kSamples * kSamples));
    }
  return c;
}

}  // namespace attnmap::render
