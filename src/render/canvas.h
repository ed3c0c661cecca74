#pragma once
// Drawing on an Image: filled rectangles and alpha masks (rendered text) blended in a colour,
// upright or rotated. Coordinates are pixels, origin top-left; everything is clipped to the image.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "attnmap/image.h"
#include "render/geometry.h"

namespace attnmap::render {

// An 8-bit coverage mask, e.g. a line of text rendered by FontSet.
struct AlphaMask {
  int width = 0, height = 0;
  std::vector<uint8_t> alpha;
  uint8_t at(int x, int y) const { return alpha[static_cast<size_t>(y) * width + x]; }
};

class Canvas {
 public:
  Canvas(int width, int height, Rgba background);

  int width() const { return image_.width; }
  int height() const { return image_.height; }
  const Image& image() const { return image_; }
  Image take_image() { return std::move(image_); }

  void fill_rect(int x, int y, int w, int h, Rgba color);
  // Blends `mask` in `color` with its (rotated) bounding box's top-left corner at (x, y).
  void draw_mask(const AlphaMask& mask, int x, int y, Rgba color, Rotation rotation = Rotation::kUp);

  // Size of the box a mask occupies once rotated.
  static void rotated_size(const AlphaMask& mask, Rotation rotation, int& w, int& h) {
    render::rotated_size(mask.width, mask.height, rotation, w, h);
  }

 private:
  void blend(int x, int y, Rgba color, uint8_t coverage);
  Image image_;
};

}  // namespace attnmap::render
