#include "batch/checklist.h"

#include <chrono>
#include <ostream>
#include <sstream>

#include "attnmap/error.h"
#include "core/xml.h"

namespace attnmap::batch {

bool Checklist::run(const std::string& name, const std::function<std::string()>& check) {
  Outcome o{name, "", true, 0};
  const auto start = std::chrono::steady_clock::now();
  try {
    o.detail = check();
  } catch (const Error& e) {
    o.passed = false;
    o.detail = e.message();
  } catch (const std::exception& e) {
    o.passed = false;
    o.detail = e.what();
  }
  o.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  out_ << (o.passed ? "ok   " : "FAIL ") << o.name << (o.detail.empty() ? "" : ": " + o.detail) << "\n";
  outcomes_.push_back(o);
  return o.passed;
}

size_t Checklist::failures() const {
  size_t n = 0;
  for (const Outcome& o : outcomes_) n += !o.passed;
  return n;
}

std::string junit_xml(const Checklist& list, const std::string& model) {
  double total = 0;
  for (const Outcome& o : list.outcomes()) total += o.seconds;
  std::ostringstream x;
  x << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    << "<testsuites>\n  <testsuite name=\"attnmap check\" tests=\"" << list.outcomes().size() << "\" failures=\""
    << list.failures() << "\" errors=\"0\" time=\"" << total << "\">\n";
  for (const Outcome& o : list.outcomes()) {
    x << "    <testcase classname=\"attnmap.check." << xml_escape(model) << "\" name=\"" << xml_escape(o.name)
      << "\" time=\"" << o.seconds << "\"";
    if (o.passed) {
      x << "/>\n";
    } else {
      x << ">\n      <failure message=\"" << xml_escape(o.detail) << "\"/>\n    </testcase>\n";
    }
  }
  x << "  </testsuite>\n</testsuites>\n";
  return x.str();
}

}  // namespace attnmap::batch
