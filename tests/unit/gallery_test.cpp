// Writes one file of every figure kind, PNG and SVG, into $ATTNMAP_FIGURE_DIR (for the ctest entry
// that parses the SVGs with Python's xml.etree, tests/integration/parse_svg.py, and for looking at
// them), then reads every file back and checks what a user would see: the PNG decodes to the
// layout's size with the colour scale's both ends in its cells (a line chart: every series' colour
// on its plots) and text around them; the SVG is well-formed, as large, with one <rect> per cell
// (or one embedded PNG per matrix past 65,536 cells, svg.h), one <polyline> per line and one
// <circle> or <path> per marker, and every label as text, in order. Skipped when
// ATTNMAP_FIGURE_DIR is unset.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <set>

#include "attnmap/colormap.h"
#include "attnmap/figure_output.h"
#include "attnmap/files.h"
#include "attnmap/views.h"
#include "unit/figures.h"
#include "unit/png_decode.h"
#include "unit/xml_check.h"

namespace attnmap {
namespace {

namespace fs = std::filesystem;
using testing::XmlElement;

// Tokens that need escaping in XML, a CJK one, an accented one, an emoji and control characters.
std::vector<std::string> awkward_tokens() {
  return {"[CLS]", "<s>", "a&b", "\"quoted\"", "it's", "]]>", "caf\xc3\xa9", "\xe4\xb8\xad\xe6\x96\x87",
          "\xf0\x9f\x9a\x80", "tab\there", "\x01" "ctl", "[SEP]"};
}

// The same as both backends draw them: control characters, the tab included, become U+FFFD
// (figure_parts.cpp, make_text). Written out, not computed, so that the test does not share the
// writer's mistakes.
std::vector<std::string> awkward_as_drawn() {
  return {"[CLS]", "<s>", "a&b", "\"quoted\"", "it's", "]]>", "caf\xc3\xa9", "\xe4\xb8\xad\xe6\x96\x87",
          "\xf0\x9f\x9a\x80", "tab\xef\xbf\xbdhere", "\xef\xbf\xbd" "ctl", "[SEP]"};
}

// testing::tokens(n) as drawn: labels longer than 24 characters are cut to 23 and "…".
std::vector<std::string> tokens_as_drawn(size_t n) {
  std::vector<std::string> out = testing::tokens(n);
  for (std::string& t : out)
    if (t == "##antidisestablishmentarianism") t = "##antidisestablishmenta\xe2\x80\xa6";
  return out;
}

std::vector<std::string> numbered(const std::string& word, size_t n) {
  std::vector<std::string> out;
  for (size_t i = 0; i < n; ++i) out.push_back(word + " " + std::to_string(i));
  return out;
}

template <typename T>
std::vector<T> repeated(const std::vector<T>& v, size_t times) {
  std::vector<T> out;
  for (size_t i = 0; i < times; ++i) out.insert(out.end(), v.begin(), v.end());
  return out;
}

// What one figure file must show, from the layout the writer drew.
struct Expected {
  std::string name;  // file name without extension
  int width = 0, height = 0;
  std::vector<Box> plots;  // the cells' areas, one per matrix
  int cell_w = 0, cell_h = 0;
  size_t cells = 0;                       // drawn as one <rect> each in the SVG
  size_t embedded = 0;                    // matrices drawn as one embedded PNG each instead
  size_t embedded_w = 0, embedded_h = 0;  // that PNG's size: one pixel per cell
  size_t polylines = 0, markers = 0;      // curves' lines and markers, the legend's included
  std::vector<Rgba> series_colours;       // a line chart's: each must be drawn on its plots
  std::string title, desc;                // "" for none
  // Each list: the texts of the figure that belong to it, in document order. Keep the lists
  // apart (no text in two of them): each is checked among the SVG's texts on its own.
  std::vector<std::vector<std::string>> texts;
};

template <typename Figure>
Expected expected_of(const std::string& name, int width, int height, const Figure& f) {
  Expected e;
  e.name = name;
  e.width = width;
  e.height = height;
  e.title = f.title;
  e.desc = f.metadata.text;
  return e;
}

Expected expected(const std::string& name, const HeatmapLayout& l, const HeatmapFigure& f) {
  Expected e = expected_of(name, l.width, l.height, f);
  e.plots = {l.plot};
  e.cell_w = e.cell_h = l.cell;
  e.cells = f.matrix.rows * f.matrix.cols;
  return e;
}

Expected expected(const std::string& name, const PanelLayout& l, const PanelFigure& f) {
  Expected e = expected_of(name, l.width, l.height, f);
  e.plots = l.plots;
  e.cell_w = e.cell_h = l.cell;
  for (const Panel& p : f.panels) e.cells += p.matrix.rows * p.matrix.cols;
  if (e.cells > 65536) {  // svg.h: past 65,536 cells, one PNG per matrix with a pixel per cell
    e.embedded = f.panels.size();
    e.embedded_w = f.panels[0].matrix.cols;
    e.embedded_h = f.panels[0].matrix.rows;
    e.cells = 0;
  }
  return e;
}

Expected expected(const std::string& name, const StripLayout& l, const StripFigure& f) {
  Expected e = expected_of(name, l.width, l.height, f);
  e.plots = {l.plot};
  e.cell_w = l.cell_w;
  e.cell_h = l.cell_h;
  e.cells = f.matrix.rows * f.matrix.cols;
  return e;
}

// matplotlib's tab10, written out (not taken from the writer) for the first `n` series.
std::vector<Rgba> tab10(size_t n) {
  const std::vector<Rgba> all = {{31, 119, 180, 255},  {255, 127, 14, 255}, {44, 160, 44, 255},   {214, 39, 40, 255},
                                 {148, 103, 189, 255}, {140, 86, 75, 255},  {227, 119, 194, 255}, {127, 127, 127, 255},
                                 {188, 189, 34, 255},  {23, 190, 207, 255}};
  return {all.begin(), all.begin() + static_cast<std::ptrdiff_t>(n)};
}

Expected expected(const std::string& name, const CurveLayout& l, const CurveFigure& f) {
  Expected e = expected_of(name, l.width, l.height, f);
  e.plots = l.plots;
  e.polylines = l.lines.size() + l.legend_names.size();
  e.markers = l.points.size() + l.legend_names.size();
  e.series_colours = tab10(l.legend_names.size());
  return e;
}

bool inside_any(const std::vector<Box>& boxes, int x, int y) {
  return std::any_of(boxes.begin(), boxes.end(),
                     [&](const Box& b) { return x >= b.x && x < b.x + b.w && y >= b.y && y < b.y + b.h; });
}

std::string read_written(const fs::path& file) {
  EXPECT_TRUE(fs::exists(file)) << file << " was not written";
  if (!fs::exists(file)) return "";
  std::string bytes = read_file(file);
  EXPECT_FALSE(bytes.empty()) << file << " is empty";
  return bytes;
}

// Every plot has more than one colour, and the cells reach both ends of the colour scale (each
// figure's values span its range).
void expect_scale_ends(const Image& img, const Expected& e, const Colormap& cmap) {
  size_t low = 0, high = 0;
  for (const Box& p : e.plots) {
    std::set<uint32_t> colours;
    for (int y = p.y; y < p.y + p.h; ++y)
      for (int x = p.x; x < p.x + p.w; ++x) {
        const Rgba c = img.at(x, y);
        colours.insert(static_cast<uint32_t>(c.r) << 16 | c.g << 8 | c.b);
        low += c == cmap.at(0.0);
        high += c == cmap.at(1.0);
      }
    EXPECT_GT(colours.size(), 1u) << "a plot of one flat colour at " << p.x << "," << p.y;
  }
  EXPECT_GT(low, 0u) << "no cell in the colour of the scale's low end";
  EXPECT_GT(high, 0u) << "no cell in the colour of the scale's high end";
}

// Every series' colour, exactly, on every plot: its line or its markers.
void expect_series_colours(const Image& img, const Expected& e) {
  for (const Box& p : e.plots)
    for (size_t k = 0; k < e.series_colours.size(); ++k) {
      size_t found = 0;
      for (int y = p.y; y < p.y + p.h; ++y)
        for (int x = p.x; x < p.x + p.w; ++x) found += img.at(x, y) == e.series_colours[k];
      EXPECT_GT(found, 20u) << "series " << k << " is hardly drawn on the plot at " << p.x << "," << p.y;
    }
}

void expect_png(const fs::path& dir, const Expected& e, const Colormap& cmap) {
  SCOPED_TRACE(e.name + ".png");
  const std::string bytes = read_written(dir / (e.name + ".png"));
  if (bytes.empty()) return;
  testing::DecodedPng png;
  ASSERT_NO_THROW(png = testing::decode_png(bytes));
  const Image& img = png.image;
  ASSERT_EQ(img.width, e.width);
  ASSERT_EQ(img.height, e.height);
  const bool titled = std::count(png.text.begin(), png.text.end(), std::make_pair(std::string("Title"), e.title));
  EXPECT_EQ(titled, !e.title.empty()) << "the Title chunk";
  EXPECT_EQ(img.at(0, 0), (Rgba{255, 255, 255, 255})) << "white background";
  if (e.series_colours.empty())
    expect_scale_ends(img, e, cmap);
  else
    expect_series_colours(img, e);
  size_t ink = 0;
  for (int y = 0; y < img.height; ++y)
    for (int x = 0; x < img.width; ++x) {
      const Rgba c = img.at(x, y);
      ink += c.r < 100 && std::max({c.r, c.g, c.b}) - std::min({c.r, c.g, c.b}) < 8 && !inside_any(e.plots, x, y);
    }
  EXPECT_GT(ink, 200u) << "hardly any text around the cells";
}

const XmlElement* first(const std::vector<XmlElement>& elements, const std::string& name) {
  for (const XmlElement& el : elements)
    if (el.name == name) return &el;
  return nullptr;
}

void expect_texts(const std::vector<XmlElement>& elements, const std::vector<std::string>& wanted) {
  const std::set<std::string> members(wanted.begin(), wanted.end());
  std::vector<std::string> found;
  for (const XmlElement& el : elements)
    if (el.name == "text" && members.count(el.text)) found.push_back(el.text);
  EXPECT_EQ(found, wanted) << "these texts, each once and in this order";
}

void expect_cells(const std::vector<XmlElement>& elements, const Expected& e) {
  size_t cells = 0, images = 0;
  for (const XmlElement& el : elements) {
    if (el.name == "rect")
      cells += el.attribute("width") == std::to_string(e.cell_w) && el.attribute("height") == std::to_string(e.cell_h);
    if (el.name != "image") continue;
    ++images;
    EXPECT_EQ(el.attribute("width"), std::to_string(e.embedded_w * e.cell_w));
    EXPECT_EQ(el.attribute("height"), std::to_string(e.embedded_h * e.cell_h));
    testing::DecodedPng block;
    ASSERT_NO_THROW(block = testing::decode_png_data_uri(el.attribute("xlink:href")));
    EXPECT_EQ(block.image.width, static_cast<int>(e.embedded_w)) << "one pixel per cell";
    EXPECT_EQ(block.image.height, static_cast<int>(e.embedded_h)) << "one pixel per cell";
  }
  EXPECT_EQ(cells, e.cells) << "one " << e.cell_w << "×" << e.cell_h << " <rect> per cell";
  EXPECT_EQ(images, e.embedded) << "embedded matrices";
}

void expect_curves(const std::vector<XmlElement>& elements, const Expected& e) {
  size_t polylines = 0, markers = 0;
  for (const XmlElement& el : elements) {
    polylines += el.name == "polyline";
    markers += el.name == "circle" || el.name == "path";
  }
  EXPECT_EQ(polylines, e.polylines) << "one <polyline> per line";
  EXPECT_EQ(markers, e.markers) << "one <circle> or <path> per marker";
}

void expect_svg(const fs::path& dir, const Expected& e) {
  SCOPED_TRACE(e.name + ".svg");
  const std::string svg = read_written(dir / (e.name + ".svg"));
  if (svg.empty()) return;
  ASSERT_EQ(testing::xml_problem(svg), "");
  const std::vector<XmlElement> elements = testing::xml_elements(svg);
  const XmlElement& root = elements.front();
  EXPECT_EQ(root.name, "svg");
  EXPECT_EQ(root.attribute("width"), std::to_string(e.width));
  EXPECT_EQ(root.attribute("height"), std::to_string(e.height));
  EXPECT_EQ(root.attribute("viewBox"), "0 0 " + std::to_string(e.width) + " " + std::to_string(e.height));
  const XmlElement* title = first(elements, "title");
  EXPECT_EQ(title ? title->text : "", e.title);
  const XmlElement* desc = first(elements, "desc");
  EXPECT_EQ(desc ? desc->text : "", e.desc);
  if (!e.title.empty()) expect_texts(elements, {e.title});
  for (const auto& texts : e.texts) expect_texts(elements, texts);
  expect_cells(elements, e);
  expect_curves(elements, e);
}

fs::path figure_dir() {
  const char* dir = std::getenv("ATTNMAP_FIGURE_DIR");
  return dir == nullptr ? fs::path() : fs::path(dir);
}

// Writes `figure` as name.png and name.svg, after removing what an earlier run left there.
template <typename Figure>
void write_both(const fs::path& dir, const std::string& name, const Figure& figure, const FigureStyle& style) {
  for (const char* ext : {".png", ".svg"}) {
    fs::remove(dir / (name + ext));
    write_figure(dir / (name + ext), figure, style);
  }
}

TEST(Gallery, WritesEveryFigureKind) {
  const fs::path dir = figure_dir();
  if (dir.empty()) GTEST_SKIP() << "ATTNMAP_FIGURE_DIR is not set";
  fs::create_directories(dir);
  const std::vector<std::string> awkward = awkward_as_drawn();

  HeatmapFigure heatmap = testing::heatmap_of_size(12);
  heatmap.matrix.row_labels = heatmap.matrix.col_labels = awkward_tokens();
  heatmap.metadata = {"tiny-bert", "a <b> & \"c\"", "matrix", "0", "mean"};
  heatmap.title = "tiny-bert";
  FigureStyle diagonal;
  diagonal.label_rotation = 45;
  write_both(dir, "heatmap", heatmap, FigureStyle{});
  write_both(dir, "heatmap45", heatmap, diagonal);
  const HeatmapLayout heatmap_layout = layout_heatmap(heatmap, FigureStyle{});
  std::vector<Expected> figures = {expected("heatmap", heatmap_layout, heatmap),
                                   expected("heatmap45", layout_heatmap(heatmap, diagonal), heatmap)};
  figures[0].texts = figures[1].texts = {repeated(awkward, 2), {"\"a sentence\""}};  // rows, columns; subtitle

  const AttentionStack stack = testing::stack_of(12, 12, 12);
  PanelFigure grid = model_view_figure(stack, testing::tokens(12));
  grid.title = "model view · 12 layers × 12 heads";
  PanelFigure grid64 = model_view_figure(testing::stack_of(12, 12, 64), testing::tokens(64));
  PanelFigure heads = layer_heads_figure(stack, 3, awkward_tokens(), 4);
  heads.title = "layer 3, every head";
  HeatmapFigure other = testing::heatmap_of_size(9);
  other.title = "tiny-roberta";
  const PanelFigure compare = compare_figure(heatmap, other);
  write_both(dir, "grid", grid, FigureStyle{});
  write_both(dir, "grid64", grid64, FigureStyle{});
  write_both(dir, "heads", heads, diagonal);
  write_both(dir, "compare", compare, FigureStyle{});
  const PanelLayout grid_layout = layout_panels(grid, FigureStyle{});
  const PanelLayout grid64_layout = layout_panels(grid64, FigureStyle{});
  const PanelLayout heads_layout = layout_panels(heads, diagonal);
  const PanelLayout compare_layout = layout_panels(compare, FigureStyle{});
  figures.push_back(expected("grid", grid_layout, grid));
  figures.back().texts = {numbered("head", 12), numbered("layer", 12)};  // column headers, then row headers
  figures.push_back(expected("grid64", grid64_layout, grid64));
  figures.back().texts = {numbered("head", 12), numbered("layer", 12)};
  figures.push_back(expected("heads", heads_layout, heads));
  // Token labels on the outer panels only: rows of the left column (3), columns of the bottom row (4).
  figures.back().texts = {repeated(awkward, 3 + 4), numbered("head", 12)};
  figures.push_back(expected("compare", compare_layout, compare));
  const std::vector<std::string> nine = tokens_as_drawn(9);
  figures.back().texts = {repeated(awkward, 2), repeated(nine, 2), {"tiny-bert", "tiny-roberta"}};

  StripFigure cls = attention_row_strip(testing::attention_matrix(12), 0);
  cls.title = "[CLS] row";
  std::vector<float> ig, grad;
  for (int i = 0; i < 12; ++i) {
    ig.push_back(static_cast<float>((i % 5) - 2) / 4.0f);
    grad.push_back(static_cast<float>((i % 3) - 1) / 8.0f);
  }
  StripFigure saliency = saliency_strip(awkward_tokens(), {{"integrated gradients", ig}, {"grad × attention", grad}});
  FigureStyle signed_style;
  signed_style.colormap = "RdBu_r";
  write_both(dir, "cls", cls, FigureStyle{});
  write_both(dir, "saliency", saliency, signed_style);
  const StripLayout cls_layout = layout_strip(cls, FigureStyle{});
  const StripLayout saliency_layout = layout_strip(saliency, signed_style);
  figures.push_back(expected("cls", cls_layout, cls));
  figures.back().texts = {{"tok0 \xe2\x86\x92"}, tokens_as_drawn(12)};
  figures.push_back(expected("saliency", saliency_layout, saliency));
  figures.back().texts = {{"integrated gradients", "grad × attention"}, awkward};

  const CurveFigure curves = testing::faithfulness_curves();
  write_both(dir, "curves", curves, FigureStyle{});
  const CurveLayout curves_layout = layout_curves(curves, FigureStyle{});
  figures.push_back(expected("curves", curves_layout, curves));
  const std::vector<std::string> methods = {"ig", "gradattn", "rollout", "flow", "valuenorm", "random", "loo"};
  const std::vector<std::string> bins = {"1%", "5%", "10%", "20%", "50%"};
  figures.back().texts = {
      repeated(bins, 2), methods, {"comprehensiveness (higher is better)", "sufficiency (lower is better)"}};

  for (const Expected& e : figures) {
    expect_png(dir, e, Colormap::by_name(e.name == "saliency" ? "RdBu_r" : "viridis"));
    expect_svg(dir, e);
  }

  // Sizes a user would find sensible: the model view is larger than one heatmap both ways; at 64
  // tokens its cells are still 3 px (panels.h: about 2600 × 2500 px); two matrices side by side are
  // wider than either alone; strips are wide and short.
  EXPECT_GT(grid_layout.width, heatmap_layout.width);
  EXPECT_GT(grid_layout.height, heatmap_layout.height);
  EXPECT_EQ(grid64_layout.cell, 3);
  for (int side : {grid64_layout.width, grid64_layout.height}) {
    EXPECT_GE(side, 12 * 64 * 3);
    EXPECT_LE(side, 2800);
  }
  const HeatmapLayout other_layout = layout_heatmap(other, FigureStyle{});
  EXPECT_GT(compare_layout.width, std::max(heatmap_layout.width, other_layout.width));
  EXPECT_GE(compare_layout.width, heatmap_layout.plot.w + other_layout.plot.w);
  EXPECT_GT(heads_layout.width, heads_layout.height) << "4 heads across, 3 down";
  EXPECT_GE(cls_layout.plot.w, 12 * cls_layout.cell_w);
  EXPECT_GT(cls_layout.width, 2 * cls_layout.height);
  EXPECT_LT(saliency_layout.height, heatmap_layout.height);
  EXPECT_GT(curves_layout.width, curves_layout.height) << "two panels side by side and a legend";
}

}  // namespace
}  // namespace attnmap
