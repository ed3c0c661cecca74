#include "batch/summary.h"

#include <algorithm>


namespace attnmap::batch {
namespace {

size_t label_index(const std::vector<std::string>& labels, const nlohmann::json& name) {
  if (!name.is_string()) return labels.size();
  auto it = std::find(labels.begin(), labels.end(), name.get<std::string>());
  return static_cast<size_t>(it - labels.begin());
}

}  // namespace

SummaryBuilder::SummaryBuilder(std::vector<std::string> labels, std::vector<std::string> models)
    : labels_(std::move(labels)), models_(std::move(models)), correct_(models_.size(), 0),
      confusion_(models_.size(), std::vector<std::vector<size_t>>(labels_.size(), std::vector<size_t>(labels_.size(), 0))) {}

void SummaryBuilder::add(const nlohmann::json& record) {
  ++read_;
  if (record.contains("error")) {
    ++rejected_;
    return;
  }
  ++evaluated_;
  if (record.value("selected", false)) ++selected_;
  if (record.value("truncated", false)) ++truncated_;
  const nlohmann::json& models = record.at("models");
  const bool labelled = record.contains("gold") && record["gold"].is_string();
  if (labelled) ++labelled_;
  const size_t gold = labelled ? label_index(labels_, record["gold"]) : labels_.size();
  for (size_t m = 0; m < models_.size() && m < models.size(); ++m) {
    if (!labelled) continue;
    if (models[m].value("correct", false)) ++correct_[m];
    size_t predicted = label_index(labels_, models[m].at("predicted"));
    if (gold < labels_.size() && predicted < labels_.size()) ++confusion_[m][gold][predicted];
  }
  if (models_.size() == 2 && models.size() == 2 && models[0].at("predicted") == models[1].at("predicted")) ++agree_;
  ++outcomes_[record.value("outcome", "")];
}

nlohmann::json SummaryBuilder::finish(nlohmann::json summary) const {
  summary["labels"] = labels_;
  summary["rows"] = {{"read", read_},         {"rejected", rejected_}, {"evaluated", evaluated_},
                     {"labelled", labelled_}, {"selected", selected_}, {"truncated", truncated_}};
  nlohmann::json models = nlohmann::json::array();
  for (size_t m = 0; m < models_.size(); ++m) {
    nlohmann::json entry = {{"model", models_[m]}};
    if (labelled_ > 0) {
      entry["correct"] = correct_[m];
      entry["accuracy"] = static_cast<double>(correct_[m]) / static_cast<double>(labelled_);
      entry["confusion"] = confusion_[m];
    }
    models.push_back(entry);
  }
  summary["models"] = models;
  if (models_.size() == 2) {
    auto count = [&](const char* key) {
      auto it = outcomes_.find(key);
      return it == outcomes_.end() ? size_t{0} : it->second;
    };
    summary["comparison"] = {
        {"both_right", count("both_right")},
        {"only_a_wrong", count("only_a_wrong")},
        {"only_b_wrong", count("only_b_wrong")},
        {"both_wrong", count("both_wrong")},
        {"agreement", evaluated_ > 0 ? static_cast<double>(agree_) / static_cast<double>(evaluated_) : 0.0}};
  }
  return summary;
}

}  // namespace attnmap::batch
