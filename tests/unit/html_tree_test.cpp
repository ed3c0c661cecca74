// The HTML reader the report page tests use (html_tree.h).
#include "unit/html_tree.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace attnmap::testing {
namespace {

std::vector<std::string> tags(const std::vector<const HtmlNode*>& nodes) {
  std::vector<std::string> out;
  for (const HtmlNode* node : nodes) out.push_back(node->tag + node->attribute("id").value_or(""));
  return out;
}

TEST(HtmlTree, ReadsElementsAttributesAndText) {
  const HtmlDocument doc = parse_html(
      "<!DOCTYPE html>\n<HTML lang=\"en\"><head><meta charset=\"utf-8\"><title>A  page</title></head>\n"
      "<body><nav hidden data-all aria-label='x \"y\"'><br/><input type=\"search\"></nav>\n"
      "<p>\n  <b>83.0%</b>  accuracy\n</p><script>if (a < b && c) x = \"</p>\";</script></body></html>\n");
  ASSERT_EQ(doc.problem, "");
  EXPECT_EQ(doc.doctype, "html");
  const HtmlNode& html = doc.root.only("html");
  EXPECT_EQ(html.attribute("lang"), "en");
  EXPECT_EQ(tags(html.elements()), (std::vector<std::string>{"head", "body"}));
  EXPECT_EQ(html.only("title").text_content(), "A page");
  const HtmlNode& nav = html.only("nav");
  EXPECT_EQ(nav.attribute("hidden"), "") << "a bare attribute";
  EXPECT_EQ(nav.attribute("data-all"), "");
  EXPECT_EQ(nav.attribute("aria-label"), "x \"y\"");
  EXPECT_EQ(nav.attribute("lang"), std::nullopt);
  EXPECT_EQ(tags(nav.elements()), (std::vector<std::string>{"br", "input"})) << "void elements hold nothing";
  EXPECT_EQ(html.only("p").text_content(), "83.0% accuracy");
  EXPECT_EQ(html.only("p").raw_text(), "\n  83.0%  accuracy\n");
  EXPECT_EQ(html.only("script").raw_text(), "if (a < b && c) x = \"</p>\";") << "a script's text is not markup";
}

TEST(HtmlTree, DecodesCharacterReferences) {
  const HtmlDocument doc = parse_html(
      "<p title=\"&lt;&amp;&quot;&apos;&gt; &#233;\">&lt;b&gt; &amp; &quot;q&quot; &apos;a&apos; &#233;&#x1F600;"
      "&#X4E2D;</p><style>a::after { content: \"&amp;\" }</style>");
  ASSERT_EQ(doc.problem, "");
  EXPECT_EQ(doc.root.only("p").attribute("title"), "<&\"'> \xC3\xA9");
  EXPECT_EQ(doc.root.only("p").text_content(), "<b> & \"q\" 'a' \xC3\xA9\xF0\x9F\x98\x80\xE4\xB8\xAD");
  EXPECT_TRUE(doc.root.select("b").empty());
  EXPECT_EQ(doc.root.only("style").raw_text(), "a::after { content: \"&amp;\" }") << "kept as written";
}

TEST(HtmlTree, ReportsTheFirstProblemWithItsOffset) {
  const std::pair<std::string, std::string> cases[] = {
      {"<p><b>x</p></b>", "</p> closes <b> at byte 7"},
      {"<div><p>x</div>", "</div> closes <p> at byte 9"},
      {"<main>", "<main> is never closed at byte 0"},
      {"x</div>", "</div> closes nothing at byte 1"},
      {"<br></br>", "</br> closes nothing at byte 4"},
      {"<div/>", "<div/>: only void elements close themselves at byte 0"},
      {"<p><div></div></p>", "<div> inside <p> at byte 3"},
      {"<script>x", "<script> is never closed at byte 0"},
      {"<title><b>x</b></title>", "a tag inside <title> at byte 7"},
      {"a < b", "'<' that starts no tag at byte 2"},
      {"<!-- note -->", "a comment or <!...> at byte 0"},
      {"a &nbsp; b", "unknown reference &nbsp; at byte 2"},
      {"a & b", "'&' that starts no reference at byte 2"},
      {"&#0;", "reference &#0; to no character at byte 0"},
      {"<a href=x>", "unquoted attribute value at byte 8"},
      {"<a b b>", "repeated attribute b at byte 5"},
      {"<a title=\"<b>\">", "'<' in an attribute value at byte 10"},
      {"<a title=\"x\"id=\"y\">", "no space before an attribute at byte 12"},
      {"<a title=\"x", "unterminated attribute value at byte 11"},
      {std::string("a\0b", 3), "NUL at byte 1"},
  };
  for (const auto& [html, problem] : cases) EXPECT_EQ(parse_html(html).problem, problem) << html;
}

TEST(HtmlTree, SelectsByTagClassIdAttributeAndDescendant) {
  const HtmlDocument doc = parse_html(
      "<div id=\"d1\" class=\"models  wide\"><table id=\"t1\" class=\"confusion\"><tr><td id=\"c1\">1</td></tr>"
      "</table><span id=\"s1\"><button id=\"b1\" data-all>all</button></span></div>"
      "<table id=\"t2\"><tr><td id=\"c2\">2</td></tr></table>"
      "<button id=\"b2\" data-outcome=\"\">none</button><button id=\"b3\" data-outcome=\"only A wrong\">A</button>");
  ASSERT_EQ(doc.problem, "");
  using Tags = std::vector<std::string>;
  const HtmlNode& root = doc.root;
  EXPECT_EQ(tags(root.select("td")), (Tags{"tdc1", "tdc2"})) << "in page order";
  EXPECT_EQ(tags(root.select(".confusion")), (Tags{"tablet1"}));
  EXPECT_EQ(tags(root.select("table.confusion")), (Tags{"tablet1"}));
  EXPECT_EQ(tags(root.select("div.wide.models")), (Tags{"divd1"})) << "every class, in any order";
  EXPECT_EQ(tags(root.select("#t2")), (Tags{"tablet2"}));
  EXPECT_EQ(tags(root.select("[data-all]")), (Tags{"buttonb1"}));
  EXPECT_EQ(tags(root.select("button[data-outcome]")), (Tags{"buttonb2", "buttonb3"}));
  EXPECT_EQ(tags(root.select("button[data-outcome=\"\"]")), (Tags{"buttonb2"}));
  EXPECT_EQ(tags(root.select("[data-outcome='only A wrong']")), (Tags{"buttonb3"}));
  EXPECT_EQ(tags(root.select("*[id=c2]")), (Tags{"tdc2"}));
  EXPECT_EQ(tags(root.select("div td")), (Tags{"tdc1"}));
  EXPECT_EQ(tags(root.select("div  span button")), (Tags{"buttonb1"}));
  EXPECT_EQ(tags(root.select("span table")), Tags{});
  EXPECT_EQ(tags(root.only("#t1").select("td")), (Tags{"tdc1"})) << "below the node only";
  EXPECT_EQ(tags(root.only("#t1").select("table td")), (Tags{"tdc1"})) << "the node itself an ancestor";
  EXPECT_EQ(root.only("div button").text_content(), "all");
  EXPECT_THROW(root.only("button"), std::runtime_error);
  EXPECT_THROW(root.only("img"), std::runtime_error);
  for (const char* bad : {"", "div > td", "td,th", "[x", "[x=\"y]", "a:hover"}) {
    EXPECT_THROW(root.select(bad), std::invalid_argument) << bad;
  }
}

}  // namespace
}  // namespace attnmap::testing
