// index.html of attnmap batch, read back as a browser would (html_tree.h): which value sits under
// which heading, not how the markup spells it.
#include "batch/html_report.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>
#include <tuple>
#include <vector>

#include "batch/html_text.h"
#include "batch/records.h"
#include "batch/summary.h"
#include "unit/html_tree.h"

namespace attnmap::batch {
namespace {

using nlohmann::json;
using testing::HtmlDocument;
using testing::HtmlNode;

// Every test builds its page here, from a summary and records written as their files hold them.
std::string page_of(const json& summary, const std::vector<json>& records) {
  std::vector<ManifestRecord> typed;
  for (const json& r : records) typed.push_back(manifest_record_from_json(r));
  return index_html(summary_from_json(summary), typed);
}

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

// The page as a browser reads it; a problem (an element left open or closed out of order, a '<' or
// '&' that is not markup, ...) fails the test.
HtmlDocument parsed(const std::string& page) {
  HtmlDocument doc = testing::parse_html(page);
  EXPECT_EQ(doc.problem, "");
  return doc;
}
// Every element closed in order, and nothing else wrong with the page: it parses.
void expect_balanced_tags(const std::string& page) {
  parsed(page);
}

// The JSON the page's script reads: the text of script#report-data, parsed.
json embedded_data(const std::string& page) {
  const HtmlDocument doc = parsed(page);
  const HtmlNode& script = doc.root.only("script#report-data");
  EXPECT_EQ(script.attribute("type"), "application/json");
  return json::parse(script.raw_text());
}

std::vector<std::string> texts(const std::vector<const HtmlNode*>& nodes) {
  std::vector<std::string> out;
  for (const HtmlNode* node : nodes) out.push_back(node->text_content());
  return out;
}

// The header's facts: each <dt>'s text -> the text of the <dd> after it.
std::map<std::string, std::string> facts(const HtmlNode& page) {
  const std::vector<std::string> terms = texts(page.select("dl.facts dt"));
  const std::vector<std::string> values = texts(page.select("dl.facts dd"));
  EXPECT_EQ(terms.size(), values.size());
  std::map<std::string, std::string> out;
  for (size_t i = 0; i < std::min(terms.size(), values.size()); ++i) out[terms[i]] = values[i];
  return out;
}

// A table as the texts of its cells, row by row, header cells and data cells alike.
using Grid = std::vector<std::vector<std::string>>;
Grid cells(const HtmlNode& table) {
  Grid grid;
  for (const HtmlNode* row : table.select("tr")) {
    grid.emplace_back();
    for (const HtmlNode* cell : row->elements()) {
      if (cell->tag == "th" || cell->tag == "td") grid.back().push_back(cell->text_content());
    }
  }
  return grid;
}

// The colour of style="background:rgba(R,G,B,A)".
struct Shade {
  int red = 0, green = 0, blue = 0;
  double alpha = 0;
};
std::optional<Shade> background(const HtmlNode& cell) {
  const std::string style = cell.attribute("style").value_or("");
  const size_t at = style.find("rgba(", std::min(style.find("background"), style.size()));
  Shade s;
  if (at == std::string::npos ||
      std::sscanf(style.c_str() + at, "rgba( %d , %d , %d , %lf )", &s.red, &s.green, &s.blue, &s.alpha) != 4) {
    return std::nullopt;
  }
  return s;
}

// Each data cell of a confusion table is shaded by its share of its gold row: green on the
// diagonal (right), red off it (wrong), alpha 0.45 x share (written with two decimals).
void expect_shaded_by_share(const HtmlNode& table, const std::vector<std::vector<double>>& confusion) {
  const std::vector<const HtmlNode*> rows = table.select("tr");
  ASSERT_EQ(rows.size(), confusion.size() + 1) << "a header row, then one per gold label";
  for (size_t i = 0; i < confusion.size(); ++i) {
    const std::vector<const HtmlNode*> data = rows[i + 1]->select("td");
    ASSERT_EQ(data.size(), confusion[i].size()) << "row " << i;
    double total = 0;
    for (double n : confusion[i]) total += n;
    for (size_t j = 0; j < data.size(); ++j) {
      const std::optional<Shade> shade = background(*data[j]);
      ASSERT_TRUE(shade) << "cell " << i << "," << j << ": " << data[j]->attribute("style").value_or("no style");
      const bool green = shade->green > shade->red && shade->green > shade->blue;
      const bool red = shade->red > shade->green && shade->red > shade->blue;
      EXPECT_TRUE(i == j ? green : red) << "cell " << i << "," << j << ": rgb " << shade->red << "," << shade->green
                                        << "," << shade->blue;
      EXPECT_NEAR(shade->alpha, 0.45 * confusion[i][j] / total, 0.005 + 1e-9) << "cell " << i << "," << j;
    }
  }
}

// A filter button's label: its text without the .count.
std::string label_of(const HtmlNode& button) {
  const std::vector<const HtmlNode*> counts = button.select(".count");
  std::string label;
  for (const HtmlNode& child : button.children) {
    if (std::find(counts.begin(), counts.end(), &child) == counts.end()) label += child.raw_text();
  }
  return testing::collapse_whitespace(label);
}

// The outcome filter's buttons but "all", in order: (data-outcome, label, count). None starts pressed.
using Filter = std::tuple<std::string, std::string, std::string>;
std::vector<Filter> outcome_filters(const HtmlNode& page) {
  std::vector<Filter> out;
  for (const HtmlNode* button : page.select("#outcome-filter button[data-outcome]")) {
    EXPECT_EQ(button->attribute("aria-pressed"), "false") << *button->attribute("data-outcome");
    out.emplace_back(*button->attribute("data-outcome"), label_of(*button), button->only(".count").text_content());
  }
  return out;
}

// The "all" filter button: (label, count). It starts pressed.
std::pair<std::string, std::string> all_filter(const HtmlNode& page) {
  const HtmlNode& button = page.only("#outcome-filter button[data-all]");
  EXPECT_EQ(button.attribute("aria-pressed"), "true");
  return {label_of(button), button.only(".count").text_content()};
}

// Each model's section: (its heading, the tag in the heading or "", its accuracy line).
using ModelSection = std::tuple<std::string, std::string, std::string>;
std::vector<ModelSection> model_sections(const HtmlNode& page) {
  std::vector<ModelSection> out;
  for (const HtmlNode* section : page.select("section.model-summary")) {
    const HtmlNode& heading = section->only("h2");
    const std::vector<std::string> tags = texts(heading.select(".tag"));
    out.emplace_back(heading.text_content(), tags.empty() ? "" : tags[0], section->only(".accuracy").text_content());
  }
  return out;
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
  const HtmlDocument doc = parsed(page);
  EXPECT_EQ(doc.doctype, "html");
  ASSERT_EQ(doc.root.elements().size(), 1u);
  const HtmlNode& html = *doc.root.elements()[0];
  EXPECT_EQ(html.tag, "html");
  EXPECT_EQ(html.attribute("lang"), "en");
  EXPECT_EQ(html.only("head meta[charset]").attribute("charset"), "utf-8");
  EXPECT_EQ(page.find("http"), std::string::npos) << "nothing may be fetched from anywhere";
  EXPECT_TRUE(html.select("link").empty());
  EXPECT_TRUE(html.select("script[src]").empty());
  const std::vector<const HtmlNode*> scripts = html.select("script");
  ASSERT_EQ(scripts.size(), 2u) << "the data and the inline script";
  EXPECT_EQ(scripts[0]->attribute("id"), "report-data");
  EXPECT_EQ(scripts[1]->attribute("type"), std::nullopt) << "a classic script";
  EXPECT_NE(scripts[1]->raw_text().find("report-data"), std::string::npos) << "the code reads the data";
  EXPECT_TRUE(html.select("img").empty()) << "the script makes the images";
  EXPECT_EQ(page.find("lazy"), std::string::npos) << "images load eagerly";
  EXPECT_EQ(page.find("innerHTML"), std::string::npos) << "the script sets text, never markup";
}

TEST(IndexHtml, EscapesEveryValueFromTheData) {
  const std::string hostile =
      "</script><img src=x onerror=alert(1)> \"double\" 'single' & nul:" + std::string(1, '\0') +
      ": caf\xC3\xA9 \xE4\xB8\xAD \xF0\x9F\x98\x80 \xE2\x80\xA8 <!--";
  std::string shown = hostile;  // as the page shows it: HTML cannot carry NUL, which becomes U+FFFD
  shown.replace(shown.find('\0'), 1, "\xEF\xBF\xBD");
  json summary = one_model_summary();
  summary["input"] = hostile;
  summary["labels"] = {"<neg>", "pos\"itive"};
  summary["models"][0]["model"] = "</script><model>";
  json r = record(3, "id </script><b>", hostile, hostile);
  r["gold"] = "<gold>";
  const std::string page = page_of(summary, {r});

  EXPECT_EQ(page.find("<img src=x"), std::string::npos);
  EXPECT_EQ(count(page, "</script>"), 2u) << "only the page's own scripts close";
  EXPECT_EQ(count(page, "<!--"), 0u);
  EXPECT_EQ(page.find('\0'), std::string::npos) << "NUL is replaced in the HTML and escaped in the JSON";
  EXPECT_NE(page.find("caf\xC3\xA9 \xE4\xB8\xAD \xF0\x9F\x98\x80"), std::string::npos)
      << "non-ASCII text is kept as UTF-8";

  // Every value comes back as text equal to what was given: none of it became markup.
  const HtmlDocument doc = parsed(page);
  EXPECT_EQ(doc.root.only("title").text_content(), "attnmap batch \xE2\x80\x94 " + shown);
  EXPECT_EQ(facts(doc.root)["input"], shown);
  const HtmlNode& table = doc.root.only("table.confusion");
  EXPECT_EQ(texts(table.select("th[scope=col]")), (std::vector<std::string>{"<neg>", "pos\"itive"}));
  EXPECT_EQ(texts(table.select("th[scope=row]")), (std::vector<std::string>{"<neg>", "pos\"itive"}));
  ASSERT_EQ(model_sections(doc.root).size(), 1u);
  EXPECT_EQ(std::get<0>(model_sections(doc.root)[0]), "</script><model>");
  EXPECT_EQ(outcome_filters(doc.root), (std::vector<Filter>{{shown, shown, "1"}}))
      << "an outcome the report does not know is shown by its name, in an attribute and as text";
  for (const char* tag : {"img", "model", "neg", "gold"}) EXPECT_TRUE(doc.root.select(tag).empty()) << tag;

  const json entry = embedded_data(page)["entries"][0];
  EXPECT_EQ(entry["id"], "id </script><b>") << "the script sees the data unchanged";
  EXPECT_EQ(entry["text"], hostile);
  EXPECT_EQ(entry["gold"], "<gold>");
  EXPECT_EQ(entry["outcome"], hostile);
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
  const HtmlDocument doc = parsed(page);
  EXPECT_EQ(all_filter(doc.root), (std::pair<std::string, std::string>("all", "3")));
  EXPECT_EQ(outcome_filters(doc.root), (std::vector<Filter>{{"wrong", "wrong", "3"}}));
  EXPECT_EQ(doc.root.select("main#entries").size(), 1u) << "where the script puts them";
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
  const HtmlDocument doc = parsed(page_of(one_model_summary(), {record(1, "x", "t")}));
  const HtmlNode& page = doc.root;
  EXPECT_EQ(page.only("title").text_content(), "attnmap batch \xE2\x80\x94 test.tsv");
  EXPECT_EQ(facts(page), (std::map<std::string, std::string>{
                             {"input", "test.tsv"},
                             {"selection", "misclassified"},
                             {"views", "mean, saliency"},
                             {"rows", "400 read \xC2\xB7 0 rejected \xC2\xB7 400 evaluated \xC2\xB7 2 selected"}}));
  EXPECT_EQ(model_sections(page),
            (std::vector<ModelSection>{{"sentiment-bert", "", "83.0% accuracy \xC2\xB7 332 of 400 right"}}))
      << "no A/B tag for one model";
  const HtmlNode& table = page.only("section.model-summary table.confusion");
  EXPECT_EQ(table.only("caption").text_content(), "rows: gold \xC2\xB7 columns: predicted");
  EXPECT_EQ(cells(table), (Grid{{"", "negative", "positive"}, {"negative", "170", "30"}, {"positive", "38", "162"}}));
  EXPECT_EQ(texts(table.select("th[scope=col]")), (std::vector<std::string>{"negative", "positive"}));
  EXPECT_EQ(texts(table.select("th[scope=row]")), (std::vector<std::string>{"negative", "positive"}));
  expect_shaded_by_share(table, {{170, 30}, {38, 162}});
  EXPECT_TRUE(page.select(".comparison").empty());
  EXPECT_TRUE(page.select(".warning").empty());
  EXPECT_TRUE(page.select("[role=status]").empty());
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
  const HtmlDocument doc = parsed(page);

  EXPECT_EQ(model_sections(doc.root),
            (std::vector<ModelSection>{{"A sentiment-bert", "A", "83.0% accuracy \xC2\xB7 332 of 400 right"},
                                       {"B sentiment-roberta", "B", "75.3% accuracy \xC2\xB7 301 of 400 right"}}));
  const std::vector<const HtmlNode*> tables = doc.root.select("section.model-summary table.confusion");
  ASSERT_EQ(tables.size(), 2u);
  EXPECT_EQ(cells(*tables[1]),
            (Grid{{"", "negative", "positive"}, {"negative", "150", "50"}, {"positive", "49", "151"}}));
  expect_shaded_by_share(*tables[1], {{150, 50}, {49, 151}});
  const HtmlNode& comparison = doc.root.only("section.comparison");
  EXPECT_EQ(comparison.only("h2").text_content(), "A and B");
  EXPECT_EQ(cells(comparison.only("table")), (Grid{{"both right", "263"},
                                                   {"only A wrong", "38"},
                                                   {"only B wrong", "69"},
                                                   {"both wrong", "30"},
                                                   {"agreement", "73.3%"}}));
  const json entries = embedded_data(page)["entries"];
  EXPECT_EQ(entries[0]["models"][0]["tag"], "A");
  EXPECT_EQ(entries[0]["models"][1]["tag"], "B");
  EXPECT_EQ(entries[0]["models"][1]["correct"], true);
  EXPECT_EQ(entries[0]["outcome_label"], "only B wrong");
  EXPECT_EQ(entries[0]["tone"], "mixed");
  EXPECT_EQ(entries[1]["models"][0]["tag"], "A") << "one model in the record, two in the summary";
  EXPECT_EQ(outcome_filters(doc.root),
            (std::vector<Filter>{{"only_b_wrong", "only B wrong", "1"}, {"both_wrong", "both wrong", "1"}}))
      << "known outcomes in their usual order";
}

TEST(IndexHtml, WarnsWhenTheRunWasInterrupted) {
  json summary = one_model_summary();
  summary["complete"] = false;
  const HtmlDocument doc = parsed(page_of(summary, {}));
  const std::string warning = doc.root.only("header .warning[role=status]").text_content();
  EXPECT_EQ(warning.rfind("This run was interrupted", 0), 0u) << warning;
}

TEST(IndexHtml, SaysSoWhenNothingWasSelected) {
  const std::string page = page_of(one_model_summary(), {});
  const HtmlDocument doc = parsed(page);
  EXPECT_EQ(texts(doc.root.select("p.empty")), std::vector<std::string>{"No rows were selected."});
  EXPECT_TRUE(doc.root.select("#entries").empty());
  EXPECT_TRUE(doc.root.select("#controls").empty()) << "nothing to filter";
  EXPECT_EQ(embedded_data(page), json({{"entries", json::array()}}));
}

TEST(IndexHtml, ShowsTheFaithfulnessViewsMeans) {
  json summary = one_model_summary();
  auto e = [](double mean, double low, double high) { return json{{"mean", mean}, {"low", low}, {"high", high}}; };
  summary["faithfulness"] = json::array({json{
      {"loo", {{"n", 2}, {"aopc_comprehensiveness", e(0.4, 0.3, 0.5)}, {"aopc_sufficiency", e(0.05, 0, 0.1)},
               {"tau_loo", e(1, 1, 1)}}},
      {"ig", {{"n", 2}, {"aopc_comprehensiveness", e(0.3361, 0.312, 0.359)}, {"aopc_sufficiency", e(0.0704, 0.05, 0.09)},
              {"tau_loo", e(0.345, 0.3, 0.4)}}},
      {"random", {{"n", 2}, {"aopc_comprehensiveness", e(0.107, 0.1, 0.11)}, {"aopc_sufficiency", e(0.293, 0.28, 0.3)},
                  {"tau_loo", nullptr}}},
      {"<b>odd</b>", {{"n", 1}, {"aopc_comprehensiveness", e(-0.5, -0.5, -0.5)}, {"aopc_sufficiency", e(0, 0, 0)},
                      {"tau_loo", nullptr}}}}});
  const HtmlDocument doc = parsed(page_of(summary, {record(1, "x", "t")}));
  const HtmlNode& table = doc.root.only("section.faithfulness table");
  EXPECT_EQ(cells(table), (Grid{{"method", "AOPC-comprehensiveness", "AOPC-sufficiency", "\xCF\x84-LOO", "rows"},
                                {"<b>odd</b>", "-0.500 [-0.500, -0.500]", "0.000 [0.000, 0.000]", "\xE2\x80\x94", "1"},
                                {"ig", "0.336 [0.312, 0.359]", "0.070 [0.050, 0.090]", "0.345 [0.300, 0.400]", "2"},
                                {"random", "0.107 [0.100, 0.110]", "0.293 [0.280, 0.300]", "\xE2\x80\x94", "2"},
                                {"loo", "0.400 [0.300, 0.500]", "0.050 [0.000, 0.100]", "1.000 [1.000, 1.000]", "2"}}))
      << "methods, then the baselines; a name from the data stays text";
  EXPECT_TRUE(parsed(page_of(one_model_summary(), {})).root.select("section.faithfulness").empty());
}

TEST(IndexHtml, ShowsWhatIsNotThereAsMissing) {
  json summary = one_model_summary();
  summary["views"] = json::array();
  for (const char* key : {"accuracy", "correct", "confusion"}) summary["models"][0].erase(key);
  json unlabelled = record(4, "u", "text");
  unlabelled["gold"] = nullptr;
  unlabelled["outcome"] = nullptr;
  unlabelled["models"][0].erase("correct");
  unlabelled["models"][0]["probabilities"] = json::object();
  unlabelled["files"] = json::object();
  const std::string page = page_of(summary, {unlabelled});
  const HtmlDocument doc = parsed(page);
  EXPECT_EQ(embedded_data(page)["entries"][0], json::parse(R"({"line": 4, "id": "u", "text": "text", "gold": null,
      "outcome": "", "outcome_label": "no outcome", "tone": "none", "confidence": null,
      "models": [{"tag": "", "model": "sentiment-bert", "predicted": "positive", "correct": null, "probabilities": []}],
      "images": []})"));
  EXPECT_EQ(facts(doc.root).at("views"), "\xE2\x80\x94");
  EXPECT_EQ(model_sections(doc.root),
            (std::vector<ModelSection>{{"sentiment-bert", "", "accuracy \xE2\x80\x94"}}));
  EXPECT_TRUE(doc.root.select("table.confusion").empty());
  EXPECT_EQ(outcome_filters(doc.root), (std::vector<Filter>{{"", "no outcome", "1"}}))
      << "records without an outcome have a filter of their own, apart from all";
}

}  // namespace
}  // namespace attnmap::batch
