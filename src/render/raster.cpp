#include "render/raster.h"

#include <algorithm>

#include "render/canvas.h"
#include "render/shapes.h"

namespace attnmap::render {

Image rasterize(const Scene& scene, FontSet& fonts) {
  Canvas canvas(scene.width, scene.height, scene.background);
  for (const CellsItem& cells : scene.cells) {
    const Matrix& m = *cells.matrix;
    for (size_t r = 0; r < m.rows; ++r)
      for (size_t c = 0; c < m.cols; ++c)
        canvas.fill_rect(cells.box.x + static_cast<int>(c) * cells.cw, cells.box.y + static_cast<int>(r) * cells.ch,
                         cells.cw, cells.ch, cells.color(r, c));
  }
  for (const RectItem& r : scene.rects) canvas.fill_rect(r.box.x, r.box.y, r.box.w, r.box.h, r.color);
  for (const ColorbarItem& bar : scene.colorbars) {
    const Box& b = bar.box;
    for (int i = 0; i < b.h; ++i)
      canvas.fill_rect(b.x, b.y + i, b.w, 1, bar.colormap.at(1.0 - static_cast<double>(i) / std::max(1, b.h - 1)));
  }
  for (const PolylineItem& line : scene.polylines) {
    const Coverage c = line_coverage(line);
    canvas.draw_mask(c.mask, c.x, c.y, line.color);
  }
  for (const MarkerItem& marker : scene.markers) {
    if (marker.edge > 0) {
      const Coverage ring = marker_coverage(marker, marker.radius + marker.edge / 2);
      canvas.draw_mask(ring.mask, ring.x, ring.y, scene.background);
    }
    const Coverage fill = marker_coverage(marker, marker.radius - marker.edge / 2);
    canvas.draw_mask(fill.mask, fill.x, fill.y, marker.color);
  }
  for (const TextItem& t : scene.texts) canvas.draw_mask(fonts.render(t.text, t.size), t.box.x, t.box.y, t.color, t.rotation);
  return canvas.take_image();
}

}  // namespace attnmap::render
