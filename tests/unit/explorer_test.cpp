// The explorer page's data: how its matrices are packed (and how closely the page's decoding gives
// them back), the per-head table, the size budget, and that what a text holds stays data.
#include "explorer/page.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <string>

#include <nlohmann/json.hpp>

#include "attnmap/error.h"
#include "explorer/head_stats.h"
#include "explorer/packing.h"

namespace attnmap::explorer {
namespace {

using nlohmann::json;

std::vector<float> random_values(size_t n, float lo, float hi, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> uniform(lo, hi);
  std::vector<float> v(n);
  for (float& x : v) x = uniform(rng);
  return v;
}

// Each value comes back within half a quantisation step of its matrix's range, (hi - lo) / (2 (2^bits - 1)),
// plus float rounding.
void expect_round_trip(int bits) {
  const size_t entries = 3, matrices = 4, cells = 37;
  std::vector<float> values = random_values(entries * matrices * cells, -0.3f, 2.0f, 7);
  values[5] = 1e-9f;  // a tiny value beside large ones
  const PackedMatrices p = pack_matrices(values, entries, matrices, cells, bits, "test");
  ASSERT_EQ(p.bits, bits);
  ASSERT_EQ(p.blocks.size(), entries);
  ASSERT_EQ(p.lo.size(), entries * matrices);
  const double levels = std::pow(2.0, bits) - 1;
  for (size_t e = 0; e < entries; ++e) {
    const std::vector<float> back = unpack_block(p, e, matrices, cells);
    ASSERT_EQ(back.size(), matrices * cells);
    for (size_t m = 0; m < matrices; ++m) {
      const double lo = p.lo[e * matrices + m], hi = p.hi[e * matrices + m];
      const double bound = (hi - lo) / (2 * levels) + 4 * std::numeric_limits<float>::epsilon() * std::abs(hi);
      for (size_t i = 0; i < cells; ++i) {
        const float original = values[(e * matrices + m) * cells + i];
        EXPECT_GE(original, lo);
        EXPECT_LE(original, hi);
        EXPECT_NEAR(back[m * cells + i], original, bound) << "entry " << e << " matrix " << m << " cell " << i;
      }
    }
  }
}

TEST(ExplorerPacking, SixteenBitsComeBackWithinHalfAStep) { expect_round_trip(16); }
TEST(ExplorerPacking, EightBitsComeBackWithinHalfAStep) { expect_round_trip(8); }

TEST(ExplorerPacking, RangesAreEachMatrixsOwnAndEndsAreExact) {
  // Matrix 0 spans [0, 1]; matrix 1 [10, 10.5]: each keeps its own resolution, and the smallest
  // and largest value of each come back exactly.
  const std::vector<float> values = {0, 0.25f, 1, 0.5f, 10, 10.5f, 10.125f, 10.25f};
  const PackedMatrices p = pack_matrices(values, 1, 2, 4, 16, "test");
  EXPECT_EQ(p.lo, (std::vector<float>{0, 10}));
  EXPECT_EQ(p.hi, (std::vector<float>{1, 10.5f}));
  const std::vector<float> back = unpack_block(p, 0, 2, 4);
  EXPECT_EQ(back[0], 0.0f);
  EXPECT_EQ(back[2], 1.0f);
  EXPECT_EQ(back[4], 10.0f);
  EXPECT_EQ(back[5], 10.5f);
}

TEST(ExplorerPacking, AConstantMatrixComesBackExactly) {
  const std::vector<float> values(9, 0.125f);
  const PackedMatrices p = pack_matrices(values, 1, 1, 9, 8, "test");
  EXPECT_EQ(p.lo[0], p.hi[0]);
  EXPECT_EQ(unpack_block(p, 0, 1, 9), values);
}

TEST(ExplorerPacking, AttentionDeflatesWellAtSixteenBits) {
  // Peaked rows, as trained heads have: the high-byte plane is mostly zeros, so the block is far
  // smaller than the 2 bytes per value it holds.
  const size_t n = 64;
  std::vector<float> values(n * n, 0.001f);
  for (size_t i = 0; i < n; ++i) values[i * n + (i + 1) % n] = 1 - 0.001f * (n - 1);
  const PackedMatrices p = pack_matrices(values, 1, 1, n * n, 16, "test");
  EXPECT_LT(p.encoded_bytes(), n * n / 4);
}

TEST(ExplorerPacking, RefusesValuesThatAreNotFinite) {
  std::vector<float> values(4, 0.5f);
  values[2] = std::numeric_limits<float>::quiet_NaN();
  try {
    pack_matrices(values, 1, 1, 4, 16, "sentiment-bert: rollout");
    FAIL() << "a NaN was packed";
  } catch (const Error& e) {
    EXPECT_EQ(e.category(), ErrorCategory::kInput);
    EXPECT_NE(e.message().find("sentiment-bert: rollout"), std::string::npos) << e.message();
  }
  values[2] = std::numeric_limits<float>::infinity();
  EXPECT_THROW(pack_matrices(values, 1, 1, 4, 16, "x"), Error);
  EXPECT_THROW(pack_matrices(values, 1, 2, 4, 16, "x"), Error);  // 4 values for 2 matrices of 4
}

// One layer, two heads, tokens [CLS] a [SEP].
AttentionStack two_heads() {
  AttentionStack a;
  a.layers = 1, a.heads = 2, a.queries = 3, a.keys = 3;
  a.values = {
      // head 0: every query on [CLS]
      1, 0, 0, 1, 0, 0, 1, 0, 0,
      // head 1: uniform
      1 / 3.0f, 1 / 3.0f, 1 / 3.0f, 1 / 3.0f, 1 / 3.0f, 1 / 3.0f, 1 / 3.0f, 1 / 3.0f, 1 / 3.0f,
  };
  return a;
}

TEST(ExplorerHeadStats, FromTheirDefinitions) {
  const HeadStats s = head_stats(two_heads(), {1, 0, 1});
  constexpr size_t kColumns = std::size(HeadStats::kColumns);
  ASSERT_EQ(s.values.size(), 2 * kColumns);
  // head 0: entropy 0; all of it on [CLS], none on [SEP]; distance (0 + 1 + 2) / 3 = 1; max 1.
  EXPECT_NEAR(s.values[0], 0.0, 1e-12);
  EXPECT_NEAR(s.values[1], 1.0, 1e-12);
  EXPECT_NEAR(s.values[2], 0.0, 1e-12);
  EXPECT_NEAR(s.values[3], 1.0, 1e-12);
  EXPECT_NEAR(s.values[4], 1.0, 1e-12);
  // head 1: log2 3 bits; a third on [CLS], a third on [SEP]; distance (|0-0|+|0-1|+|0-2| + 1+0+1 +
  // 2+1+0) / 3 / 3 = 8/9; max 1/3.
  EXPECT_NEAR(s.values[kColumns + 0], std::log2(3.0), 1e-6);
  EXPECT_NEAR(s.values[kColumns + 1], 1 / 3.0, 1e-6);
  EXPECT_NEAR(s.values[kColumns + 2], 1 / 3.0, 1e-6);
  EXPECT_NEAR(s.values[kColumns + 3], 8 / 9.0, 1e-6);
  EXPECT_NEAR(s.values[kColumns + 4], 1 / 3.0, 1e-6);
}

TEST(ExplorerHeadStats, AFirstTokenThatIsNotSpecialGetsNoColumnOfItsOwn) {
  const HeadStats s = head_stats(two_heads(), {0, 0, 1});
  EXPECT_EQ(s.values[1], 0.0);            // "first": key 0 is no [CLS]
  EXPECT_NEAR(s.values[2], 0.0, 1e-12);   // head 0 puts nothing on [SEP]
}

ModelPage model_page(const std::vector<std::string>& tokens) {
  ModelPage m;
  m.name = "tiny";
  m.tokens = tokens;
  m.special.assign(tokens.size(), 0);
  m.special.front() = m.special.back() = 1;
  m.segment.assign(tokens.size(), 0);
  for (size_t t = 0; t < tokens.size(); ++t) {
    m.word.push_back(t);
    m.word_labels.push_back(tokens[t]);
  }
  m.class_labels = {"negative", "positive"};
  m.probabilities = {0.25f, 0.75f};
  m.predicted = 1;
  const size_t n = tokens.size();
  m.attention.layers = 2, m.attention.heads = 2, m.attention.queries = n, m.attention.keys = n;
  m.attention.values = random_values(2 * 2 * n * n, 0, 1, 3);
  return m;
}

// A view with heads, as valuenorm is: two heads and "all heads" in each of two layer entries.
MatrixSet view_with_heads(size_t n) {
  MatrixSet v;
  v.name = "valuenorm";
  v.title = "valuenorm";
  v.layer_labels = {"layer 0", "layer 1"};
  v.layer_options = {"0", "1"};
  v.head_labels = {"head 0", "head 1", "all heads"};
  v.head_options = {"0", "1", "mean"};
  v.rows = v.cols = n;
  v.values = random_values(2 * 3 * n * n, 0, 3, 11);
  return v;
}

// The page's data, as its script reads it.
json page_data(const std::string& html) {
  const std::string open = "<script type=\"application/json\" id=\"explorer-data\">";
  const size_t begin = html.find(open);
  EXPECT_NE(begin, std::string::npos);
  const size_t end = html.find("</script>", begin);
  return json::parse(html.substr(begin + open.size(), end - begin - open.size()));
}

TEST(ExplorerPage, ATextIsDataNotMarkup) {
  const std::string hostile = "</script><img src=x onerror=alert(1)><!--";
  Page page;
  page.text = hostile;
  page.pair = "</SCRIPT >";
  page.models.push_back(model_page({"[CLS]", "</script>", "<b>", "[SEP]"}));
  page.models[0].notes.push_back("</script><script>alert(2)</script>");
  const std::string html = explorer_html(page);
  // One data element and one script, each closed once: the texts cannot end either early.
  size_t scripts = 0;
  for (size_t at = html.find("</script"); at != std::string::npos; at = html.find("</script", at + 1)) ++scripts;
  EXPECT_EQ(scripts, 2u);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_EQ(html.find("</SCRIPT"), std::string::npos);
  EXPECT_EQ(html.find("<!--"), std::string::npos);
  const json data = page_data(html);
  EXPECT_EQ(data["text"], hostile);
  EXPECT_EQ(data["pair"], "</SCRIPT >");
  EXPECT_EQ(data["models"][0]["tokens"][1], "</script>");
  EXPECT_EQ(data["models"][0]["notes"][0], "</script><script>alert(2)</script>");
}

TEST(ExplorerPage, LoadsNothingFromAnywhere) {
  Page page;
  page.text = "a b";
  page.models.push_back(model_page({"[CLS]", "a", "b", "[SEP]"}));
  const std::string html = explorer_html(page);
  EXPECT_NE(html.find("default-src 'none'"), std::string::npos);
  for (const char* load : {"src=", "href=\"http", "href=\"//", "@import", "url(", "fetch(", "XMLHttpRequest", "https:",
                           "<link", "<iframe", "import("})
    EXPECT_EQ(html.find(load), std::string::npos) << load;
  // The one http: URL is SVG's namespace, which names the format and loads nothing.
  for (size_t at = html.find("http:"); at != std::string::npos; at = html.find("http:", at + 1))
    EXPECT_EQ(html.compare(at, 26, "http://www.w3.org/2000/svg"), 0) << html.substr(at, 40);
}

TEST(ExplorerPage, RawAttentionComesFirstWithEveryHead) {
  Page page;
  page.text = "a b";
  page.models.push_back(model_page({"[CLS]", "a", "b", "[SEP]"}));
  page.models[0].views.push_back(view_with_heads(4));
  const json data = page_data(explorer_html(page));
  const json& views = data["models"][0]["views"];
  ASSERT_EQ(views.size(), 2u);
  EXPECT_EQ(views[0]["name"], "matrix");
  EXPECT_EQ(views[0]["head_labels"].size(), 2u);
  EXPECT_EQ(views[0]["blocks"].size(), 2u);  // one per layer
  EXPECT_EQ(views[0]["bits"], 16);
  EXPECT_EQ(views[1]["name"], "valuenorm");
  EXPECT_EQ(views[1]["lo"].size(), 6u);  // 2 entries x 3 matrices
  EXPECT_TRUE(data["models"][0]["notes"].empty());
}

TEST(ExplorerPage, EightBitsPastThePreciseBudget) {
  Page page;
  page.text = "a b";
  page.models.push_back(model_page({"[CLS]", "a", "b", "[SEP]"}));
  page.precise_budget = 2 * 2 * 4 * 4 * 2 - 1;  // one byte short of raw attention at 16 bits
  const json data = page_data(explorer_html(page));
  EXPECT_EQ(data["models"][0]["views"][0]["bits"], 8);
}

TEST(ExplorerPage, ViewsPastTheSizeBudgetLoseTheirHeadsThenGo) {
  const size_t n = 40;
  std::vector<std::string> tokens(n, "w");
  tokens.front() = "[CLS]";
  tokens.back() = "[SEP]";
  Page page;
  page.text = "w";
  page.models.push_back(model_page(tokens));
  page.models[0].views.push_back(view_with_heads(n));
  // Room for raw attention and one matrix per layer entry of the view, not three.
  const PackedMatrices attention = pack_matrices(page.models[0].attention.values, 2, 2, n * n, 16, "x");
  page.size_budget = attention.encoded_bytes() + attention.encoded_bytes() * 3 / 4;
  json data = page_data(explorer_html(page));
  json views = data["models"][0]["views"];
  ASSERT_EQ(views.size(), 2u);
  EXPECT_TRUE(views[1]["head_labels"].empty());
  EXPECT_EQ(views[1]["lo"].size(), 2u);
  ASSERT_EQ(data["models"][0]["notes"].size(), 1u);
  EXPECT_NE(data["models"][0]["notes"][0].get<std::string>().find("valuenorm: all heads together only"), std::string::npos);

  // No room at all past raw attention, which always goes in.
  page.size_budget = 1;
  data = page_data(explorer_html(page));
  views = data["models"][0]["views"];
  ASSERT_EQ(views.size(), 1u);
  EXPECT_EQ(views[0]["name"], "matrix");
  EXPECT_NE(data["models"][0]["notes"][0].get<std::string>().find("valuenorm left out"), std::string::npos);
}

TEST(ExplorerPage, ScaledHeadsStoreOnlyTheirScales) {
  // valuenorm as the explain layer gives it: two heads as attention × column scales, and "all
  // heads" stored, one entry per layer.
  Page page;
  page.text = "a b";
  page.models.push_back(model_page({"[CLS]", "a", "b", "[SEP]"}));
  MatrixSet v = view_with_heads(4);
  v.scaled_heads = 2;
  v.column_scales = random_values(2 * 2 * 4, 0.5f, 2, 5);
  v.values.resize(2 * 1 * 16);  // one stored matrix per entry
  page.models[0].views.push_back(v);
  json data = page_data(explorer_html(page));
  const json& view = data["models"][0]["views"][1];
  EXPECT_EQ(view["scaled_heads"], 2);
  EXPECT_EQ(view["lo"].size(), 2u);  // the stored "all heads" matrix of each entry
  EXPECT_EQ(view["scales"]["blocks"].size(), 2u);
  EXPECT_EQ(view["head_labels"].size(), 3u);

  // No room past raw attention: the view goes, with a note.
  const PackedMatrices attention = pack_matrices(page.models[0].attention.values, 2, 2, 16, 16, "x");
  page.size_budget = attention.encoded_bytes();
  data = page_data(explorer_html(page));
  EXPECT_EQ(data["models"][0]["views"].size(), 1u);
  EXPECT_NE(data["models"][0]["notes"][0].get<std::string>().find("valuenorm left out"), std::string::npos);

  page.models[0].views[0].layer_labels.pop_back();  // an entry per layer is what scaling needs
  page.models[0].views[0].layer_options.pop_back();
  EXPECT_THROW(explorer_html(page), Error);
}

TEST(ExplorerPage, RefusesAttentionThatDoesNotFitTheTokens) {
  Page page;
  page.models.push_back(model_page({"[CLS]", "a", "[SEP]"}));
  page.models[0].tokens.pop_back();
  EXPECT_THROW(explorer_html(page), Error);
  EXPECT_THROW(explorer_html(Page{}), Error);  // no model
}

}  // namespace
}  // namespace attnmap::explorer
