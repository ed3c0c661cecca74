#include "render/svg.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>

#include "attnmap/png.h"
#include "attnmap/version.h"
#include "core/base64.h"
#include "core/xml.h"
#include "render/figure_parts.h"
#include "render/shapes.h"

namespace attnmap::render {
namespace {

constexpr int kGradientStops = 65;
// Up to this many cells in a figure, every cell is a <rect>; beyond, each block of cells is an
// embedded PNG with one pixel per cell (a 12 × 12 × 64-token model view would otherwise be 35 MB).
constexpr size_t kMaxRectCells = 65536;

// Shortest of "12", "12.5", "12.25": two decimals at most, no "-0".
std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  std::string s = buf;
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  if (s == "-0") s = "0";
  return s;
}

std::string hex(Rgba c) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "#%02x%02x%02x", c.r, c.g, c.b);
  return buf;
}

// CSS family names are quoted in single quotes inside a double-quoted attribute: quotes and
// backslashes in a name would end the string early, so they are dropped.
std::string css_family(const std::string& family) {
  std::string clean;
  for (char c : family)
    if (c != '\'' && c != '"' && c != '\\') clean.push_back(c);
  return "'" + xml_escape(clean) + "', sans-serif";
}

void header(std::string& out, const Scene& scene, const std::string& family, const std::string& title,
            const FigureMetadata& m) {
  const std::string w = std::to_string(scene.width), h = std::to_string(scene.height);
  out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" version=\"1.1\" width=\"" + w + "\" height=\"" + h +
         "\" viewBox=\"0 0 " + w + " " + h + "\" font-family=\"" + css_family(family) +
         "\" xml:space=\"preserve\" style=\"white-space:pre\">\n";
  if (!title.empty()) out += "<title>" + xml_escape(title) + "</title>\n";
  if (!m.text.empty()) out += "<desc>" + xml_escape(m.text) + "</desc>\n";
  out += "<metadata><attnmap:figure xmlns:attnmap=\"urn:attnmap:figure\" software=\"attnmap ";
  out += kVersion;
  out += "\"";
  const std::pair<const char*, const std::string*> fields[] = {
      {"model", &m.model}, {"view", &m.view}, {"layer", &m.layer}, {"head", &m.head}};
  for (const auto& [key, value] : fields)
    if (!value->empty()) out += std::string(" ") + key + "=\"" + xml_escape(*value) + "\"";
  out += "/></metadata>\n";
}

void gradients(std::string& out, const Scene& scene) {
  if (scene.colorbars.empty()) return;
  out += "<defs>\n";
  for (size_t i = 0; i < scene.colorbars.size(); ++i) {
    out += "<linearGradient id=\"colorbar" + std::to_string(i) + "\" x1=\"0\" y1=\"1\" x2=\"0\" y2=\"0\">\n";
    for (int k = 0; k < kGradientStops; ++k) {
      const double t = static_cast<double>(k) / (kGradientStops - 1);
      char offset[16];
      std::snprintf(offset, sizeof offset, "%.6g", t);  // k/64 exactly: 0.015625
      out += "<stop offset=\"" + std::string(offset) + "\" stop-color=\"" + hex(scene.colorbars[i].colormap.at(t)) + "\"/>\n";
    }
    out += "</linearGradient>\n";
  }
  out += "</defs>\n";
}

std::string rect(const Box& b, const std::string& fill) {
  return "<rect x=\"" + std::to_string(b.x) + "\" y=\"" + std::to_string(b.y) + "\" width=\"" + std::to_string(b.w) +
         "\" height=\"" + std::to_string(b.h) + "\" fill=\"" + fill + "\"/>\n";
}

void cells_as_rects(std::string& out, const CellsItem& cells) {
  const Matrix& m = *cells.matrix;
  for (size_t r = 0; r < m.rows; ++r)
    for (size_t c = 0; c < m.cols; ++c)
      out += rect({cells.box.x + static_cast<int>(c) * cells.cw, cells.box.y + static_cast<int>(r) * cells.ch,
                   cells.cw, cells.ch},
                  hex(cells.color(r, c)));
}

// One pixel per cell, stretched over the block without smoothing.
void cells_as_image(std::string& out, const CellsItem& cells) {
  const Matrix& m = *cells.matrix;
  Image image(static_cast<int>(m.cols), static_cast<int>(m.rows), Rgba{});
  for (size_t r = 0; r < m.rows; ++r)
    for (size_t c = 0; c < m.cols; ++c) {
      const Rgba color = cells.color(r, c);
      uint8_t* p = &image.pixels[(r * m.cols + c) * 4];
      p[0] = color.r, p[1] = color.g, p[2] = color.b, p[3] = 255;
    }
  const Box& b = cells.box;
  out += "<image x=\"" + std::to_string(b.x) + "\" y=\"" + std::to_string(b.y) + "\" width=\"" + std::to_string(b.w) +
         "\" height=\"" + std::to_string(b.h) +
         "\" preserveAspectRatio=\"none\" image-rendering=\"optimizeSpeed\" style=\"image-rendering:pixelated\" "
         "xlink:href=\"data:image/png;base64," +
         base64_encode(encode_png(image)) + "\"/>\n";
}

