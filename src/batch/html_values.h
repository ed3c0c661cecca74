#pragma once
// The words and numbers the batch report shows. A report is written at the end of a long run: a
// value it cannot show (a non-finite number) shows as "—" instead of failing it, so nothing here
// throws.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace attnmap::batch::html {

// Shown wherever a value is missing.
inline constexpr std::string_view kMissing = "\xE2\x80\x94";  // U+2014 EM DASH

// 0.8312 -> "83.1%"; nullopt or a non-finite number -> "—".
std::string percent(std::optional<double> fraction);
// 0.87664 -> "0.877"; nullopt or a non-finite number -> "—".
std::string probability(std::optional<double> p);
// 400.0 -> "400"; nullopt or a non-finite number -> "—".
std::string whole(std::optional<double> n);

// How an outcome is shown: its key as the manifest writes it ("" when there is none, e.g. a data set
// without gold labels), a label for people ("only A wrong") and a tone for its colour: "good",
// "bad", "mixed" or "none".
struct Outcome {
  std::string key;
  std::string label;
  std::string tone;
};
Outcome describe_outcome(std::string_view key);
// The outcomes attnmap batch writes, in the order the report lists them.
const std::vector<std::string>& known_outcomes();

// The letter that names model `index` when there are several ("A", "B", ...), "" for one model.
std::string model_tag(size_t index, size_t model_count);

}  // namespace attnmap::batch::html
