#include "render/scene.h"

#include <algorithm>
#include <limits>

namespace attnmap::render {

Box Scene::extent() const {
  int x0 = std::numeric_limits<int>::max(), y0 = x0, x1 = std::numeric_limits<int>::min(), y1 = x1;
  auto add = [&](const Box& b) {
    x0 = std::min(x0, b.x);
    y0 = std::min(y0, b.y);
    x1 = std::max(x1, b.x + b.w);
    y1 = std::max(y1, b.y + b.h);
  };
  for (const auto& c : cells) add(c.box);
  for (const auto& r : rects) add(r.box);
  for (const auto& c : colorbars) add(c.box);
  for (const auto& t : texts) add(t.box);
  if (x0 > x1) return {};
  return {x0, y0, x1 - x0, y1 - y0};
}

void Scene::translate(int dx, int dy) {
  for (auto& c : cells) shift(c.box, dx, dy);
  for (auto& r : rects) shift(r.box, dx, dy);
  for (auto& c : colorbars) shift(c.box, dx, dy);
  for (auto& t : texts) shift(t.box, dx, dy);
}

void Scene::append(const Scene& other, int dx, int dy) {
  for (CellsItem c : other.cells) {
    shift(c.box, dx, dy);
    cells.push_back(c);
  }
  for (RectItem r : other.rects) {
    shift(r.box, dx, dy);
    rects.push_back(r);
  }
  for (ColorbarItem c : other.colorbars) {
    shift(c.box, dx, dy);
    colorbars.push_back(c);
  }
  for (const TextItem& t : other.texts) {
    texts.push_back(t);
    shift(texts.back().box, dx, dy);
  }
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
