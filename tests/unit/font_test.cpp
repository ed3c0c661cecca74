#include "render/font.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "attnmap/error.h"
#include "attnmap/figure.h"
#include "attnmap/files.h"
#include "unit/figures.h"

namespace attnmap {
namespace {

using render::FontSet;

int inked(const render::AlphaMask& m) {
  int n = 0;
  for (uint8_t a : m.alpha) n += a > 64;
  return n;
}

// Dark pixels of `img` inside `box`.
int dark_pixels(const Image& img, const Box& box) {
  int n = 0;
  for (int y = box.y; y < box.y + box.h; ++y)
    for (int x = box.x; x < box.x + box.w; ++x) n += img.at(x, y).r < 128;
  return n;
}

TEST(Fonts, MissingOrUnreadableFontFileIsAnIoErrorNamingIt) {
  FigureStyle style;
  style.font_path = "/nonexistent/NoSuchFont.ttf";
  try {
    render_heatmap(testing::heatmap_of_size(2), style);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.category(), ErrorCategory::kIO);
    EXPECT_EQ(e.message(), "font file not found (/nonexistent/NoSuchFont.ttf)");
  }
  const std::filesystem::path not_a_font = std::filesystem::temp_directory_path() / "attnmap_not_a_font.ttf";
  write_file_atomic(not_a_font, "this is not a font");
  style.font_path = not_a_font.string();
  try {
    layout_heatmap(testing::heatmap_of_size(2), style);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.category(), ErrorCategory::kIO);
    EXPECT_NE(e.message().find(not_a_font.string()), std::string::npos) << e.message();
  }
  std::filesystem::remove(not_a_font);
}

TEST(Fonts, DefaultIsDejaVuSansAndAFontFileCanBeNamed) {
  FontSet fonts;
  EXPECT_EQ(fonts.family_name(), "DejaVu Sans");
  const std::string mono = render::find_font_file("DejaVu Sans Mono");
  ASSERT_FALSE(mono.empty());
  FontSet named(mono);
  EXPECT_EQ(named.primary_path(), mono);
  EXPECT_EQ(named.family_name(), "DejaVu Sans Mono");
}

TEST(Fonts, AccentedLabelsDrawGlyphs) {
  FontSet fonts;
  EXPECT_GT(inked(fonts.render("\xc3\xa9", 20)), 20);  // é
  HeatmapFigure f = testing::heatmap_of_size(2);
  f.matrix.row_labels = {"caf\xc3\xa9", "na\xc3\xafve"};
  const HeatmapLayout l = layout_heatmap(f, FigureStyle{});
  const Image img = render_heatmap(f, FigureStyle{});
  for (const Box& b : l.row_labels) EXPECT_GT(dark_pixels(img, b), 10);
}

// DejaVu Sans Mono lacks Cyrillic omega (U+0460) that DejaVu Sans has: the glyph comes from the
// font fontconfig finds for it. Needs nothing beyond fonts-dejavu-core.
TEST(Fonts, MissingGlyphsComeFromAFallbackFont) {
  const std::string mono = render::find_font_file("DejaVu Sans Mono");
  FontSet fonts(mono);
  EXPECT_EQ(fonts.path_for(U'a'), mono);
  const std::string fallback = fonts.path_for(U'\u0460');
  EXPECT_NE(fallback, mono);
  EXPECT_NE(fallback.find("DejaVu"), std::string::npos) << fallback;
  const render::AlphaMask via_fallback = fonts.render("\xd1\xa0", 24);
  FontSet direct(fallback);
  EXPECT_GT(inked(via_fallback), 20) << "a glyph is drawn";
  EXPECT_EQ(inked(via_fallback), inked(direct.render("\xd1\xa0", 24))) << "the same glyph as from its own font";
}

// CJK needs a font that has it: scripts/setup.sh installs fonts-wqy-microhei (1.6 MB).
TEST(Fonts, CjkLabelsDrawGlyphsFromAFallbackFont) {
  FontSet fonts;
  const std::string path = fonts.path_for(U'\u4e2d');
  if (path == fonts.primary_path()) GTEST_SKIP() << "no font with CJK installed (fonts-wqy-microhei)";
  FontSet cjk(path);
  EXPECT_GT(inked(fonts.render("\xe4\xb8\xad", 24)), 20) << "a glyph is drawn";
  EXPECT_EQ(inked(fonts.render("\xe4\xb8\xad", 24)), inked(cjk.render("\xe4\xb8\xad", 24)));
  HeatmapFigure f = testing::heatmap_of_size(2);
  f.matrix.row_labels = {"\xe4\xb8\xad\xe6\x96\x87", "\xe6\x97\xa5\xe6\x9c\xac"};  // 中文, 日本
  const HeatmapLayout l = layout_heatmap(f, FigureStyle{});
  const Image img = render_heatmap(f, FigureStyle{});
  for (const Box& b : l.row_labels) EXPECT_GT(dark_pixels(img, b), 10);
}

}  // namespace
}  // namespace attnmap

namespace attnmap {
namespace {

// Colour emoji fonts (Noto Color Emoji, optional: fonts-noto-color-emoji) are bitmaps at one
// size: drawn scaled, in the text's ink, lighter where the emoji is light.
TEST(Fonts, ColourEmojiAreDrawnScaledInOneInk) {
  render::FontSet fonts;
  const std::string path = fonts.path_for(U'\U0001F680');
  if (path == fonts.primary_path()) GTEST_SKIP() << "no emoji font installed (fonts-noto-color-emoji)";
  const render::MaskSize size = fonts.mask_size("\xf0\x9f\x9a\x80", 12);  // rocket
  EXPECT_LE(size.width, 20) << "scaled to the text size, not the font's 109 px";
  const render::AlphaMask mask = fonts.render("\xf0\x9f\x9a\x80", 12);
  EXPECT_GT(inked(mask), 30);
}

}  // namespace
}  // namespace attnmap
