#include "core/json_depth.h"

#include <gtest/gtest.h>

#include <string>

#include "attnmap/error.h"

namespace attnmap {
namespace {

TEST(JsonDepth, CountsArraysAndObjectsNotBracketsInStrings) {
  EXPECT_EQ(json_depth("1"), 0u);
  EXPECT_EQ(json_depth("[]"), 1u);
  EXPECT_EQ(json_depth(R"([{"a": [1]}, []])"), 3u);
  EXPECT_EQ(json_depth(R"({"[[[": "{{{", "b": "\"[[["})"), 1u);
  EXPECT_EQ(json_depth(R"(["\\", [2]])"), 2u) << "an escaped backslash ends before the quote";
  EXPECT_EQ(json_depth("]]]["), 1u) << "closers without openers do not count";
}

TEST(JsonDepth, RefusesDeeperThanTheLimit) {
  const auto nested = [](size_t n) { return std::string(n, '[') + std::string(n, ']'); };
  EXPECT_NO_THROW(check_json_depth(nested(kMaxJsonDepth), "x.json"));
  try {
    check_json_depth(nested(kMaxJsonDepth + 1), "x.json");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.category(), ErrorCategory::kInput);
    EXPECT_EQ(e.message(), "JSON nested deeper than 64 levels (x.json)");
  }
  EXPECT_THROW(check_json_depth(std::string(1000000, '{'), "x.json"), Error) << "unclosed counts too";
}

}  // namespace
}  // namespace attnmap
