#include "attnmap/png.h"

#include <gtest/gtest.h>

#include "render/png_writer.h"
#include "unit/png_decode.h"

namespace attnmap {
namespace {

TEST(Png, DecodesBackToTheSamePixelsAndText) {
  Image img(5, 3, Rgba{10, 20, 30, 255});
  img.pixels[(1 * 5 + 2) * 4] = 200;  // one red-ish pixel at (2, 1)
  std::string bytes = encode_png(img, {{"Software", "attnmap test"}, {"Description", "caf\xc3\xa9"}});
  testing::DecodedPng back = testing::decode_png(bytes);
  ASSERT_EQ(back.image.width, 5);
  ASSERT_EQ(back.image.height, 3);
  EXPECT_EQ(back.image.at(2, 1), (Rgba{200, 20, 30, 255}));
  EXPECT_EQ(back.image.at(0, 0), (Rgba{10, 20, 30, 255}));
  ASSERT_EQ(back.text.size(), 2u);
  EXPECT_EQ(back.text[1].second, "caf\xc3\xa9");
}

// The encoder's settings change the bytes, never the pixels (bench/png_bench.cpp relies on it).
TEST(Png, EverySettingDecodesToTheSamePixels) {
  Image img(7, 4, Rgba{250, 250, 250, 255});
  for (int y = 0; y < 4; ++y)
    for (int x = 0; x < 7; ++x) img.pixels[(y * 7 + x) * 4] = static_cast<uint8_t>(x * 30 + y * 5);
  using render::PngFilter;
  using render::PngStrategy;
  for (PngFilter f : {PngFilter::kNone, PngFilter::kSub, PngFilter::kUp, PngFilter::kAverage, PngFilter::kPaeth,
                      PngFilter::kAdaptive})
    for (PngStrategy s : {PngStrategy::kDefault, PngStrategy::kFiltered, PngStrategy::kRle})
      for (int level : {0, 1, 6, 9}) {
        testing::DecodedPng back = testing::decode_png(render::encode_png(img, {}, {level, f, s}));
        ASSERT_EQ(back.image.pixels, img.pixels) << "level " << level;
      }
  EXPECT_EQ(testing::decode_png(encode_png(img)).image.pixels, img.pixels);
}

}  // namespace
}  // namespace attnmap
