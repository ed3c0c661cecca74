#include "batch/records.h"

#include "core/json_fields.h"

namespace attnmap::batch {
namespace {

using nlohmann::json;

json verdict_json(const ModelVerdict& v) {
  json j = {{"model", v.model}, {"predicted", v.predicted}, {"probabilities", v.probabilities}};
  if (v.correct) j["correct"] = *v.correct;
  return j;
}

// {"name": "text", ...} with every value of type T.
template <typename T>
std::map<std::string, T> string_map(const json* object, const std::string& name) {
  std::map<std::string, T> out;
  if (object == nullptr) return out;
  if (!object->is_object()) throw Error::input(name + " is not an object");
  for (const auto& [key, value] : object->items()) out[key] = JsonFields::as<T>(value, name + ".\"" + key + "\"");
  return out;
}

ModelVerdict verdict_from_json(const json& j, const std::string& name) {
  const JsonFields f(j, name);
  ModelVerdict v;
  v.model = f.required<std::string>("model");
  v.predicted = f.required<std::string>("predicted");
  v.probabilities = string_map<double>(f.member("probabilities"), f.name("probabilities"));
  v.correct = f.optional<bool>("correct");
  return v;
}

}  // namespace

json to_json(const ManifestRecord& r) {
  if (r.rejected()) return {{"line", r.line}, {"error", r.error}};
  json models = json::array();
  for (const ModelVerdict& v : r.models) models.push_back(verdict_json(v));
  json j = {{"line", r.line},
            {"id", r.id},
            {"text", r.text},
            {"gold", r.gold ? json(*r.gold) : json(nullptr)},
            {"outcome", r.outcome},
            {"selected", r.selected},
            {"models", std::move(models)}};
  if (r.truncated) j["truncated"] = true;
  if (r.selected || !r.files.empty()) j["files"] = r.files;
  if (!r.skipped.empty()) j["skipped"] = r.skipped;
  if (!r.faithfulness.empty()) {
    json per_model = json::array();
    for (const auto& methods : r.faithfulness) {
      json m = json::object();
      for (const auto& [name, f] : methods)
        m[name] = {{"aopc_comprehensiveness", f.aopc_comprehensiveness},
                   {"aopc_sufficiency", f.aopc_sufficiency},
                   {"tau_loo", f.tau_loo ? json(*f.tau_loo) : json(nullptr)}};
      per_model.push_back(std::move(m));
    }
    j["faithfulness"] = std::move(per_model);
  }
  return j;
}

ManifestRecord manifest_record_from_json(const json& j) {
  const JsonFields f(j);
  ManifestRecord r;
  r.line = f.required<size_t>("line");
  if (auto error = f.optional<std::string>("error")) {
    r.error = *error;
    if (!r.error.empty()) return r;
  }
  r.id = f.required<std::string>("id");
  r.text = f.required<std::string>("text");
  r.gold = f.optional<std::string>("gold");
  r.outcome = f.optional<std::string>("outcome").value_or("");
  r.selected = f.optional<bool>("selected").value_or(false);
  r.truncated = f.optional<bool>("truncated").value_or(false);
  const json* models = f.member("models");
  if (models == nullptr || !models->is_array()) throw Error::input(f.name("models") + " is not an array");
  for (size_t m = 0; m < models->size(); ++m)
    r.models.push_back(verdict_from_json((*models)[m], f.name("models") + "[" + std::to_string(m) + "]"));
  r.files = string_map<std::string>(f.member("files"), f.name("files"));
  r.skipped = string_map<std::string>(f.member("skipped"), f.name("skipped"));
  if (const json* per_model = f.member("faithfulness")) {
    if (!per_model->is_array()) throw Error::input(f.name("faithfulness") + " is not an array");
    for (size_t m = 0; m < per_model->size(); ++m) {
      const std::string name = f.name("faithfulness") + "[" + std::to_string(m) + "]";
      const json& methods = (*per_model)[m];
      if (!methods.is_object()) throw Error::input(name + " is not an object");
      std::map<std::string, FaithfulnessScores> scores;
      for (const auto& [method, value] : methods.items()) {
        const JsonFields v(value, name + ".\"" + method + "\"");
        scores[method] = {v.required<double>("aopc_comprehensiveness"), v.required<double>("aopc_sufficiency"),
                          v.optional<double>("tau_loo")};
      }
      r.faithfulness.push_back(std::move(scores));
    }
  }
  return r;
}

}  // namespace attnmap::batch