std::string text(const TextItem& t) {
  std::string out = "<text";
  if (t.rotation == Rotation::kUp) {
    out += " x=\"" + std::to_string(t.box.x) + "\" y=\"" + std::to_string(t.box.y + t.baseline) + "\"";
  } else {
    out += " transform=\"translate(" + num(t.box.x + t.box.w / 2.0) + " " + num(t.box.y + t.box.h / 2.0) +
           ") rotate(-" + std::to_string(degrees(t.rotation)) + ")\"";
    out += " x=\"" + num(-t.w / 2.0) + "\" y=\"" + num(t.baseline - t.h / 2.0) + "\"";
  }
  out += " font-size=\"" + num(t.size) + "\"";
  if (!(t.color == kInk)) out += " fill=\"" + hex(t.color) + "\"";
  return out + ">" + xml_escape(t.text) + "</text>\n";
}

std::string polyline_element(const PolylineItem& line) {
  std::string out = "<polyline points=\"";
  for (size_t i = 0; i < line.points.size(); ++i)
    out += (i ? " " : "") + std::to_string(line.points[i].x) + "," + std::to_string(line.points[i].y);
  out += "\" stroke=\"" + hex(line.color) + "\" stroke-width=\"" + num(line.width) + "\"";
  if (!line.dashes.empty()) {
    out += " stroke-dasharray=\"";
    for (size_t i = 0; i < line.dashes.size(); ++i) out += (i ? " " : "") + num(line.dashes[i]);
    out += "\"";
  }
  return out + "/>\n";
}

// A circle, or a polygon as a path; its ring is the stroke.
std::string marker_element(const MarkerItem& m, Rgba background) {
  const Outline o = marker_outline(m.shape, m.centre.x, m.centre.y, m.radius);
  std::string out;
  if (o.corners.empty()) {
    out = "<circle cx=\"" + std::to_string(m.centre.x) + "\" cy=\"" + std::to_string(m.centre.y) + "\" r=\"" +
          num(o.radius) + "\"";
  } else {
    out = "<path d=\"";
    for (size_t i = 0; i < o.corners.size(); ++i)
      out += std::string(i ? " L " : "M ") + num(o.corners[i].x) + " " + num(o.corners[i].y);
    out += " Z\"";
  }
  out += " fill=\"" + hex(m.color) + "\"";
  if (m.edge > 0) out += " stroke=\"" + hex(background) + "\" stroke-width=\"" + num(m.edge) + "\"";
  return out + "/>\n";
}

// Lines, then markers over them; nothing at all for a scene without either.
void lines_and_markers(std::string& out, const Scene& scene) {
  if (!scene.polylines.empty()) {
    out += "<g fill=\"none\" stroke-linecap=\"round\" stroke-linejoin=\"round\">\n";
    for (const PolylineItem& line : scene.polylines) out += polyline_element(line);
    out += "</g>\n";
  }
  if (!scene.markers.empty()) {
    out += "<g>\n";
    for (const MarkerItem& m : scene.markers) out += marker_element(m, scene.background);
    out += "</g>\n";
  }
}

}  // namespace

std::string svg_document(const Scene& scene, const std::string& font_family, const std::string& title,
                         const FigureMetadata& metadata) {
  std::string out;
  out.reserve(scene.rects.size() * 64 + scene.texts.size() * 96 + 65536);
  header(out, scene, font_family, title, metadata);
  gradients(out, scene);
  out += rect({0, 0, scene.width, scene.height}, hex(scene.background));
  out += "<g shape-rendering=\"crispEdges\">\n";
  size_t cell_count = 0;
  for (const CellsItem& cells : scene.cells) cell_count += cells.matrix->rows * cells.matrix->cols;
  for (const CellsItem& cells : scene.cells) {
    if (cell_count <= kMaxRectCells) cells_as_rects(out, cells);
    else cells_as_image(out, cells);
  }
  for (const RectItem& r : scene.rects) out += rect(r.box, hex(r.color));
  for (size_t i = 0; i < scene.colorbars.size(); ++i)
    out += rect(scene.colorbars[i].box, "url(#colorbar" + std::to_string(i) + ")");
  out += "</g>\n";
  lines_and_markers(out, scene);
  out += "<g fill=\"" + hex(kInk) + "\">\n";
  for (const TextItem& t : scene.texts) out += text(t);
  out += "</g>\n</svg>\n";
  return out;
}

}  // namespace attnmap::render
