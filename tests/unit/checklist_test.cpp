// batch::Checklist and its JUnit XML: the report of `attnmap check`.
#include "batch/checklist.h"

#include <gtest/gtest.h>

#include <sstream>
#include <stdexcept>

#include "attnmap/error.h"
#include "unit/xml_check.h"

namespace attnmap {
namespace {

size_t count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

TEST(Checklist, ReportsEachCheckOnOneLineAndCountsFailures) {
  std::ostringstream out;
  batch::Checklist list(out);
  EXPECT_TRUE(list.run("loads", [] { return std::string("12 layers"); }));
  EXPECT_FALSE(list.run("rows sum to 1", []() -> std::string { throw Error::model("a row sums to 1.5"); }));
  EXPECT_FALSE(list.run("other", []() -> std::string { throw std::runtime_error("boom"); }));
  EXPECT_TRUE(list.run("quiet", [] { return std::string(); }));
  EXPECT_EQ(out.str(), "ok   loads: 12 layers\nFAIL rows sum to 1: a row sums to 1.5\nFAIL other: boom\nok   quiet\n");
  ASSERT_EQ(list.outcomes().size(), 4u);
  EXPECT_EQ(list.failures(), 2u);
  EXPECT_EQ(list.outcomes()[1].detail, "a row sums to 1.5");
  EXPECT_FALSE(list.outcomes()[2].passed);
}

TEST(Checklist, JUnitXmlIsWellFormedWithOneCasePerCheckAndEscapedText) {
  std::ostringstream out;
  batch::Checklist list(out);
  list.run("a <b> & \"c\"", [] { return std::string("fine"); });
  list.run("fails", []() -> std::string { throw Error::model("expected <1e-4>, got 'NaN' & more"); });
  const std::string xml = batch::junit_xml(list, "model \"x\" <y>");
  EXPECT_EQ(testing::xml_problem(xml), "");
  EXPECT_NE(xml.find("tests=\"2\" failures=\"1\" errors=\"0\""), std::string::npos) << xml;
  EXPECT_EQ(count(xml, "<testcase "), 2u);
  EXPECT_EQ(count(xml, "<failure "), 1u);
  EXPECT_NE(xml.find("classname=\"attnmap.check.model &quot;x&quot; &lt;y&gt;\""), std::string::npos) << xml;
  EXPECT_NE(xml.find("name=\"a &lt;b&gt; &amp; &quot;c&quot;\""), std::string::npos) << xml;
  EXPECT_NE(xml.find("message=\"expected &lt;1e-4&gt;, got &apos;NaN&apos; &amp; more\""), std::string::npos) << xml;
}

}  // namespace
}  // namespace attnmap
