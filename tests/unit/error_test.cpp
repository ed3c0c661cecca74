#include "attnmap/error.h"

#include <gtest/gtest.h>

namespace attnmap {
namespace {

TEST(Error, ExitCodesFollowTheCategory) {
  EXPECT_EQ(Error::usage("x").exit_code(), 2);
  EXPECT_EQ(Error::input("x").exit_code(), 3);
  EXPECT_EQ(Error::model("x").exit_code(), 4);
  EXPECT_EQ(Error::io("x").exit_code(), 5);
}

TEST(Error, MessageNamesWhereWhenKnown) {
  EXPECT_EQ(Error::io("cannot open file", "a/b.json").message(), "cannot open file (a/b.json)");
  EXPECT_EQ(Error::usage("no text").message(), "no text");
}

}  // namespace
}  // namespace attnmap
