#include <gtest/gtest.h>

#include <filesystem>
#include <regex>

#include "attnmap/error.h"
#include "attnmap/figure_output.h"
#include "attnmap/files.h"
#include "core/xml.h"
#include "unit/figures.h"
#include "unit/png_decode.h"
#include "unit/xml_check.h"

namespace attnmap {
namespace {


size_t count(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (size_t pos = haystack.find(needle); pos != std::string::npos; pos = haystack.find(needle, pos + 1)) ++n;
  return n;
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

class SvgTest : public ::testing::TestWithParam<int> {};

TEST_P(SvgTest, HeatmapIsWellFormedWithEveryTokenAsText) {
  FigureStyle style;
  style.label_rotation = GetParam();
  const HeatmapFigure f = awkward_heatmap();
  const std::string svg = encode_figure(f, style, ImageFormat::kSvg);
  ASSERT_EQ(testing::xml_problem(svg), "");
  const HeatmapLayout l = layout_heatmap(f, style);
  EXPECT_NE(svg.find("width=\"" + std::to_string(l.width) + "\" height=\"" + std::to_string(l.height) + "\""),
            std::string::npos);
  EXPECT_EQ(count(svg, "<rect "), 1 + 64 + 1 + l.colorbar_labels.size()) << "background, cells, colour bar, ticks";
  EXPECT_EQ(count(svg, "<text"), l.row_labels.size() + l.col_labels.size() + l.colorbar_labels.size() +
                                     l.captions.size() + 64);
  EXPECT_NE(svg.find(">a&amp;b</text>"), std::string::npos);
  EXPECT_NE(svg.find(">]]&gt;</text>"), std::string::npos);
  EXPECT_NE(svg.find(">\xe4\xb8\xad</text>"), std::string::npos);
  EXPECT_NE(svg.find("rotate(-" + std::to_string(GetParam()) + ")"), std::string::npos);
  EXPECT_NE(svg.find("font-family=\"'DejaVu Sans', sans-serif\""), std::string::npos);
  EXPECT_NE(svg.find("<title>tiny &lt;bert&gt; &amp; co</title>"), std::string::npos);
  EXPECT_NE(svg.find("<desc>The &quot;movie&quot; &lt;was&gt; fine &amp; fun</desc>"), std::string::npos);
  EXPECT_TRUE(std::regex_search(svg, std::regex("<metadata><attnmap:figure [^>]*software=\"attnmap [0-9.]+\" "
                                                "model=\"tiny-bert\" view=\"matrix\" layer=\"1\" head=\"mean\"/>")));
  EXPECT_NE(svg.find("<linearGradient id=\"colorbar0\""), std::string::npos);
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
}

TEST(Svg, LargeGridsEmbedOnePixelPerCell) {
  const PanelFigure grid = model_view_figure(testing::stack_of(12, 12, 64), testing::tokens(64));
  const std::string svg = encode_figure(grid, FigureStyle{}, ImageFormat::kSvg);
  EXPECT_EQ(testing::xml_problem(svg), "");
  EXPECT_EQ(count(svg, "<image "), 144u);
  EXPECT_EQ(count(svg, "<rect "), 1 + 1 + layout_panels(grid, FigureStyle{}).colorbar_labels.size());
  EXPECT_LT(svg.size(), 2u << 20) << "one <rect> per cell would be 35 MB";
  const PanelFigure small = model_view_figure(testing::stack_of(2, 2, 12), testing::tokens(12));
  EXPECT_EQ(count(encode_figure(small, FigureStyle{}, ImageFormat::kSvg), "<image "), 0u);
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
