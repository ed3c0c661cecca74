#include "batch/examples.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "attnmap/error.h"

namespace attnmap::batch {

std::optional<size_t> resolve_label(const std::string& label, const std::vector<std::string>& labels) {
  auto it = std::find(labels.begin(), labels.end(), label);
  if (it != labels.end()) return static_cast<size_t>(it - labels.begin());
  if (label.empty() || label.size() > 9 || !std::all_of(label.begin(), label.end(), [](unsigned char c) { return std::isdigit(c); }))
    return std::nullopt;
  size_t id = std::stoul(label);
  if (id >= labels.size()) return std::nullopt;
  return id;
}

std::string unknown_label_message(const std::string& label, const std::vector<std::string>& labels) {
  std::string names;
  for (const auto& l : labels) names += (names.empty() ? "" : ", ") + l;
  std::string shown = label.size() > 40 ? label.substr(0, 40) + "…" : label;
  return "unknown label '" + shown + "' (classes: " + names + "; or their ids 0.." + std::to_string(labels.size() - 1) + ")";
}

Selection parse_selection(const std::string& text) {
  if (text == "misclassified") return Selection::kMisclassified;
  if (text == "correct") return Selection::kCorrect;
  if (text == "all") return Selection::kAll;
  throw Error::usage("--select wants misclassified, correct or all (got '" + text + "')", "--select");
}

std::string outcome(const std::vector<bool>& correct, bool labelled) {
  if (!labelled) return "unlabelled";
  if (correct.size() == 1) return correct[0] ? "right" : "wrong";
  if (correct[0] && correct[1]) return "both_right";
  if (correct[0]) return "only_b_wrong";
  if (correct[1]) return "only_a_wrong";
  return "both_wrong";
}

bool selected(Selection selection, const std::vector<bool>& correct, bool labelled) {
  if (selection == Selection::kAll) return true;
  if (!labelled) return false;
  bool all_right = std::all_of(correct.begin(), correct.end(), [](bool c) { return c; });
  return selection == Selection::kCorrect ? all_right : !all_right;
}

std::string example_folder(size_t line, const std::string& id) {
  char number[24];
  std::snprintf(number, sizeof number, "%06zu", line);
  std::string name = number;
  name += '-';
  for (unsigned char c : id) {
    if (name.size() >= 6 + 1 + 60) break;
    bool safe = std::isalnum(c) || c == '.' || c == '_' || c == '-';
    name.push_back(safe && c < 0x80 ? static_cast<char>(c) : '_');
  }
  return name;
}

}  // namespace attnmap::batch
