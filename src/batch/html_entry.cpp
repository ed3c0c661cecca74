// One selected record of the batch report, as the data the page's script renders.
#include <algorithm>
#include <cmath>

#include "batch/html_sections.h"
#include "batch/html_text.h"
#include "batch/html_values.h"

namespace attnmap::batch::html {
namespace {

using nlohmann::json;

// The keys of `map`: those in `preferred` order first, then the others in the map's order.
template <typename Value>
std::vector<std::string> ordered_keys(const std::map<std::string, Value>& map, const std::vector<std::string>& preferred) {
  std::vector<std::string> keys;
  for (const std::string& key : preferred) {
    if (map.count(key) != 0 && std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
  }
  for (const auto& item : map) {
    if (std::find(keys.begin(), keys.end(), item.first) == keys.end()) keys.push_back(item.first);
  }
  return keys;
}

json finite_or_null(double x) { return std::isfinite(x) ? json(x) : json(nullptr); }

json model_data(const ModelVerdict& model, size_t index, const EntryContext& context) {
  json pairs = json::array();
  for (const std::string& label : ordered_keys(model.probabilities, context.labels))
    pairs.push_back({label, finite_or_null(model.probabilities.at(label))});
  return {{"tag", model_tag(index, context.model_count)},
          {"model", model.model},
          {"predicted", model.predicted},
          {"correct", model.correct ? json(*model.correct) : json(nullptr)},
          {"probabilities", std::move(pairs)}};
}

// The first model's probability of its own prediction, or null.
json confidence(const ManifestRecord& record) {
  if (record.models.empty()) return nullptr;
  const ModelVerdict& model = record.models[0];
  auto p = model.probabilities.find(model.predicted);
  return p == model.probabilities.end() ? json(nullptr) : finite_or_null(p->second);
}

// [view, URL] for every drawn figure; paths stay relative to index.html.
json images(const ManifestRecord& record, const EntryContext& context) {
  json out = json::array();
  for (const std::string& view : ordered_keys(record.files, context.views))
    out.push_back({view, url_encode_path(record.files.at(view))});
  return out;
}

}  // namespace

json entry_data(const ManifestRecord& record, const EntryContext& context) {
  const Outcome outcome = describe_outcome(record.outcome);
  json models = json::array();
  for (size_t i = 0; i < record.models.size(); ++i) models.push_back(model_data(record.models[i], i, context));
  const bool has_gold = record.gold && !record.gold->empty();
  return {{"line", record.line},
          {"id", record.id},
          {"text", record.text},
          {"gold", has_gold ? json(*record.gold) : json(nullptr)},
          {"outcome", outcome.key},
          {"outcome_label", outcome.label},
          {"tone", outcome.tone},
          {"confidence", confidence(record)},
          {"models", std::move(models)},
          {"images", images(record, context)}};
}

}  // namespace attnmap::batch::html
