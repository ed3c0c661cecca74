#pragma once
// An RGBA8 raster image, row-major, top row first, 4 bytes per pixel.
#include <cstdint>
#include <vector>

namespace attnmap {

struct Rgba {
  uint8_t r = 0, g = 0, b = 0, a = 255;
  bool operator==(const Rgba& o) const { return r == o.r && g == o.g && b == o.b && a == o.a; }
};

struct Image {
  int width = 0, height = 0;
  std::vector<uint8_t> pixels;  // width * height * 4

  Image() = default;
  Image(int w, int h, Rgba fill);
  Rgba at(int x, int y) const;
};

}  // namespace attnmap
