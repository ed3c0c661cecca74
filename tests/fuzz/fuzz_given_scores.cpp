// Arbitrary bytes as the scores file of `attnmap faithfulness --scores`: parse_given_scores may
// refuse them (attnmap::Error) but never anything else, and what it accepts keeps its promises:
// every example has a known method with at least one finite score, every method named is some
// example's, and the same bytes give the same digest.
#include <cmath>
#include <cstdint>
#include <set>
#include <string>

#include "batch/given_scores.h"
#include "fuzz_common.h"

namespace {

void check_examples(const std::map<std::string, attnmap::batch::GivenMethodScores>& by_id,
                    const std::map<size_t, attnmap::batch::GivenMethodScores>& by_line, const std::set<std::string>& known,
                    std::set<std::string>& seen) {
  auto check = [&](const attnmap::batch::GivenMethodScores& methods) {
    ATTNMAP_FUZZ_CHECK(!methods.empty(), "an example without methods");
    for (const auto& [name, scores] : methods) {
      ATTNMAP_FUZZ_CHECK(known.count(name) == 1, "a method missing from the list: " + name);
      ATTNMAP_FUZZ_CHECK(!scores.empty(), "a method without scores: " + name);
      for (float s : scores) ATTNMAP_FUZZ_CHECK(std::isfinite(s), "a score that is not finite");
      seen.insert(name);
    }
  };
  for (const auto& [id, methods] : by_id) {
    ATTNMAP_FUZZ_CHECK(!id.empty(), "an empty id");
    check(methods);
  }
  for (const auto& [line, methods] : by_line) {
    ATTNMAP_FUZZ_CHECK(line > 0, "line 0");
    check(methods);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  attnmap::fuzz::only_errors_escape([&] {
    const attnmap::batch::GivenScores given = attnmap::batch::parse_given_scores(text, "scores.jsonl");
    ATTNMAP_FUZZ_CHECK(!given.by_line.empty() || !given.by_id.empty(), "accepted without an example");
    const std::set<std::string> known(given.methods.begin(), given.methods.end());
    ATTNMAP_FUZZ_CHECK(known.size() == given.methods.size(), "a method listed twice");
    std::set<std::string> seen;
    check_examples(given.by_id, given.by_line, known, seen);
    ATTNMAP_FUZZ_CHECK(seen == known, "a listed method that no example has");
    ATTNMAP_FUZZ_CHECK(attnmap::batch::parse_given_scores(text, "again").digest == given.digest, "digest changed");
  });
  return 0;
}
