#include "batch/html_report.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <regex>
#include <vector>

#include "batch/html_text.h"
#include "batch/records.h"
#include "batch/summary.h"

namespace attnmap::batch {
namespace {

using nlohmann::json;

size_t count(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (size_t pos = haystack.find(needle); pos != std::string::npos; pos = haystack.find(needle, pos + 1)) ++n;
  return n;
}

json one_model_summary() {
  return json::parse(R"({
    "input": "test.tsv", "select": "misclassified", "views": ["mean", "saliency"],
    "labels": ["negative", "positive"],
    "rows": {"read": 400, "rejected": 0, "evaluated": 400, "labelled": 400, "selected": 2, "truncated": 0},
    "models": [{"model": "sentiment-bert", "correct": 332, "accuracy": 0.83, "confusion": [[170, 30], [38, 162]]}],
    "complete": true})");
}

json record(int line, const std::string& id, const std::string& text, const std::string& outcome = "wrong") {
  return {{"line", line},
          {"id", id},
          {"text", text},
          {"gold", "negative"},
          {"outcome", outcome},
          {"selected", true},
          {"models", json::array({{{"model", "sentiment-bert"},
                                   {"predicted", "positive"},
                                   {"probabilities", {{"negative", 0.1234}, {"positive", 0.8766}}},
                                   {"correct", false}}})},
          {"files", {{"mean", "examples/" + std::to_string(line) + "/mean.png"}}}};
}

// The page for a summary and records written as their JSON files hold them.
std::string page_of(const json& summary, const std::vector<json>& records) {
  std::vector<ManifestRecord> typed;
  for (const json& r : records) typed.push_back(manifest_record_from_json(r));
  return index_html(summary_from_json(summary), typed);
}

// The JSON the page's script reads, parsed back.
json embedded_data(const std::string& page) {
  const std::string open = "<script type=\"application/json\" id=\"report-data\">";
  const size_t begin = page.find(open);
  EXPECT_NE(begin, std::string::npos);
  const size_t end = page.find("</script>", begin);
  return json::parse(page.substr(begin + open.size(), end - begin - open.size()));
}

// Every element is closed in order (the contents of <script> and <style> are not markup): a cheap
// stand-in for a parser that catches a dropped or doubled closing tag.
void expect_balanced_tags(std::string page) {
  static const std::regex raw_text("(<(script|style)[^>]*>)[^]*?(</\\2>)");
  page = std::regex_replace(page, raw_text, "$1$3");
  static const std::regex tag("<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*>");
  static const std::vector<std::string> kVoid = {"meta", "img", "input", "br", "link"};
  std::vector<std::string> open;
  for (auto it = std::sregex_iterator(page.begin(), page.end(), tag); it != std::sregex_iterator(); ++it) {
    std::string name = (*it)[2];
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    if (std::find(kVoid.begin(), kVoid.end(), name) != kVoid.end()) continue;
    if ((*it)[1].length() == 0) {
      open.push_back(name);
    } else {
      ASSERT_FALSE(open.empty()) << "</" << name << "> closes nothing";
      ASSERT_EQ(open.back(), name) << "at offset " << it->position();
      open.pop_back();
    }
  }
  EXPECT_TRUE(open.empty()) << open.size() << " elements left open, the last <" << open.back() << ">";
}

TEST(HtmlText, EncodesEachPathSegment) {
  EXPECT_EQ(url_encode_path("examples/000007-a b#c?%\xC3\xBC/mean.png"),
            "examples/000007-a%20b%23c%3F%25%C3%BC/mean.png");
  EXPECT_EQ(url_encode_path("javascript:alert(1)"), "javascript%3Aalert%281%29");
  EXPECT_EQ(url_encode_path("a\"b'<c>&"), "a%22b%27%3Cc%3E%26");
}

TEST(HtmlText, ScriptJsonCannotCloseItsScript) {
  const json value = {{"text", "</script><!-- & \xE2\x80\xA8\xE2\x80\xA9 \xC3\xA9"}};
  const std::string out = script_json(value);
  EXPECT_EQ(out, R"({"text":"\u003c/script\u003e\u003c!-- \u0026 \u2028\u2029 )" "\xC3\xA9" R"("})");
  EXPECT_EQ(json::parse(out), value);
}

TEST(HtmlText, ScriptJsonReplacesBrokenUtf8) {
  EXPECT_EQ(script_json(json("a\xFF")), "\"a\xEF\xBF\xBD\"");
}

TEST(IndexHtml, IsOneSelfContainedPage) {
  const std::string page = page_of(one_model_summary(), {record(12, "test-00011", "Not bad.")});
  EXPECT_EQ(page.rfind("<!DOCTYPE html>\n<html lang=\"en\">", 0), 0u);
  EXPECT_NE(page.find("<meta charset=\"utf-8\">"), std::string::npos);
  EXPECT_EQ(page.find("http"), std::string::npos) << "nothing may be fetched from anywhere";
  EXPECT_EQ(page.find("<link"), std::string::npos);
  EXPECT_EQ(page.find("<script src"), std::string::npos);
  EXPECT_EQ(count(page, "<script"), 2u) << "the data and the inline script";
  EXPECT_EQ(page.find("lazy"), std::string::npos) << "images load eagerly";
  EXPECT_EQ(page.find("innerHTML"), std::string::npos) << "the script sets text, never markup";
  expect_balanced_tags(page);
}

TEST(IndexHtml, EscapesEveryValueFromTheData) {
  const std::string hostile = "</script><img src=x onerror=alert(1)> \"double\" 'single' & nul:" +
                              std::string(1, '\0') + ": caf\xC3\xA9 \xE4\xB8\xAD \xF0\x9F\x98\x80 \xE2\x80\xA8 <!--";
  json summary = one_model_summary();
  summary["input"] = hostile;
  summary["labels"] = {"<neg>", "pos\"itive"};
  summary["models"][0]["model"] = "</script><model>";
  json r = record(3, "id </script><b>", hostile);
  r["gold"] = "<gold>";
  const std::string page = page_of(summary, {r});

  EXPECT_EQ(page.find("<img src=x"), std::string::npos);
  EXPECT_EQ(page.find("<model>"), std::string::npos);
  EXPECT_EQ(page.find("<neg>"), std::string::npos);
  EXPECT_EQ(count(page, "</script>"), 2u) << "only the page's own scripts close";
  EXPECT_EQ(count(page, "<!--"), 0u);
  EXPECT_EQ(page.find('\0'), std::string::npos) << "NUL is replaced in the HTML and escaped in the JSON";
  EXPECT_NE(page.find("&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; &quot;double&quot; &apos;single&apos; &amp;"),
            std::string::npos);
  EXPECT_NE(page.find("nul:\xEF\xBF\xBD: caf\xC3\xA9 \xE4\xB8\xAD \xF0\x9F\x98\x80"), std::string::npos)
      << "non-ASCII text is kept as UTF-8";
  EXPECT_NE(page.find("<th scope=\"col\">&lt;neg&gt;</th><th scope=\"col\">pos&quot;itive</th>"), std::string::npos);
  const json entry = embedded_data(page)["entries"][0];
  EXPECT_EQ(entry["id"], "id </script><b>") << "the script sees the data unchanged";
  EXPECT_EQ(entry["text"], hostile);
  EXPECT_EQ(entry["gold"], "<gold>");
  expect_balanced_tags(page);
}

TEST(IndexHtml, OneEntryPerRecordInManifestOrder) {
  std::vector<json> records;
  for (int line : {40, 7, 12}) records.push_back(record(line, "test-" + std::to_string(line), "text"));
  const std::string page = page_of(one_model_summary(), records);
  const json entries = embedded_data(page)["entries"];
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0]["line"], 40) << "the manifest's order; the script sorts";
  EXPECT_EQ(entries[1], json::parse(R"({"line": 7, "id": "test-7", "text": "text", "gold": "negative",
      "outcome": "wrong", "outcome_label": "wrong", "tone": "bad", "confidence": 0.8766,
      "models": [{"tag": "", "model": "sentiment-bert", "predicted": "positive", "correct": false,
                  "probabilities": [["negative", 0.1234], ["positive", 0.8766]]}],
      "images": [["mean", "examples/7/mean.png"]]})"));
  EXPECT_NE(page.find("data-outcome=\"wrong\" aria-pressed=\"false\">wrong <span class=\"count\">3</span>"),
            std::string::npos);
  EXPECT_NE(page.find("data-all aria-pressed=\"true\">all <span class=\"count\">3</span>"), std::string::npos);
}

