// batch::parse_given_scores: the scores file of `attnmap faithfulness --scores`.
#include "batch/given_scores.h"

#include <gtest/gtest.h>

#include <string>

#include "attnmap/error.h"

namespace attnmap {
namespace {

using batch::parse_given_scores;

std::string refusal(const std::string& text) {
  try {
    parse_given_scores(text, "given.jsonl");
  } catch (const Error& e) {
    EXPECT_EQ(e.category(), ErrorCategory::kInput);
    return e.message();
  }
  return "accepted";
}

TEST(GivenScores, ReadsExamplesByLineAndByIdWithTheirMethodsInFileOrder) {
  const batch::GivenScores g = parse_given_scores(
      "{\"line\": 2, \"scores\": {\"shap\": [0, 0.5, -1e-3, 0], \"lime\": [1, 2, 3, 4]}}\n"
      "\n"
      "{\"id\": \"row-7\", \"scores\": {\"lime\": [0.25, 1]}}\r\n",
      "given.jsonl");
  EXPECT_EQ(g.methods, (std::vector<std::string>{"lime", "shap"}));  // a JSON object's keys come sorted
  ASSERT_NE(g.find(2, ""), nullptr);
  EXPECT_EQ(g.find(2, "")->at("shap"), (std::vector<float>{0.0f, 0.5f, -1e-3f, 0.0f}));
  ASSERT_NE(g.find(9, "row-7"), nullptr);
  EXPECT_EQ(g.find(9, "row-7")->at("lime"), (std::vector<float>{0.25f, 1.0f}));
  EXPECT_EQ(g.find(9, "row-8"), nullptr);
  EXPECT_EQ(g.find(3, ""), nullptr);
  // A line number takes precedence over an id: they name the same example in a data set.
  EXPECT_EQ(g.find(2, "row-7"), g.find(2, ""));
}

TEST(GivenScores, TheDigestFollowsTheBytes) {
  const std::string a = "{\"line\": 2, \"scores\": {\"m\": [0, 1]}}\n";
  const std::string b = "{\"line\": 2, \"scores\": {\"m\": [0, 2]}}\n";
  EXPECT_EQ(parse_given_scores(a, "x").digest, parse_given_scores(a, "y").digest);
  EXPECT_NE(parse_given_scores(a, "x").digest, parse_given_scores(b, "x").digest);
}

TEST(GivenScores, RefusesWhatIsNotTheFormatNamingTheLine) {
  EXPECT_EQ(refusal(""), "the scores file has no example (given.jsonl)");
  EXPECT_EQ(refusal("\n  \n"), "the scores file has no example (given.jsonl)");
  EXPECT_NE(refusal("[1, 2]").find("given.jsonl:1: not a JSON object"), std::string::npos);
  EXPECT_NE(refusal("{\"line\": 2, \"scores\": {\"m\": [1]}}\n{oops").find("given.jsonl:2: not a JSON object"),
            std::string::npos);
  EXPECT_NE(refusal("{\"scores\": {\"m\": [1]}}").find("give the example's \"line\""), std::string::npos);
  EXPECT_NE(refusal("{\"line\": 2, \"id\": \"a\", \"scores\": {\"m\": [1]}}").find("one of them"), std::string::npos);
  EXPECT_NE(refusal("{\"line\": 0, \"scores\": {\"m\": [1]}}").find("1 or more"), std::string::npos);
  EXPECT_NE(refusal("{\"line\": -3, \"scores\": {\"m\": [1]}}").find("1 or more"), std::string::npos);
  EXPECT_NE(refusal("{\"line\": 2.5, \"scores\": {\"m\": [1]}}").find("1 or more"), std::string::npos);
  EXPECT_NE(refusal("{\"id\": \"\", \"scores\": {\"m\": [1]}}").find("non-empty string"), std::string::npos);
  EXPECT_NE(refusal("{\"id\": 7, \"scores\": {\"m\": [1]}}").find("non-empty string"), std::string::npos);
  EXPECT_NE(refusal("{\"line\": 2}").find("\"scores\" must be an object"), std::string::npos);
  EXPECT_NE(refusal("{\"line\": 2, \"scores\": {}}").find("\"scores\" must be an object"), std::string::npos);
  EXPECT_NE(refusal("{\"line\": 2, \"scores\": [1, 2]}").find("\"scores\" must be an object"), std::string::npos);
  EXPECT_NE(refusal("{\"line\": 2, \"scores\": {\"m\": 1}}").find("'m' is not an array"), std::string::npos);
  EXPECT_NE(refusal("{\"line\": 2, \"scores\": {\"m\": []}}").find("'m' has no scores"), std::string::npos);
  EXPECT_NE(refusal("{\"line\": 2, \"scores\": {\"m\": [1, null]}}").find("not a number: null"), std::string::npos);
  EXPECT_NE(refusal("{\"line\": 2, \"scores\": {\"m\": [1e39]}}").find("out of float range"), std::string::npos);
  EXPECT_NE(refusal("{\"line\": 2, \"scores\": {\"<b>x</b>\": [1]}}").find("is not letters, digits"), std::string::npos);
  EXPECT_NE(refusal("{\"line\": 2, \"scores\": {\"\": [1]}}").find("is not letters, digits"), std::string::npos);
  EXPECT_NE(refusal("{\"line\": 2, \"scores\": {\"" + std::string(65, 'm') + "\": [1]}}").find("at most 64"),
            std::string::npos);
  EXPECT_NE(refusal("{\"line\": 2, \"scores\": {\"m\": [1]}}\n{\"line\": 2, \"scores\": {\"n\": [1]}}")
                .find("given.jsonl:2: line 2 is given twice"),
            std::string::npos);
  EXPECT_NE(refusal("{\"id\": \"a\", \"scores\": {\"m\": [1]}}\n{\"id\": \"a\", \"scores\": {\"m\": [1]}}")
                .find("id \"a\" is given twice"),
            std::string::npos);
  EXPECT_NE(refusal("{\"line\": 2, \"scores\": {\"m\": " + std::string(300, '[') + std::string(300, ']') + "}}")
                .find("given.jsonl:1: "),
            std::string::npos);
}

}  // namespace
}  // namespace attnmap
