#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <regex>

#include "attnmap/colormap.h"
#include "attnmap/error.h"
#include "attnmap/figure_output.h"
#include "attnmap/files.h"
#include "core/xml.h"
#include "unit/figures.h"
#include "unit/png_decode.h"
#include "unit/xml_check.h"

namespace attnmap {
namespace {


using testing::XmlElement;

size_t count(const std::vector<XmlElement>& elements, const std::string& name) {
  return static_cast<size_t>(
      std::count_if(elements.begin(), elements.end(), [&](const XmlElement& e) { return e.name == name; }));
}

const XmlElement* first(const std::vector<XmlElement>& elements, const std::string& name) {
  for (const XmlElement& e : elements)
    if (e.name == name) return &e;
  return nullptr;
}

// The <text> elements whose content is `text`.
std::vector<const XmlElement*> texts(const std::vector<XmlElement>& elements, const std::string& text) {
  std::vector<const XmlElement*> out;
  for (const XmlElement& e : elements)
    if (e.name == "text" && e.text == text) out.push_back(&e);
  return out;
}

HeatmapFigure awkward_heatmap() {
  HeatmapFigure f = testing::heatmap_of_size(8);
  f.matrix.row_labels = f.matrix.col_labels = {"<s>", "a&b", "\"q\"", "it's", "]]>", "caf\xc3\xa9", "\x01", "\xe4\xb8\xad"};
  f.title = "tiny <bert> & co";
  f.metadata = {"tiny-bert", "The \"movie\" <was> fine & fun", "matrix", "1", "mean"};
  return f;
}

TEST(XmlEscape, EscapesMarkupAndReplacesWhatXmlForbids) {
  EXPECT_EQ(xml_escape("<a href=\"x\">&'"), "&lt;a href=&quot;x&quot;&gt;&amp;&apos;");
  EXPECT_EQ(xml_escape("a\tb\nc"), "a&#9;b&#10;c");
  EXPECT_EQ(xml_escape("\x01" "x\x1f"), "\xef\xbf\xbdx\xef\xbf\xbd");
  EXPECT_EQ(xml_escape("caf\xc3\xa9 \xe4\xb8\xad \xf0\x9f\x98\x80"), "caf\xc3\xa9 \xe4\xb8\xad \xf0\x9f\x98\x80");
  EXPECT_EQ(xml_escape("bad \xff\xc3"), "bad \xef\xbf\xbd\xef\xbf\xbd") << "invalid UTF-8 is replaced, not refused";
  EXPECT_EQ(xml_escape("\xef\xbf\xbe"), "\xef\xbf\xbd") << "U+FFFE is not an XML character";
}

TEST(XmlCheck, CatchesWhatItShould) {
  EXPECT_EQ(testing::xml_problem("<?xml version=\"1.0\"?>\n<a x=\"1\"><b/>t &amp; u</a>\n"), "");
  EXPECT_NE(testing::xml_problem("<a><b></a></b>"), "");
  EXPECT_NE(testing::xml_problem("<a>x & y</a>"), "");
  EXPECT_NE(testing::xml_problem("<a x=\"<\"/>"), "");
  EXPECT_NE(testing::xml_problem("<a/><b/>"), "");
  EXPECT_NE(testing::xml_problem("<a>\x01</a>"), "");
}

TEST(XmlCheck, ReadsElementsBackWithReferencesResolved) {
  const std::vector<XmlElement> e =
      testing::xml_elements("<?xml version=\"1.0\"?>\n<a x=\"1 &amp; 2\" y='&quot;'>t &lt; u&#9;<b z=\"\"/>v</a>");
  ASSERT_EQ(e.size(), 2u);
  EXPECT_EQ(e[0].name, "a");
  EXPECT_EQ(e[0].parent, -1);
  EXPECT_EQ(e[0].attribute("x"), "1 & 2");
  EXPECT_EQ(e[0].attribute("y"), "\"");
  EXPECT_EQ(e[0].attribute("none"), "");
  EXPECT_EQ(e[0].text, "t < u\tv") << "character data directly inside, not that of children";
  EXPECT_EQ(e[1].name, "b");
  EXPECT_EQ(e[1].parent, 0);
  EXPECT_THROW(testing::xml_elements("<a><b></a></b>"), std::runtime_error);
}

class SvgTest : public ::testing::TestWithParam<int> {};

TEST_P(SvgTest, HeatmapIsWellFormedWithEveryTokenAsText) {
  FigureStyle style;
  style.label_rotation = GetParam();
  const HeatmapFigure f = awkward_heatmap();
  const std::string svg = encode_figure(f, style, ImageFormat::kSvg);
  ASSERT_EQ(testing::xml_problem(svg), "");
  const std::vector<XmlElement> e = testing::xml_elements(svg);
  const HeatmapLayout l = layout_heatmap(f, style);
  const std::string w = std::to_string(l.width), h = std::to_string(l.height);
  EXPECT_EQ(e[0].name, "svg");
  EXPECT_EQ(e[0].attribute("width"), w);
  EXPECT_EQ(e[0].attribute("height"), h);
  EXPECT_EQ(e[0].attribute("viewBox"), "0 0 " + w + " " + h);
  EXPECT_EQ(e[0].attribute("font-family"), "'DejaVu Sans', sans-serif");

  // Background, one cell-sized <rect> per cell, the colour bar filled by its gradient, its ticks.
  size_t cells = 0, bars = 0;
  for (const XmlElement& r : e) {
    if (r.name != "rect") continue;
    cells += r.attribute("width") == std::to_string(l.cell) && r.attribute("height") == std::to_string(l.cell);
    bars += r.attribute("fill") == "url(#colorbar0)";
  }
  EXPECT_EQ(cells, 64u);
  EXPECT_EQ(bars, 1u);
  EXPECT_EQ(count(e, "rect"), 1 + 64 + 1 + l.colorbar_labels.size()) << "background, cells, colour bar, ticks";
  const XmlElement* gradient = first(e, "linearGradient");
  ASSERT_NE(gradient, nullptr);
  EXPECT_EQ(gradient->attribute("id"), "colorbar0");
  EXPECT_EQ(count(e, "stop"), 65u);

  // Every token twice as text, as the parser reads it back: upright on the left, turned under the
  // cells. A control character is drawn as U+FFFD.
  EXPECT_EQ(count(e, "text"),
            l.row_labels.size() + l.col_labels.size() + l.colorbar_labels.size() + l.captions.size() + 64);
  const std::string turned = "rotate(-" + std::to_string(GetParam()) + ")";
  for (std::string token : f.matrix.row_labels) {
    if (token == "\x01") token = "\xef\xbf\xbd";
    const std::vector<const XmlElement*> found = texts(e, token);
    ASSERT_EQ(found.size(), 2u) << "'" << token << "' as a row and as a column label";
    EXPECT_EQ(found[0]->attribute("transform"), "") << token;
    EXPECT_NE(found[1]->attribute("transform").find(turned), std::string::npos) << token;
  }
  ASSERT_NE(first(e, "title"), nullptr);
  EXPECT_EQ(first(e, "title")->text, f.title);
  EXPECT_EQ(texts(e, f.title).size(), 1u) << "the title drawn";
  ASSERT_NE(first(e, "desc"), nullptr);
  EXPECT_EQ(first(e, "desc")->text, f.metadata.text);
  const XmlElement* meta = first(e, "attnmap:figure");
  ASSERT_NE(meta, nullptr);
  EXPECT_EQ(e[static_cast<size_t>(meta->parent)].name, "metadata");
  EXPECT_TRUE(std::regex_match(meta->attribute("software"), std::regex("attnmap [0-9]+\\.[0-9]+\\.[0-9]+")));
  EXPECT_EQ(meta->attribute("model"), "tiny-bert");
  EXPECT_EQ(meta->attribute("view"), "matrix");
  EXPECT_EQ(meta->attribute("layer"), "1");
  EXPECT_EQ(meta->attribute("head"), "mean");
}

INSTANTIATE_TEST_SUITE_P(Rotations, SvgTest, ::testing::Values(90, 45));

TEST(Svg, EveryFigureKindIsWellFormed) {
  FigureStyle style;
  PanelFigure grid = model_view_figure(testing::stack_of(3, 4, 5), testing::tokens(5));
  EXPECT_EQ(testing::xml_problem(encode_figure(grid, style, ImageFormat::kSvg)), "");
  HeatmapFigure other = testing::heatmap_of_size(5);
  other.title = "<other> & \"model\"";
  EXPECT_EQ(testing::xml_problem(encode_figure(compare_figure(awkward_heatmap(), other), style, ImageFormat::kSvg)), "");
  StripFigure strip = saliency_strip(awkward_heatmap().matrix.col_labels, {{"a<b", std::vector<float>(8, -0.5f)}});
  EXPECT_EQ(testing::xml_problem(encode_figure(strip, style, ImageFormat::kSvg)), "");
  CurveFigure curves = testing::faithfulness_curves();
  curves.title = "<curves> & \"methods\"";
  curves.panels[0].series[0].name = "a<b & \"c\"";
  curves.x_labels[0] = "]]>";
  EXPECT_EQ(testing::xml_problem(encode_figure(curves, style, ImageFormat::kSvg)), "");
}

TEST(Svg, LargeGridsEmbedOnePixelPerCell) {
  const PanelFigure grid = model_view_figure(testing::stack_of(12, 12, 64), testing::tokens(64));
  const std::string svg = encode_figure(grid, FigureStyle{}, ImageFormat::kSvg);
  const std::vector<XmlElement> e = testing::xml_elements(svg);
  const PanelLayout l = layout_panels(grid, FigureStyle{});
  EXPECT_EQ(count(e, "rect"), 1 + 1 + l.colorbar_labels.size()) << "background, colour bar, ticks: no cells";
  EXPECT_LT(svg.size(), 2u << 20) << "one <rect> per cell would be 35 MB";
  std::vector<const XmlElement*> images;
  for (const XmlElement& x : e)
    if (x.name == "image") images.push_back(&x);
  ASSERT_EQ(images.size(), 144u);
  // Panel 1 (layer 0, head 1) over its plot, one pixel per cell, rows as queries: query q attends
  // to key q - 1 only.
  const XmlElement& panel = *images[1];
  EXPECT_EQ(panel.attribute("x"), std::to_string(l.plots[1].x));
  EXPECT_EQ(panel.attribute("y"), std::to_string(l.plots[1].y));
  EXPECT_EQ(panel.attribute("width"), std::to_string(l.plots[1].w));
  EXPECT_EQ(panel.attribute("height"), std::to_string(l.plots[1].h));
  EXPECT_EQ(panel.attribute("preserveAspectRatio"), "none");
  const Image pixels = testing::decode_png_data_uri(panel.attribute("xlink:href")).image;
  ASSERT_EQ(pixels.width, 64);
  ASSERT_EQ(pixels.height, 64);
  const Colormap viridis = Colormap::by_name("viridis");
  EXPECT_EQ(pixels.at(4, 5), viridis.at(1.0)) << "key 4 of query 5";
  EXPECT_EQ(pixels.at(5, 4), viridis.at(0.0)) << "key 5 of query 4";
  EXPECT_EQ(pixels.at(5, 5), viridis.at(0.0)) << "key 5 of query 5";
  const PanelFigure small = model_view_figure(testing::stack_of(2, 2, 12), testing::tokens(12));
  EXPECT_EQ(count(testing::xml_elements(encode_figure(small, FigureStyle{}, ImageFormat::kSvg)), "image"), 0u);
}

TEST(FigureOutput, SameFigureSameBytes) {
  const HeatmapFigure f = awkward_heatmap();
  FigureStyle style;
  style.label_rotation = 45;
  for (ImageFormat format : {ImageFormat::kPng, ImageFormat::kSvg})
    EXPECT_EQ(encode_figure(f, style, format), encode_figure(f, style, format));
  PanelFigure grid = model_view_figure(testing::stack_of(2, 2, 4), testing::tokens(4));
  EXPECT_EQ(encode_figure(grid, style, ImageFormat::kSvg), encode_figure(grid, style, ImageFormat::kSvg));
  EXPECT_EQ(encode_figure(grid, style, ImageFormat::kPng), encode_figure(grid, style, ImageFormat::kPng));
}

TEST(FigureOutput, PngCarriesTheMetadataAndTheLayoutsSize) {
  const HeatmapFigure f = awkward_heatmap();
  const testing::DecodedPng png = testing::decode_png(encode_figure(f, FigureStyle{}, ImageFormat::kPng));
  const HeatmapLayout l = layout_heatmap(f, FigureStyle{});
  EXPECT_EQ(png.image.width, l.width);
  EXPECT_EQ(png.image.height, l.height);
  EXPECT_EQ(png.image.at(0, 0), (Rgba{255, 255, 255, 255}));
  const PngText expected = png_metadata(f.metadata, f.title);
  ASSERT_EQ(png.text.size(), 7u);
  EXPECT_EQ(png.text, expected);
  EXPECT_EQ(png.text[0].first, "Software");
  EXPECT_EQ(png.text[2], (std::pair<std::string, std::string>{"Description", f.metadata.text}));
  EXPECT_EQ(png.text[6], (std::pair<std::string, std::string>{"attnmap:head", "mean"}));
}

TEST(FigureOutput, FormatComesFromTheExtension) {
  EXPECT_EQ(image_format_for("a/b.png"), ImageFormat::kPng);
  EXPECT_EQ(image_format_for("b.SVG"), ImageFormat::kSvg);
  EXPECT_EQ(image_format_for("-"), ImageFormat::kPng);
  EXPECT_EQ(image_format_for("-", ImageFormat::kSvg), ImageFormat::kSvg);
  for (const char* bad : {"x.jpg", "x", "x.png.tmp"}) {
    try {
      image_format_for(bad);
      ADD_FAILURE() << bad;
    } catch (const Error& e) {
      EXPECT_EQ(e.category(), ErrorCategory::kUsage);
      EXPECT_EQ(e.message(), std::string("cannot write '") + bad + "': name the output *.png or *.svg (" + bad + ")");
    }
  }
}

TEST(FigureOutput, WritesByExtension) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "attnmap_figure_output_test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const HeatmapFigure f = testing::heatmap_of_size(3);
  EXPECT_EQ(write_figure(dir / "f.svg", f, FigureStyle{}), ImageFormat::kSvg);
  EXPECT_EQ(write_figure(dir / "f.png", f, FigureStyle{}), ImageFormat::kPng);
  EXPECT_EQ(read_file(dir / "f.svg"), encode_figure(f, FigureStyle{}, ImageFormat::kSvg));
  EXPECT_EQ(testing::decode_png(read_file(dir / "f.png")).image.width, layout_heatmap(f, FigureStyle{}).width);
  EXPECT_THROW(write_figure(dir / "f.gif", f, FigureStyle{}), Error);
  EXPECT_FALSE(std::filesystem::exists(dir / "f.gif"));
  size_t files = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir)) ++files;
  EXPECT_EQ(files, 2u) << "no temporary files left behind";
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace attnmap
