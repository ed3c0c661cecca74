#include "attnmap/png.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace attnmap
