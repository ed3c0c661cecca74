// One selected record of the batch report, as the data the page's script renders.
#include <algorithm>
#include <cmath>

#include "batch/html_sections.h"
#include "batch/html_text.h"
#include "batch/html_values.h"

namespace attnmap::batch::html {
namespace {

// Names in `preferred` order first (those `object` has), then the object's other keys.
std::vector<std::string> ordered_keys(const json* object, const std::vector<std::string>& preferred) {
  std::vector<std::string> keys;
  if (object == nullptr || !object->is_object()) return keys;
  for (const std::string& key : preferred) {
    if (object->contains(key)) keys.push_back(key);
  }
  for (const auto& item : object->items()) {
    if (std::find(keys.begin(), keys.end(), item.key()) == keys.end()) keys.push_back(item.key());
  }
  return keys;
}

json number_or_null(const json* value) {
  const std::optional<double> x = number(value);
  return x && std::isfinite(*x) ? json(*value) : json(nullptr);
}

json string_or_null(const json* value) {
  const std::string s = text(value, "");
  return s.empty() ? json(nullptr) : json(s);
}

json model_data(const json& model, size_t index, const EntryContext& context) {
  const json* probabilities = member(model, "probabilities");
  json pairs = json::array();
  for (const std::string& label : ordered_keys(probabilities, context.labels)) {
    pairs.push_back({label, number_or_null(member(*probabilities, label))});
  }
  const json* correct = member(model, "correct");
  return {{"tag", model_tag(index, context.model_count)},
          {"model", text(member(model, "model"), "model")},
          {"predicted", text(member(model, "predicted"), "")},
          {"correct", correct != nullptr && correct->is_boolean() ? *correct : json(nullptr)},
          {"probabilities", std::move(pairs)}};
}

// The first model's probability of its own prediction, or null.
json confidence(const json& record) {
  const json* model = element(member(record, "models"), 0);
  if (model == nullptr) return nullptr;
  const json* predicted = member(*model, "predicted");
  const json* probabilities = member(*model, "probabilities");
  if (predicted == nullptr || !predicted->is_string() || probabilities == nullptr) return nullptr;
  return number_or_null(member(*probabilities, predicted->get<std::string>()));
}

// [view, URL] for every file of record["files"]; paths stay relative to index.html.
json images(const json& record, const EntryContext& context) {
  const json* files = member(record, "files");
  json out = json::array();
  for (const std::string& view : ordered_keys(files, context.views)) {
    const json& path = (*files)[view];
    if (path.is_string()) out.push_back({view, url_encode_path(path.get<std::string>())});
  }
  return out;
}

}  // namespace

json entry_data(const json& record, const EntryContext& context) {
  const Outcome outcome = describe_outcome(text(member(record, "outcome"), ""));
  json models = json::array();
  const json* record_models = member(record, "models");
  for (size_t i = 0; record_models != nullptr && record_models->is_array() && i < record_models->size(); ++i) {
    models.push_back(model_data((*record_models)[i], i, context));
  }
  return {{"line", number_or_null(member(record, "line"))},
          {"id", text(member(record, "id"), "")},
          {"text", text(member(record, "text"), "")},
          {"gold", string_or_null(member(record, "gold"))},
          {"outcome", outcome.key},
          {"outcome_label", outcome.label},
          {"tone", outcome.tone},
          {"confidence", confidence(record)},
          {"models", std::move(models)},
          {"images", images(record, context)}};
}

}  // namespace attnmap::batch::html
