#pragma once
// Reading the batch manifest's JSON leniently for the report, and the words and numbers it shows.
// A report is written at the end of a long run: a missing or mistyped field shows as "—" instead
// of failing it, so nothing here throws.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace attnmap::batch::html {

using nlohmann::json;

// Shown wherever a value is missing.
inline constexpr std::string_view kMissing = "\xE2\x80\x94";  // U+2014 EM DASH

// `object[key]`, or nullptr when `object` is not an object, has no such member or it is null.
const json* member(const json& object, std::string_view key);
// `array[index]`, or nullptr when `array` is null, not an array, too short, or the element is null.
const json* element(const json* array, size_t index);

std::optional<double> number(const json* value);
// A string as it is, a number or boolean as JSON writes it, anything else as `fallback`.
std::string text(const json* value, std::string_view fallback = kMissing);
// The strings of an array, skipping other elements; empty when `value` is not an array.
std::vector<std::string> strings(const json* value);

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
