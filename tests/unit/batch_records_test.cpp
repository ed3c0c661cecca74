// The files a batch run writes, typed: the manifest record, the summary, the run's settings and
// the names of its (shards') files. Each struct has one to/from JSON; these tests pin the JSON
// (what scripts and older runs read) and the errors a damaged file gets.
#include <gtest/gtest.h>

#include "attnmap/error.h"
#include "batch/records.h"
#include "batch/run_files.h"
#include "batch/run_settings.h"
#include "batch/summary.h"

namespace attnmap::batch {
namespace {

using nlohmann::json;

ManifestRecord two_model_record() {
  ManifestRecord r;
  r.line = 12;
  r.id = "test-00011";
  r.text = "Not bad.";
  r.gold = "negative";
  r.outcome = "only_b_wrong";
  r.selected = true;
  r.truncated = true;
  r.models = {{"sentiment-bert", "negative", {{"negative", 0.75}, {"positive", 0.25}}, true},
              {"sentiment-roberta", "positive", {{"negative", 0.125}, {"positive", 0.875}}, false}};
  r.files = {{"matrix", "examples/000012-test-00011/matrix.png"}};
  r.skipped = {{"ig", "--steps too many for this length"}};
  return r;
}

// The error message `read` throws, or "" when it does not throw.
template <typename Read>
std::string error_of(Read read) {
  try {
    read();
  } catch (const Error& e) {
    return e.message();
  }
  return "";
}

TEST(ManifestRecord, WritesTheDocumentedFields) {
  EXPECT_EQ(to_json(two_model_record()), json::parse(R"({
      "line": 12, "id": "test-00011", "text": "Not bad.", "gold": "negative", "outcome": "only_b_wrong",
      "selected": true, "truncated": true,
      "models": [{"model": "sentiment-bert", "predicted": "negative", "correct": true,
                  "probabilities": {"negative": 0.75, "positive": 0.25}},
                 {"model": "sentiment-roberta", "predicted": "positive", "correct": false,
                  "probabilities": {"negative": 0.125, "positive": 0.875}}],
      "files": {"matrix": "examples/000012-test-00011/matrix.png"},
      "skipped": {"ig": "--steps too many for this length"}})"));
  ManifestRecord bad;
  bad.line = 3;
  bad.error = "no text in column 2";
  EXPECT_EQ(to_json(bad), json::parse(R"({"line": 3, "error": "no text in column 2"})")) << "a rejected row";
}

TEST(ManifestRecord, WritesOptionalFieldsOnlyWhenSet) {
  ManifestRecord r = two_model_record();
  r.gold.reset();
  r.truncated = false;
  r.selected = false;
  r.files.clear();
  r.skipped.clear();
  for (auto& m : r.models) m.correct.reset();
  const json j = to_json(r);
  EXPECT_TRUE(j.at("gold").is_null()) << "gold is always there, null without a label";
  for (const char* absent : {"truncated", "files", "skipped"}) EXPECT_FALSE(j.contains(absent)) << absent;
  EXPECT_FALSE(j["models"][0].contains("correct"));
  r.selected = true;
  EXPECT_EQ(to_json(r).at("files"), json::object()) << "a selected row lists its files, even none";
}

TEST(ManifestRecord, ReadsBackWhatItWrites) {
  for (const ManifestRecord& r : {two_model_record(), ManifestRecord{}}) {
    const json once = to_json(r);
    EXPECT_EQ(to_json(manifest_record_from_json(once)), once);
  }
  ManifestRecord bad;
  bad.line = 9;
  bad.error = "empty";
  const ManifestRecord back = manifest_record_from_json(to_json(bad));
  EXPECT_TRUE(back.rejected());
  EXPECT_EQ(back.line, 9u);
}

TEST(ManifestRecord, FaithfulnessNumbersPerModel) {
  ManifestRecord r = two_model_record();
  r.faithfulness = {{{"ig", {0.5, 0.125, 0.25}}, {"random", {0.25, 0.5, std::nullopt}}}, {{"ig", {0.75, 0.0, -0.5}}}};
  const json j = to_json(r);
  EXPECT_EQ(j.at("faithfulness"), json::parse(R"([
      {"ig": {"aopc_comprehensiveness": 0.5, "aopc_sufficiency": 0.125, "tau_loo": 0.25},
       "random": {"aopc_comprehensiveness": 0.25, "aopc_sufficiency": 0.5, "tau_loo": null}},
      {"ig": {"aopc_comprehensiveness": 0.75, "aopc_sufficiency": 0.0, "tau_loo": -0.5}}])"));
  EXPECT_EQ(to_json(manifest_record_from_json(j)), j);
  EXPECT_FALSE(to_json(two_model_record()).contains("faithfulness")) << "only with the view";

  SummaryBuilder b({"negative", "positive"}, {"sentiment-bert", "sentiment-roberta"});
  b.add(r);
  ManifestRecord second = r;
  second.line = 13;
  second.faithfulness[0]["ig"] = {0.25, 0.375, std::nullopt};
  b.add(second);
  const Summary s = b.finish({});
  ASSERT_EQ(s.faithfulness.size(), 2u);
  const FaithfulnessMean& ig = s.faithfulness[0].at("ig");
  EXPECT_EQ(ig.n, 2u);
  EXPECT_DOUBLE_EQ(ig.aopc_comprehensiveness.mean, 0.375);
  EXPECT_LE(ig.aopc_comprehensiveness.low, 0.375);
  EXPECT_GE(ig.aopc_comprehensiveness.high, 0.375);
  EXPECT_GE(ig.aopc_comprehensiveness.low, 0.25) << "an interval inside the rows' range";
  EXPECT_LE(ig.aopc_comprehensiveness.high, 0.5);
  EXPECT_DOUBLE_EQ(ig.aopc_sufficiency.mean, 0.25);
  EXPECT_DOUBLE_EQ(ig.tau_loo->mean, 0.25) << "the mean over the rows where tau is defined";
  EXPECT_DOUBLE_EQ(ig.tau_loo->low, 0.25) << "one row: no spread";
  EXPECT_FALSE(s.faithfulness[0].at("random").tau_loo.has_value());
  EXPECT_EQ(to_json(summary_from_json(to_json(s))), to_json(s));
}

TEST(ManifestRecord, NullReadsAsUnset) {
  json j = to_json(two_model_record());
  j["gold"] = nullptr;
  j["outcome"] = nullptr;
  j["models"][0]["correct"] = nullptr;
  j["skipped"] = nullptr;
  const ManifestRecord r = manifest_record_from_json(j);
  EXPECT_FALSE(r.gold.has_value());
  EXPECT_EQ(r.outcome, "");
  EXPECT_FALSE(r.models[0].correct.has_value());
  EXPECT_TRUE(r.skipped.empty());
}

TEST(ManifestRecord, ADamagedRecordSaysWhichField) {
  auto damaged = [](const std::function<void(json&)>& edit) {
    json j = to_json(two_model_record());
    edit(j);
    return error_of([&] { manifest_record_from_json(j); });
  };
  EXPECT_EQ(damaged([](json& j) { j = json::array(); }), "not an object");
  EXPECT_EQ(damaged([](json& j) { j.erase("line"); }), "no \"line\"");
  EXPECT_EQ(damaged([](json& j) { j["line"] = -3; }), "\"line\" is not a whole number");
  EXPECT_EQ(damaged([](json& j) { j["line"] = 2.5; }), "\"line\" is not a whole number");
  EXPECT_EQ(damaged([](json& j) { j.erase("text"); }), "no \"text\"");
  EXPECT_EQ(damaged([](json& j) { j["selected"] = "yes"; }), "\"selected\" is not true or false");
  EXPECT_EQ(damaged([](json& j) { j["models"] = 3; }), "\"models\" is not an array");
  EXPECT_EQ(damaged([](json& j) { j["models"][1] = "b"; }), "\"models\"[1] is not an object");
  EXPECT_EQ(damaged([](json& j) { j["models"][1]["probabilities"]["positive"] = "high"; }),
            "\"models\"[1].\"probabilities\".\"positive\" is not a number");
  EXPECT_EQ(damaged([](json& j) { j["files"]["matrix"] = 4; }), "\"files\".\"matrix\" is not a string");
  EXPECT_EQ(damaged([](json& j) { j["files"] = json::array({"x"}); }), "\"files\" is not an object");
}

Summary two_model_summary() {
  Summary s;
  s.input = "test.tsv";
  s.select = "misclassified";
  s.views = {"matrix", "saliency"};
  s.complete = true;
  s.labels = {"negative", "positive"};
  s.rows = {400, 1, 399, 399, 68, 2};
  s.models = {{"sentiment-bert", 332, 332.0 / 399.0, {{170, 30}, {37, 162}}},
              {"sentiment-roberta", 301, 301.0 / 399.0, {{150, 50}, {48, 151}}}};
  s.comparison = Comparison{263, 38, 69, 29, 0.75};
  return s;
}

TEST(Summary, WritesTheDocumentedFields) {
  const json j = to_json(two_model_summary());
  EXPECT_EQ(j.at("rows"), json::parse(R"({"read": 400, "rejected": 1, "evaluated": 399, "labelled": 399,
                                          "selected": 68, "truncated": 2})"));
  EXPECT_EQ(j.at("models")[1].at("confusion"), json::parse("[[150, 50], [48, 151]]"));
  EXPECT_EQ(j.at("comparison"), json::parse(R"({"both_right": 263, "only_a_wrong": 38, "only_b_wrong": 69,
                                                "both_wrong": 29, "agreement": 0.75})"));
  for (const char* key : {"input", "select", "views", "complete", "labels"}) EXPECT_TRUE(j.contains(key)) << key;
  Summary one = two_model_summary();
  one.models.pop_back();
  one.comparison.reset();
  EXPECT_FALSE(to_json(one).contains("comparison"));
}

TEST(Summary, ReadsBackWhatItWrites) {
  const json once = to_json(two_model_summary());
  EXPECT_EQ(to_json(summary_from_json(once)), once);
}

TEST(Summary, ADamagedSummarySaysWhichField) {
  auto damaged = [](const std::function<void(json&)>& edit) {
    json j = to_json(two_model_summary());
    edit(j);
    return error_of([&] { summary_from_json(j); });
  };
  EXPECT_EQ(damaged([](json& j) { j["rows"].erase("labelled"); }), "no \"rows\".\"labelled\"");
  EXPECT_EQ(damaged([](json& j) { j["views"][1] = 2; }), "\"views\"[1] is not a string");
  EXPECT_EQ(damaged([](json& j) { j["models"][0]["confusion"][1] = {1}; }),
            "\"models\"[0].\"confusion\"[1] is not a row of the square table");
  EXPECT_EQ(damaged([](json& j) { j["comparison"]["agreement"] = "most"; }), "\"comparison\".\"agreement\" is not a number");
  EXPECT_EQ(damaged([](json& j) { j["complete"] = 1; }), "\"complete\" is not true or false");
}

RunSettings settings() {
  RunSettings s;
  s.input = "data/test.tsv";
  s.format = "tsv";
  s.text_column = "text";
  s.label_column = "label";
  s.id_column = "id";
  s.models = {"models/sentiment-bert"};
  s.model_names = {"sentiment-bert"};
  s.labels = {"negative", "positive"};
  s.select = "misclassified";
  s.views = {"matrix"};
  s.batch_size = 16;
  s.max_length = 128;
  s.tokens = "clean";
  s.image_format = "png";
  s.cmap = "viridis";
  s.ig_steps = 50;
  return s;
}

TEST(RunSettings, ReadsBackWhatItWrites) {
  RunSettings s = settings();
  s.shard = Shard{2, 4};
  s.complete = true;
  const json once = to_json(s);
  EXPECT_EQ(once.at("shard"), "2/4");
  EXPECT_EQ(once.at("columns"), json::parse(R"({"text": "text", "label": "label", "id": "id"})"));
  EXPECT_EQ(to_json(run_settings_from_json(once)), once);
  EXPECT_FALSE(to_json(settings()).contains("shard")) << "a whole run names no shard";
}

TEST(RunSettings, NamesTheSettingsThatDifferButNotTheShardOrCompletion) {
  RunSettings a = settings(), b = settings();
  b.shard = Shard{1, 3};
  b.complete = true;
  EXPECT_EQ(differing_settings(a, b), "") << "shards of one job, one finished";
  b.views = {"matrix", "saliency"};
  b.batch_size = 8;
  EXPECT_EQ(differing_settings(a, b), "batch_size, views");
}

TEST(RunSettings, ADamagedFileSaysWhichField) {
  json j = to_json(settings());
  j["shard"] = "3/2";
  EXPECT_EQ(error_of([&] { run_settings_from_json(j); }), "\"shard\" is not K/N");
  j.erase("shard");
  j["max_length"] = 1e12;
  EXPECT_EQ(error_of([&] { run_settings_from_json(j); }), "\"max_length\" is not a whole number");
  j = to_json(settings());
  j["columns"].erase("id");
  EXPECT_EQ(error_of([&] { run_settings_from_json(j); }), "no \"columns\".\"id\"");
}

TEST(RunFiles, AWholeRunAndItsShards) {
  const RunFiles whole = run_files("out");
  EXPECT_EQ(whole.settings, std::filesystem::path("out/batch.json"));
  EXPECT_EQ(whole.manifest, std::filesystem::path("out/manifest.jsonl"));
  EXPECT_EQ(whole.summary, std::filesystem::path("out/summary.json"));
  EXPECT_EQ(whole.index, std::filesystem::path("out/index.html"));
  const RunFiles shard = run_files("out", {2, 4});
  EXPECT_EQ(shard.settings, std::filesystem::path("out/batch.shard-2-of-4.json"));
  EXPECT_EQ(shard.manifest, std::filesystem::path("out/manifest.shard-2-of-4.jsonl"));
  EXPECT_EQ(run_files("out", {0, 1}).settings, whole.settings) << "one shard of one is the whole run";
}

TEST(RunFiles, TheShardOfAFileFromItsName) {
  const std::optional<Shard> s = shard_of_file("batch.shard-2-of-4.json", "batch", ".json");
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->index, 2u);
  EXPECT_EQ(s->count, 4u);
  EXPECT_EQ(shard_of_file("batch.shard-11-of-12.json", "batch", ".json")->index, 11u);
  EXPECT_EQ(shard_of_file("faithfulness-run.shard-1-of-3.json", "faithfulness-run", ".json")->count, 3u);
  EXPECT_FALSE(shard_of_file("faithfulness-run.shard-1-of-3.json", "batch", ".json").has_value());
  for (const char* other : {"batch.json", "batch.shard-4-of-4.json", "batch.shard-02-of-4.json",
                            "batch.shard-+2-of-4.json", "batch.shard-2-of-4.json.tmp", "batch.shard-2-of-4.jsonl",
                            "batch.shard- 2-of-4.json", "batch.shard-2-of-1.json", "batch.shard-0-of-1.json",
                            "manifest.shard-2-of-4.jsonl", "batch.shard-2-of-9999999999.json", "batch.shard--of-4.json",
                            ".batch.shard-2-of-4.json.tmp-ab12"}) {
    EXPECT_FALSE(shard_of_file(other, "batch", ".json").has_value()) << other;
  }
}

}  // namespace
}  // namespace attnmap::batch