TEST(IndexHtml, ProbabilitiesInLabelOrder) {
  json summary = one_model_summary();
  summary["labels"] = {"positive", "negative"};
  const json entry = embedded_data(page_of(summary, {record(1, "x", "t")}))["entries"][0];
  EXPECT_EQ(entry["models"][0]["probabilities"], json::parse(R"([["positive", 0.8766], ["negative", 0.1234]])"));
}

TEST(IndexHtml, ImagesInViewOrderWithEncodedPaths) {
  json r = record(7, "a b", "text");
  r["files"] = {{"saliency", "examples/000007-a b#c?%/saliency.png"},
                {"mean", "examples/000007-a b#c?%/mean.png"},
                {"odd", "javascript:alert(1)"}};
  const json entry = embedded_data(page_of(one_model_summary(), {r}))["entries"][0];
  EXPECT_EQ(entry["images"], json::parse(R"([["mean", "examples/000007-a%20b%23c%3F%25/mean.png"],
                                             ["saliency", "examples/000007-a%20b%23c%3F%25/saliency.png"],
                                             ["odd", "javascript%3Aalert%281%29"]])"))
      << "summary views first, then the rest";
}

TEST(IndexHtml, ShowsOneModelSummary) {
  const std::string page = page_of(one_model_summary(), {record(1, "x", "t")});
  EXPECT_NE(page.find("<title>attnmap batch \xE2\x80\x94 test.tsv</title>"), std::string::npos);
  EXPECT_NE(page.find("<dt>selection</dt><dd>misclassified</dd>"), std::string::npos);
  EXPECT_NE(page.find("<dt>views</dt><dd>mean, saliency</dd>"), std::string::npos);
  EXPECT_NE(page.find("<b>400</b> read \xC2\xB7 <b>0</b> rejected \xC2\xB7 <b>400</b> evaluated \xC2\xB7 "
                      "<b>2</b> selected"),
            std::string::npos);
  EXPECT_NE(page.find("<h2>sentiment-bert</h2>"), std::string::npos) << "no A/B tag for one model";
  EXPECT_NE(page.find("<b>83.0%</b> accuracy \xC2\xB7 332 of 400 right"), std::string::npos);
  EXPECT_NE(page.find("<th scope=\"col\">negative</th><th scope=\"col\">positive</th>"), std::string::npos);
  EXPECT_NE(page.find("<th scope=\"row\">negative</th><td style=\"background:rgba(22,163,74,0.38)\">170</td>"),
            std::string::npos);
  EXPECT_EQ(page.find("class=\"comparison\""), std::string::npos);
  EXPECT_EQ(page.find("interrupted"), std::string::npos);
}

