#include "render/canvas.h"
#include "render/geometry.h"

#include <algorithm>
#include <cmath>

namespace attnmap {

Image::Image(int w, int h, Rgba fill) : width(w), height(h), pixels(static_cast<size_t>(w) * h * 4) {
  for (size_t i = 0; i < pixels.size(); i += 4) {
    pixels[i] = fill.r;
    pixels[i + 1] = fill.g;
    pixels[i + 2] = fill.b;
    pixels[i + 3] = fill.a;
  }
}

Rgba Image::at(int x, int y) const {
  const uint8_t* p = &pixels[(static_cast<size_t>(y) * width + x) * 4];
  return {p[0], p[1], p[2], p[3]};
}

namespace render {
namespace {


// Bilinear sample of the mask at a fractional position; outside is transparent.
double sample(const AlphaMask& m, double fx, double fy) {
  int x0 = static_cast<int>(std::floor(fx)), y0 = static_cast<int>(std::floor(fy));
  double tx = fx - x0, ty = fy - y0;
  auto get = [&](int x, int y) -> double {
    return (x < 0 || y < 0 || x >= m.width || y >= m.height) ? 0.0 : m.at(x, y);
  };
  return (get(x0, y0) * (1 - tx) + get(x0 + 1, y0) * tx) * (1 - ty) +
         (get(x0, y0 + 1) * (1 - tx) + get(x0 + 1, y0 + 1) * tx) * ty;
}

}  // namespace

Canvas::Canvas(int width, int height, Rgba background) : image_(width, height, background) {}

void Canvas::fill_rect(int x, int y, int w, int h, Rgba color) {
  int x0 = std::max(x, 0), y0 = std::max(y, 0);
  int x1 = std::min(x + w, image_.width), y1 = std::min(y + h, image_.height);
  for (int yy = y0; yy < y1; ++yy) {
    uint8_t* p = &image_.pixels[(static_cast<size_t>(yy) * image_.width + x0) * 4];
    for (int xx = x0; xx < x1; ++xx, p += 4) {
      p[0] = color.r;
      p[1] = color.g;
      p[2] = color.b;
      p[3] = 255;
    }
  }
}

void Canvas::blend(int x, int y, Rgba color, uint8_t coverage) {
  if (coverage == 0 || x < 0 || y < 0 || x >= image_.width || y >= image_.height) return;
  uint8_t* p = &image_.pixels[(static_cast<size_t>(y) * image_.width + x) * 4];
  const int a = coverage, inv = 255 - coverage;
  p[0] = static_cast<uint8_t>((color.r * a + p[0] * inv + 127) / 255);
  p[1] = static_cast<uint8_t>((color.g * a + p[1] * inv + 127) / 255);
  p[2] = static_cast<uint8_t>((color.b * a + p[2] * inv + 127) / 255);
}

void Canvas::draw_mask(const AlphaMask& mask, int x, int y, Rgba color, Rotation rotation) {
  int w = 0, h = 0;
  rotated_size(mask, rotation, w, h);
  for (int ry = 0; ry < h; ++ry) {
    for (int rx = 0; rx < w; ++rx) {
      uint8_t coverage = 0;
      if (rotation == Rotation::kUp) {
        coverage = mask.at(rx, ry);
      } else if (rotation == Rotation::kCcw90) {
        coverage = mask.at(mask.width - 1 - ry, rx);  // exact: no resampling
      } else {
        // Inverse of a 45° counter-clockwise turn about the box's centre.
        double cx = rx + 0.5 - w / 2.0, cy = ry + 0.5 - h / 2.0;
        double mx = (cx - cy) * kSqrtHalf + mask.width / 2.0 - 0.5;
        double my = (cx + cy) * kSqrtHalf + mask.height / 2.0 - 0.5;
        coverage = static_cast<uint8_t>(std::lround(sample(mask, mx, my)));
      }
      blend(x + rx, y + ry, color, coverage);
    }
  }
}

}  // namespace render
}  // namespace attnmap
