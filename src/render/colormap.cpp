#include "attnmap/colormap.h"

#include <algorithm>
#include <cmath>

#include "attnmap/error.h"
#include "render/colormap_tables.h"

namespace attnmap {

Colormap Colormap::by_name(const std::string& name) {
  size_t count = 0;
  const render::ColormapTable* tables = render::colormap_tables(count);
  for (size_t i = 0; i < count; ++i) {
    if (tables[i].name == name) {
      Colormap m;
      m.name_ = name;
      m.diverging_ = tables[i].diverging;
      m.rgb_ = tables[i].rgb;
      return m;
    }
  }
  std::string known;
  for (const auto& n : names()) known += (known.empty() ? "" : ", ") + n;
  throw Error::usage("unknown colormap '" + name + "' (known: " + known + ")", "--cmap");
}

std::vector<std::string> Colormap::names() {
  size_t count = 0;
  const render::ColormapTable* tables = render::colormap_tables(count);
  std::vector<std::string> out;
  for (size_t i = 0; i < count; ++i) out.emplace_back(tables[i].name);
  return out;
}

Rgba Colormap::at(double t) const {
  if (!(t >= 0)) t = 0;  // NaN too
  if (t > 1) t = 1;
  const auto& c = rgb_[static_cast<int>(std::lround(t * 255))];
  return {c[0], c[1], c[2], 255};
}

double relative_luminance(Rgba c) {
  auto linear = [](uint8_t v) {
    double s = v / 255.0;
    return s <= 0.04045 ? s / 12.92 : std::pow((s + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * linear(c.r) + 0.7152 * linear(c.g) + 0.0722 * linear(c.b);
}

}  // namespace attnmap