TEST(IndexHtml, ShowsTwoModelsAndTheirComparison) {
  json summary = one_model_summary();
  summary["models"].push_back(
      {{"model", "sentiment-roberta"}, {"correct", 301}, {"accuracy", 0.7526}, {"confusion", {{150, 50}, {49, 151}}}});
  summary["comparison"] = {
      {"both_right", 263}, {"only_a_wrong", 38}, {"only_b_wrong", 69}, {"both_wrong", 30}, {"agreement", 0.7326}};
  json r = record(5, "t5", "text", "only_b_wrong");
  r["models"].push_back({{"model", "sentiment-roberta"},
                         {"predicted", "negative"},
                         {"probabilities", {{"negative", 0.6}, {"positive", 0.4}}},
                         {"correct", true}});
  const std::string page = page_of(summary, {r, record(6, "t6", "text", "both_wrong")});

  EXPECT_NE(page.find("<h2><span class=\"tag\">A</span> sentiment-bert</h2>"), std::string::npos);
  EXPECT_NE(page.find("<h2><span class=\"tag\">B</span> sentiment-roberta</h2>"), std::string::npos);
  EXPECT_NE(page.find("<b>75.3%</b> accuracy \xC2\xB7 301 of 400 right"), std::string::npos);
  EXPECT_EQ(count(page, "<table class=\"confusion\">"), 2u);
  for (const char* row : {"both right</span></th><td>263", "only A wrong</span></th><td>38",
                          "only B wrong</span></th><td>69", "both wrong</span></th><td>30",
                          "agreement</th><td>73.3%"}) {
    EXPECT_NE(page.find(row), std::string::npos) << row;
  }
  const json entries = embedded_data(page)["entries"];
  EXPECT_EQ(entries[0]["models"][0]["tag"], "A");
  EXPECT_EQ(entries[0]["models"][1]["tag"], "B");
  EXPECT_EQ(entries[0]["models"][1]["correct"], true);
  EXPECT_EQ(entries[0]["outcome_label"], "only B wrong");
  EXPECT_EQ(entries[0]["tone"], "mixed");
  EXPECT_EQ(entries[1]["models"][0]["tag"], "A") << "one model in the record, two in the summary";
  EXPECT_NE(page.find("data-outcome=\"only_b_wrong\" aria-pressed=\"false\">only B wrong <span class=\"count\">1"),
            std::string::npos);
  EXPECT_LT(page.find("data-outcome=\"only_b_wrong\""), page.find("data-outcome=\"both_wrong\""));
  expect_balanced_tags(page);
}

