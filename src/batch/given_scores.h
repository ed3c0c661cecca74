#pragma once
// Token scores brought to `attnmap faithfulness --scores FILE`: a method computed elsewhere (SHAP,
// LIME, a new attribution method under study) ranked beside attnmap's own. JSON Lines, one object
// per example of the data set:
//
//   {"line": 12, "scores": {"shap": [0.0, 0.31, -0.02, 0.4, 0.0]}}
//
// "line" is the example's line number in the data set (as faithfulness.jsonl gives it), or "id"
// the value of its id column. Each method's array has one number per token of attnmap's encoding
// of that row, special tokens included (never ranked, so their numbers do not matter), in the
// order `attnmap tokenize` and `saliency --json` list them. Blank lines are skipped.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace attnmap::batch {

using GivenMethodScores = std::map<std::string, std::vector<float>>;

struct GivenScores {
  std::vector<std::string> methods;  // every method named in the file, in the order first seen
  std::map<size_t, GivenMethodScores> by_line;
  std::map<std::string, GivenMethodScores> by_id;
  uint64_t digest = 0;  // of the file's bytes: a resumed run checks it reads the same scores

  // The scores given for the example at `line` with `id` ("" when the data set has no ids);
  // nullptr when the file has none for it.
  const GivenMethodScores* find(size_t line, const std::string& id) const;
};

// Parses the text of a scores file; `source` names it in errors ("scores.jsonl:3: ..."). Throws
// Error::input for anything but the format above: a line that is not an object, neither or both of
// "line" and "id", an example given twice, a method name other than letters, digits and "_.+-"
// (at most 64), scores that are not an array of numbers in float range, a file with no example.
GivenScores parse_given_scores(std::string_view text, const std::string& source);
GivenScores read_given_scores(const std::filesystem::path& path);

}  // namespace attnmap::batch
