#include "core/decimal.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

namespace attnmap {
namespace {

TEST(DecimalId, AcceptsPlainDecimalsUpToTheMaximum) {
  EXPECT_EQ(parse_decimal_id("0", 5), 0u);
  EXPECT_EQ(parse_decimal_id("5", 5), 5u);
  EXPECT_EQ(parse_decimal_id("30522", 4294967295u), 30522u);
  EXPECT_EQ(parse_decimal_id("4294967295", 4294967295u), 4294967295u);
  constexpr uint64_t kMax = std::numeric_limits<uint64_t>::max();
  EXPECT_EQ(parse_decimal_id("18446744073709551615", kMax), kMax);
}

TEST(DecimalId, RefusesAnythingElse) {
  for (const char* bad : {"", "6", "1abc", " 1", "1 ", "+1", "-1", "01", "00", "1.0", "1e2", "0x1", "\xd9\xa1"})
    EXPECT_EQ(parse_decimal_id(bad, 5), std::nullopt) << bad;
  EXPECT_EQ(parse_decimal_id("4294967296", 4294967295u), std::nullopt);
  EXPECT_EQ(parse_decimal_id("18446744073709551616", std::numeric_limits<uint64_t>::max()), std::nullopt);
  EXPECT_EQ(parse_decimal_id("1", 0), std::nullopt);
}

}  // namespace
}  // namespace attnmap