TEST(IndexHtml, WarnsWhenTheRunWasInterrupted) {
  json summary = one_model_summary();
  summary["complete"] = false;
  EXPECT_NE(page_of(summary, {}).find("This run was interrupted"), std::string::npos);
}

TEST(IndexHtml, SaysSoWhenNothingWasSelected) {
  const std::string page = page_of(one_model_summary(), {});
  EXPECT_NE(page.find("No rows were selected."), std::string::npos);
  EXPECT_EQ(page.find("id=\"entries\""), std::string::npos);
  EXPECT_EQ(embedded_data(page), json({{"entries", json::array()}}));
  expect_balanced_tags(page);
}

TEST(IndexHtml, ShowsWhatIsNotThereAsMissing) {
  json summary = one_model_summary();
  summary["views"] = json::array();
  summary["models"][0].erase("accuracy");
  summary["models"][0].erase("correct");
  summary["models"][0].erase("confusion");
  json unlabelled = record(4, "u", "text");
  unlabelled["gold"] = nullptr;
  unlabelled["outcome"] = nullptr;
  unlabelled["models"][0].erase("correct");
  unlabelled["models"][0]["probabilities"] = json::object();
  unlabelled["files"] = json::object();
  const std::string page = page_of(summary, {unlabelled});
  const json entry = embedded_data(page)["entries"][0];
  EXPECT_EQ(entry, json::parse(R"({"line": 4, "id": "u", "text": "text", "gold": null, "outcome": "",
      "outcome_label": "no outcome", "tone": "none", "confidence": null,
      "models": [{"tag": "", "model": "sentiment-bert", "predicted": "positive", "correct": null, "probabilities": []}],
      "images": []})"));
  EXPECT_NE(page.find("<dt>views</dt><dd>\xE2\x80\x94</dd>"), std::string::npos);
  EXPECT_NE(page.find("accuracy \xE2\x80\x94"), std::string::npos);
  EXPECT_EQ(page.find("<table class=\"confusion\">"), std::string::npos);
  EXPECT_NE(page.find("data-outcome=\"\" aria-pressed=\"false\">no outcome <span class=\"count\">1</span>"),
            std::string::npos)
      << "records without an outcome have a filter of their own, apart from all";
  expect_balanced_tags(page);
}

}  // namespace
}  // namespace attnmap::batch
