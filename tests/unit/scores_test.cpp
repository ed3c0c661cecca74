// The saliency result (explain/scores.h): one to/from JSON, the fields `saliency --json` prints.
#include <gtest/gtest.h>

#include "attnmap/error.h"
#include "explain/scores.h"

namespace attnmap::explain {
namespace {

using nlohmann::json;

Saliency ig_and_rollout() {
  IgResult ig;
  ig.attributions = {0.5f, -0.25f, 0.125f};
  ig.target = 1;
  ig.f_input = 2.0;
  ig.f_baseline = 1.5;
  ig.attribution_sum = 0.375;
  Saliency s;
  s.target = 1;
  s.methods.push_back({"ig", ig.attributions, 1, ig, {{"steps", 50}, {"rule", "gausslegendre"}}});
  s.methods.push_back({"rollout", {0.25f, 0.5f, 0.25f}, std::nullopt, std::nullopt, nullptr});
  return s;
}

json document_of(const Saliency& s) { return {{"target", {{"id", s.target}, {"label", "positive"}}}, {"methods", to_json(s)}}; }

TEST(SaliencyJson, WritesValuesParametersAndCompleteness) {
  const json methods = to_json(ig_and_rollout());
  EXPECT_EQ(methods.at("ig").at("values"), json::parse("[0.5, -0.25, 0.125]"));
  EXPECT_EQ(methods.at("ig").at("parameters"), json::parse(R"({"steps": 50, "rule": "gausslegendre"})"));
  EXPECT_DOUBLE_EQ(methods.at("ig").at("completeness_gap").get<double>(), 0.125);
  EXPECT_DOUBLE_EQ(methods.at("ig").at("relative_completeness_gap").get<double>(), 0.25);
  EXPECT_FALSE(methods.at("rollout").contains("f_input")) << "only IG has F(input)";
}

TEST(SaliencyJson, ReadsBackWhatItWrites) {
  const Saliency s = ig_and_rollout();
  const Saliency back = saliency_from_json(document_of(s));
  EXPECT_EQ(to_json(back), to_json(s));
  ASSERT_EQ(back.methods.size(), 2u);
  EXPECT_EQ(back.target, 1u);
  EXPECT_EQ(back.methods[0].target, 1u) << "IG explains the target class";
  EXPECT_FALSE(back.methods[1].target.has_value()) << "rollout has no class";
  ASSERT_TRUE(back.methods[0].ig.has_value());
  EXPECT_DOUBLE_EQ(back.methods[0].ig->f_baseline, 1.5);
}

TEST(SaliencyJson, ADamagedDocumentSaysWhichField) {
  auto damaged = [](const std::function<void(json&)>& edit) {
    json doc = document_of(ig_and_rollout());
    edit(doc);
    try {
      saliency_from_json(doc);
    } catch (const Error& e) {
      return e.message();
    }
    return std::string();
  };
  EXPECT_EQ(damaged([](json& d) { d.erase("target"); }), "no \"target\"");
  EXPECT_EQ(damaged([](json& d) { d["methods"]["ig"]["values"][1] = "x"; }), "\"methods\".\"ig\".\"values\"[1] is not a number");
  EXPECT_EQ(damaged([](json& d) { d["methods"]["ig"].erase("f_baseline"); }), "no \"methods\".\"ig\".\"f_baseline\"");
  EXPECT_NE(damaged([](json& d) { d["methods"]["nosuch"] = {{"values", json::array()}}; }).find("unknown saliency method 'nosuch'"),
            std::string::npos);
}

}  // namespace
}  // namespace attnmap::explain
