#pragma once
// A list of named checks, each run once and reported as one line (ok / FAIL), and the same as
// JUnit XML for CI: what `attnmap check` reports. Torch-free: the checks are the caller's.
#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

namespace attnmap::batch {

struct Outcome {
  std::string name, detail;
  bool passed = true;
  double seconds = 0;
};

class Checklist {
 public:
  // Lines go to `out` as each check ends: "ok   NAME: DETAIL" or "FAIL NAME: WHY".
  explicit Checklist(std::ostream& out) : out_(out) {}

  // Runs one check: it returns a detail line on success and throws on failure (attnmap::Error or
  // any std::exception, whose message becomes the failure's). Returns whether it passed.
  bool run(const std::string& name, const std::function<std::string()>& check);

  size_t failures() const;
  const std::vector<Outcome>& outcomes() const { return outcomes_; }

 private:
  std::ostream& out_;
  std::vector<Outcome> outcomes_;
};

// One <testsuite name="attnmap check"> with a <testcase classname="attnmap.check.MODEL"> per
// outcome, a <failure message="..."> in each failed one; every name and message escaped.
std::string junit_xml(const Checklist& list, const std::string& model);

}  // namespace attnmap::batch
