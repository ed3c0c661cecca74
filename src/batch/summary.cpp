#include "batch/summary.h"

#include <algorithm>
#include <cmath>

#include "core/json_fields.h"

namespace attnmap::batch {
namespace {

using nlohmann::json;

size_t label_index(const std::vector<std::string>& labels, const std::string& name) {
  return static_cast<size_t>(std::find(labels.begin(), labels.end(), name) - labels.begin());
}

std::vector<std::vector<size_t>> confusion_from_json(const json* table, const std::string& name) {
  std::vector<std::vector<size_t>> out;
  if (table == nullptr) return out;
  if (!table->is_array()) throw Error::input(name + " is not an array");
  for (size_t i = 0; i < table->size(); ++i) {
    const std::string row_name = name + "[" + std::to_string(i) + "]";
    const json& row = (*table)[i];
    if (!row.is_array() || row.size() != table->size()) throw Error::input(row_name + " is not a row of the square table");
    out.emplace_back();
    for (size_t j = 0; j < row.size(); ++j)
      out.back().push_back(JsonFields::as<size_t>(row[j], row_name + "[" + std::to_string(j) + "]"));
  }
  return out;
}

json estimate_json(const Estimate& e) { return {{"mean", e.mean}, {"low", e.low}, {"high", e.high}}; }

Estimate estimate_from_json(const JsonFields& f, const char* key) {
  const json* value = f.member(key);
  if (value == nullptr) throw Error::input("no " + f.name(key));
  const JsonFields e(*value, f.name(key));
  return {e.required<double>("mean"), e.required<double>("low"), e.required<double>("high")};
}

RowCounts rows_from_json(const JsonFields& f) {
  return {f.required<size_t>("read"),     f.required<size_t>("rejected"), f.required<size_t>("evaluated"),
          f.required<size_t>("labelled"), f.required<size_t>("selected"), f.required<size_t>("truncated")};
}

ModelSummary model_from_json(const json& j, const std::string& name) {
  const JsonFields f(j, name);
  return {f.required<std::string>("model"), f.optional<size_t>("correct"), f.optional<double>("accuracy"),
          confusion_from_json(f.member("confusion"), f.name("confusion"))};
}

Comparison comparison_from_json(const json& j, const std::string& name) {
  const JsonFields f(j, name);
  return {f.required<size_t>("both_right"), f.required<size_t>("only_a_wrong"), f.required<size_t>("only_b_wrong"),
          f.required<size_t>("both_wrong"), f.required<double>("agreement")};
}

}  // namespace

json to_json(const Summary& s) {
  json models = json::array();
  for (const ModelSummary& m : s.models) {
    json entry = {{"model", m.model}};
    if (m.correct) entry["correct"] = *m.correct;
    if (m.accuracy) entry["accuracy"] = *m.accuracy;
    if (!m.confusion.empty()) entry["confusion"] = m.confusion;
    models.push_back(std::move(entry));
  }
  const RowCounts& r = s.rows;
  json j = {{"input", s.input},
            {"select", s.select},
            {"views", s.views},
            {"complete", s.complete},
            {"labels", s.labels},
            {"rows",
             {{"read", r.read}, {"rejected", r.rejected}, {"evaluated", r.evaluated},
              {"labelled", r.labelled}, {"selected", r.selected}, {"truncated", r.truncated}}},
            {"models", std::move(models)}};
  if (!s.faithfulness.empty()) {
    json per_model = json::array();
    for (const auto& methods : s.faithfulness) {
      json m = json::object();
      for (const auto& [method, f] : methods)
        m[method] = {{"n", f.n},
                     {"aopc_comprehensiveness", estimate_json(f.aopc_comprehensiveness)},
                     {"aopc_sufficiency", estimate_json(f.aopc_sufficiency)},
                     {"tau_loo", f.tau_loo ? estimate_json(*f.tau_loo) : json(nullptr)}};
      per_model.push_back(std::move(m));
    }
    j["faithfulness"] = std::move(per_model);
  }
  if (const auto& c = s.comparison) {
    j["comparison"] = {{"both_right", c->both_right}, {"only_a_wrong", c->only_a_wrong},
                       {"only_b_wrong", c->only_b_wrong}, {"both_wrong", c->both_wrong},
                       {"agreement", c->agreement}};
  }
  return j;
}

Summary summary_from_json(const json& j) {
  const JsonFields f(j);
  Summary s;
  s.input = f.required<std::string>("input");
  s.select = f.required<std::string>("select");
  s.views = f.list<std::string>("views");
  s.complete = f.required<bool>("complete");
  s.labels = f.list<std::string>("labels");
  const json* rows = f.member("rows");
  if (rows == nullptr) throw Error::input("no " + f.name("rows"));
  s.rows = rows_from_json(JsonFields(*rows, f.name("rows")));
  const json* models = f.member("models");
  if (models == nullptr || !models->is_array()) throw Error::input(f.name("models") + " is not an array");
  for (size_t m = 0; m < models->size(); ++m)
    s.models.push_back(model_from_json((*models)[m], f.name("models") + "[" + std::to_string(m) + "]"));
  if (const json* c = f.member("comparison")) s.comparison = comparison_from_json(*c, f.name("comparison"));
  if (const json* per_model = f.member("faithfulness")) {
    if (!per_model->is_array()) throw Error::input(f.name("faithfulness") + " is not an array");
    for (size_t m = 0; m < per_model->size(); ++m) {
      const std::string name = f.name("faithfulness") + "[" + std::to_string(m) + "]";
      if (!(*per_model)[m].is_object()) throw Error::input(name + " is not an object");
      std::map<std::string, FaithfulnessMean> means;
      for (const auto& [method, value] : (*per_model)[m].items()) {
        const JsonFields v(value, name + ".\"" + method + "\"");
        FaithfulnessMean mean;
        mean.n = v.required<size_t>("n");
        mean.aopc_comprehensiveness = estimate_from_json(v, "aopc_comprehensiveness");
        mean.aopc_sufficiency = estimate_from_json(v, "aopc_sufficiency");
        if (v.member("tau_loo") != nullptr) mean.tau_loo = estimate_from_json(v, "tau_loo");
        means[method] = mean;
      }
      s.faithfulness.push_back(std::move(means));
    }
  }
  return s;
}

SummaryBuilder::SummaryBuilder(std::vector<std::string> labels, std::vector<std::string> models)
    : labels_(std::move(labels)), models_(std::move(models)), correct_(models_.size(), 0),
      confusion_(models_.size(), std::vector<std::vector<size_t>>(labels_.size(), std::vector<size_t>(labels_.size(), 0))) {}

void SummaryBuilder::add(const ManifestRecord& record) {
  ++rows_.read;
  if (record.rejected()) {
    ++rows_.rejected;
    return;
  }
  ++rows_.evaluated;
  if (record.selected) ++rows_.selected;
  if (record.truncated) ++rows_.truncated;
  const auto& models = record.models;
  if (record.gold) {
    ++rows_.labelled;
    const size_t gold = label_index(labels_, *record.gold);
    for (size_t m = 0; m < models_.size() && m < models.size(); ++m) {
      if (models[m].correct.value_or(false)) ++correct_[m];
      const size_t predicted = label_index(labels_, models[m].predicted);
      if (gold < labels_.size() && predicted < labels_.size()) ++confusion_[m][gold][predicted];
    }
  }
  if (models_.size() == 2 && models.size() == 2 && models[0].predicted == models[1].predicted) ++agree_;
  if (faithfulness_.size() < record.faithfulness.size()) faithfulness_.resize(record.faithfulness.size());
  for (size_t m = 0; m < record.faithfulness.size(); ++m) {
    for (const auto& [method, f] : record.faithfulness[m])
      faithfulness_[m][method].push_back({f.aopc_comprehensiveness, f.aopc_sufficiency, f.tau_loo.value_or(std::nan(""))});
  }
  ++outcomes_[record.outcome];
}

Summary SummaryBuilder::finish(Summary s) const {
  s.labels = labels_;
  s.rows = rows_;
  s.models.clear();
  for (size_t m = 0; m < models_.size(); ++m) {
    ModelSummary entry{models_[m], std::nullopt, std::nullopt, {}};
    if (rows_.labelled > 0) {
      entry.correct = correct_[m];
      entry.accuracy = static_cast<double>(correct_[m]) / static_cast<double>(rows_.labelled);
      entry.confusion = confusion_[m];
    }
    s.models.push_back(std::move(entry));
  }
  s.faithfulness.clear();
  for (const auto& methods : faithfulness_) {
    std::map<std::string, FaithfulnessMean> means;
    for (const auto& [method, rows] : methods) {
      const std::vector<Estimate> e = bootstrap_means(rows, 3, 0);
      means[method] = {rows.size(), e[0], e[1], std::isnan(e[2].mean) ? std::nullopt : std::optional<Estimate>(e[2])};
    }
    s.faithfulness.push_back(std::move(means));
  }
  s.comparison.reset();
  if (models_.size() == 2) {
    auto count = [&](const char* key) {
      auto it = outcomes_.find(key);
      return it == outcomes_.end() ? size_t{0} : it->second;
    };
    s.comparison = Comparison{
        count("both_right"), count("only_a_wrong"), count("only_b_wrong"), count("both_wrong"),
        rows_.evaluated > 0 ? static_cast<double>(agree_) / static_cast<double>(rows_.evaluated) : 0.0};
  }
  return s;
}

}  // namespace attnmap::batch
