#pragma once
// Colormaps as data tables (sampled from matplotlib at 256 points) and the value-to-colour map.
#include <string>
#include <vector>

#include "attnmap/image.h"

namespace attnmap {

class Colormap {
 public:
  // Throws Error::usage listing the known names when `name` is not one of them.
  static Colormap by_name(const std::string& name);
  static std::vector<std::string> names();

  const std::string& name() const { return name_; }
  // True for maps meant for signed values (RdBu): their middle colour stands for zero.
  bool diverging() const { return diverging_; }
  // Colour of t in [0, 1] (clamped), nearest of the 256 entries.
  Rgba at(double t) const;

 private:
  std::string name_;
  bool diverging_ = false;
  const uint8_t (*rgb_)[3] = nullptr;
};

// Perceived lightness of a colour in [0, 1] (Rec. 709 luma of linearised sRGB): text drawn on a
// cell switches from dark to light below 0.4.
double relative_luminance(Rgba c);

}  // namespace attnmap
