// The .npy writer: header layout as numpy's format 1.0 defines it, data little-endian float32.
#include <gtest/gtest.h>

#include <cstring>

#include "attnmap/error.h"
#include "attnmap/npy.h"

namespace attnmap {
namespace {

TEST(Npy, HeaderIsAlignedAndDescribesTheArray) {
  std::string npy = encode_npy({1.0f, 2.5f, -3.0f, 0.0f, 4.0f, 5.0f}, {2, 3});
  ASSERT_EQ(npy.substr(0, 8), std::string("\x93NUMPY\x01\x00", 8));
  const size_t header_len = static_cast<unsigned char>(npy[8]) | static_cast<unsigned char>(npy[9]) << 8;
  EXPECT_EQ((10 + header_len) % 64, 0u);
  const std::string header = npy.substr(10, header_len);
  EXPECT_EQ(header.rfind("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", 0), 0u);
  EXPECT_EQ(header.back(), '\n');
  ASSERT_EQ(npy.size(), 10 + header_len + 6 * sizeof(float));
  float third = 0;
  std::memcpy(&third, npy.data() + 10 + header_len + 2 * sizeof(float), sizeof(float));
  EXPECT_EQ(third, -3.0f);
}

TEST(Npy, OneDimensionHasATrailingComma) {
  std::string npy = encode_npy({1, 2, 3}, {3});
  EXPECT_NE(npy.find("'shape': (3,), }"), std::string::npos);
}

TEST(Npy, ShapeMustHoldTheValues) { EXPECT_THROW(encode_npy({1, 2, 3}, {2, 2}), Error); }

}  // namespace
}  // namespace attnmap
