#include "batch/html_values.h"

#include <cmath>
#include <cstdio>

namespace attnmap::batch::html {

namespace {

std::string fixed(std::optional<double> x, double scale, const char* format) {
  if (!x || !std::isfinite(*x)) return std::string(kMissing);
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, format, *x * scale);
  return buffer;
}

}  // namespace

std::string percent(std::optional<double> fraction) { return fixed(fraction, 100.0, "%.1f%%"); }
std::string probability(std::optional<double> p) { return fixed(p, 1.0, "%.3f"); }
std::string whole(std::optional<double> n) { return fixed(n, 1.0, "%.0f"); }

const std::vector<std::string>& known_outcomes() {
  static const std::vector<std::string> kOutcomes = {"right",        "wrong",        "both_right",
                                                     "only_a_wrong", "only_b_wrong", "both_wrong"};
  return kOutcomes;
}

Outcome describe_outcome(std::string_view key_view) {
  const std::string key(key_view);
  if (key.empty()) return {key, "no outcome", "none"};
  if (key == "right") return {key, "right", "good"};
  if (key == "wrong") return {key, "wrong", "bad"};
  if (key == "both_right") return {key, "both right", "good"};
  if (key == "only_a_wrong") return {key, "only A wrong", "mixed"};
  if (key == "only_b_wrong") return {key, "only B wrong", "mixed"};
  if (key == "both_wrong") return {key, "both wrong", "bad"};
  std::string label = key;  // an outcome this report does not know yet: shown by its name
  for (char& c : label) {
    if (c == '_') c = ' ';
  }
  return {key, label, "none"};
}

std::string model_tag(size_t index, size_t model_count) {
  if (model_count < 2) return "";
  if (index < 26) return std::string(1, static_cast<char>('A' + index));
  return std::to_string(index + 1);
}

}  // namespace attnmap::batch::html
