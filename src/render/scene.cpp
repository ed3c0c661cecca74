#include "render/scene.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "render/shapes.h"

namespace attnmap::render {
namespace {

// Moving an item: its box, or its points.
template <typename Item>
void move_item(Item& item, int dx, int dy) {
  shift(item.box, dx, dy);
}
void move_item(PolylineItem& line, int dx, int dy) {
  for (Point& p : line.points) shift(p, dx, dy);
}
void move_item(MarkerItem& marker, int dx, int dy) {
  shift(marker.centre, dx, dy);
}

template <typename Item>
void append_moved(std::vector<Item>& to, const std::vector<Item>& from, int dx, int dy) {
  for (const Item& item : from) {
    to.push_back(item);
    move_item(to.back(), dx, dy);
  }
}

}  // namespace

Box PolylineItem::box() const {
  if (points.empty()) return {};
  const int reach = static_cast<int>(std::ceil(width / 2 + 0.5));
  int x0 = points[0].x, y0 = points[0].y, x1 = x0, y1 = y0;
  for (const Point& p : points) {
    x0 = std::min(x0, p.x), y0 = std::min(y0, p.y);
    x1 = std::max(x1, p.x), y1 = std::max(y1, p.y);
  }
  return {x0 - reach, y0 - reach, x1 - x0 + 2 * reach, y1 - y0 + 2 * reach};
}

Box MarkerItem::box() const {
  const Outline outer = marker_outline(shape, centre.x, centre.y, radius + edge / 2);
  const int x0 = static_cast<int>(std::floor(outer.left)), y0 = static_cast<int>(std::floor(outer.top));
  return {x0, y0, static_cast<int>(std::ceil(outer.right)) - x0, static_cast<int>(std::ceil(outer.bottom)) - y0};
}

Box Scene::extent() const {
  int x0 = std::numeric_limits<int>::max(), y0 = x0, x1 = std::numeric_limits<int>::min(), y1 = x1;
  for_each_box([&](const Box& b) {
    x0 = std::min(x0, b.x);
    y0 = std::min(y0, b.y);
    x1 = std::max(x1, b.x + b.w);
    y1 = std::max(y1, b.y + b.h);
  });
  if (x0 > x1) return {};
  return {x0, y0, x1 - x0, y1 - y0};
}

void Scene::translate(int dx, int dy) {
  auto move = [&](auto& items) {
    for (auto& item : items) move_item(item, dx, dy);
  };
  move(cells);
  move(rects);
  move(colorbars);
  move(polylines);
  move(markers);
  move(texts);
}

void Scene::append(const Scene& other, int dx, int dy) {
  append_moved(cells, other.cells, dx, dy);
  append_moved(rects, other.rects, dx, dy);
  append_moved(colorbars, other.colorbars, dx, dy);
  append_moved(polylines, other.polylines, dx, dy);
  append_moved(markers, other.markers, dx, dy);
  append_moved(texts, other.texts, dx, dy);
}

void Scene::fit(int margin) {
  const Box e = extent();
  translate(margin - e.x, margin - e.y);
  width = e.w + 2 * margin;
  height = e.h + 2 * margin;
}

std::vector<Box> Scene::boxes(TextRole role) const {
  std::vector<Box> out;
  for (const auto& t : texts)
    if (t.role == role) out.push_back(t.box);
  return out;
}

std::vector<TextFrame> Scene::frames(TextRole role) const {
  std::vector<TextFrame> out;
  for (const auto& t : texts)
    if (t.role == role) out.push_back(t.frame());
  return out;
}

}  // namespace attnmap::render
