#include "explain/faithfulness_summary.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/json_fields.h"
#include "explain/registry.h"

namespace attnmap::explain {
namespace {

using nlohmann::json;

json array_json(const std::array<double, kFaithfulnessBins.size()>& values) { return json(std::vector<double>(values.begin(), values.end())); }

json method_json(const MethodFaithfulness& m) {
  json j = {{"comprehensiveness", array_json(m.curves.comprehensiveness)},
            {"sufficiency", array_json(m.curves.sufficiency)},
            {"aopc_comprehensiveness", m.curves.aopc_comprehensiveness},
            {"aopc_sufficiency", m.curves.aopc_sufficiency},
            {"tau_loo", m.tau_loo ? json(*m.tau_loo) : json(nullptr)}};
  if (m.method == "random") {
    j["rankings"] = m.rankings;
  } else {
    j["scores"] = m.scores;
    j["ranking"] = m.rankings.at(0);
  }
  return j;
}

json estimate_json(const Estimate& e) { return {{"mean", e.mean}, {"low", e.low}, {"high", e.high}}; }

json group_json(const GroupFaithfulness& g) {
  json comprehensiveness = json::array(), sufficiency = json::array();
  for (size_t b = 0; b < kFaithfulnessBins.size(); ++b) {
    comprehensiveness.push_back(estimate_json(g.comprehensiveness[b]));
    sufficiency.push_back(estimate_json(g.sufficiency[b]));
  }
  return {{"n", g.n},
          {"aopc_comprehensiveness", estimate_json(g.aopc_comprehensiveness)},
          {"aopc_sufficiency", estimate_json(g.aopc_sufficiency)},
          {"tau_loo", g.tau_loo ? estimate_json(*g.tau_loo) : json(nullptr)},
          {"comprehensiveness", comprehensiveness},
          {"sufficiency", sufficiency}};
}

// The quantities summarised per example, in a fixed order: AOPC-comp, AOPC-suff, tau, then each
// bin's comprehensiveness and sufficiency. NaN marks a tau that is not defined.
constexpr size_t kQuantities = 3 + 2 * kFaithfulnessBins.size();
using Quantities = std::array<double, kQuantities>;

Quantities quantities_of(const MethodFaithfulness& m) {
  Quantities q{};
  q[0] = m.curves.aopc_comprehensiveness;
  q[1] = m.curves.aopc_sufficiency;
  q[2] = m.tau_loo ? *m.tau_loo : std::nan("");
  for (size_t b = 0; b < kFaithfulnessBins.size(); ++b) {
    q[3 + b] = m.curves.comprehensiveness[b];
    q[3 + kFaithfulnessBins.size() + b] = m.curves.sufficiency[b];
  }
  return q;
}

GroupFaithfulness summarise_group(const std::vector<Quantities>& values, uint64_t seed) {
  std::vector<std::vector<double>> rows;
  for (const Quantities& q : values) rows.emplace_back(q.begin(), q.end());
  const std::vector<Estimate> e = batch::bootstrap_means(rows, kQuantities, seed);
  GroupFaithfulness g;
  g.n = values.size();
  g.aopc_comprehensiveness = e[0];
  g.aopc_sufficiency = e[1];
  if (!std::isnan(e[2].mean)) g.tau_loo = e[2];
  for (size_t b = 0; b < kFaithfulnessBins.size(); ++b) {
    g.comprehensiveness[b] = e[3 + b];
    g.sufficiency[b] = e[3 + kFaithfulnessBins.size() + b];
  }
  return g;
}

std::string fixed3(double x) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3f", x);
  return buffer;
}

std::string with_interval(const Estimate& e) { return fixed3(e.mean) + " [" + fixed3(e.low) + ", " + fixed3(e.high) + "]"; }

std::string padded(std::string s, size_t width) {
  // Widths count bytes: every cell is ASCII.
  if (s.size() < width) s.append(width - s.size(), ' ');
  return s;
}

}  // namespace

json to_json(const FaithfulnessRecord& r) {
  json methods = json::object();
  for (const MethodFaithfulness& m : r.result.methods) methods[m.method] = method_json(m);
  json j = {{"line", r.line},
            {"id", r.id},
            {"text", r.text},
            {"gold", r.gold ? json(*r.gold) : json(nullptr)},
            {"predicted", r.predicted},
            {"target", r.result.target},
            {"target_label", r.target_label},
            {"correct", r.correct ? json(*r.correct) : json(nullptr)},
            {"p", r.result.p},
            {"ids", r.ids},
            {"special", r.special},
            {"n", r.result.n},
            {"methods", methods}};
  if (!r.pair.empty()) j["pair"] = r.pair;
  if (!r.skipped.empty()) j["skipped"] = r.skipped;
  return j;
}

namespace {

std::array<double, kFaithfulnessBins.size()> bins_of(const JsonFields& f, const char* key) {
  const std::vector<double> values = f.list<double>(key);
  if (values.size() != kFaithfulnessBins.size()) throw Error::input(f.name(key) + " does not have one value per bin");
  std::array<double, kFaithfulnessBins.size()> out{};
  std::copy(values.begin(), values.end(), out.begin());
  return out;
}

MethodFaithfulness method_from_json(const std::string& name, const json& j, const std::string& where) {
  const JsonFields f(j, where);
  MethodFaithfulness m;
  m.method = name;
  m.curves.comprehensiveness = bins_of(f, "comprehensiveness");
  m.curves.sufficiency = bins_of(f, "sufficiency");
  m.curves.aopc_comprehensiveness = f.required<double>("aopc_comprehensiveness");
  m.curves.aopc_sufficiency = f.required<double>("aopc_sufficiency");
  m.tau_loo = f.optional<double>("tau_loo");
  if (name == "random") {
    const json* rankings = f.member("rankings");
    if (rankings == nullptr || !rankings->is_array()) throw Error::input(f.name("rankings") + " is not an array");
    for (size_t d = 0; d < rankings->size(); ++d)
      m.rankings.push_back(JsonFields::as_list<size_t>((*rankings)[d], f.name("rankings") + "[" + std::to_string(d) + "]"));
  } else {
    for (double score : f.list<double>("scores")) m.scores.push_back(static_cast<float>(score));
    const json* ranking = f.member("ranking");
    if (ranking == nullptr) throw Error::input("no " + f.name("ranking"));
    m.rankings.push_back(JsonFields::as_list<size_t>(*ranking, f.name("ranking")));
  }
  return m;
}

// Where a method's row goes: the registry's saliency methods in its order, then those of --scores
// (a stable sort keeps their file's order), then random, then loo.
size_t table_rank(const std::string& method) {
  size_t rank = 0;
  for (const Method& m : methods()) {
    if (!faithfulness_scored(m)) continue;
    if (m.name == method) return rank;
    ++rank;
  }
  return method == "random" ? rank + 1 : method == "loo" ? rank + 2 : rank;
}

}  // namespace

FaithfulnessRecord faithfulness_record_from_json(const json& j) {
  const JsonFields f(j);
  FaithfulnessRecord r;
  r.line = f.required<size_t>("line");
  r.id = f.required<std::string>("id");
  r.text = f.required<std::string>("text");
  r.pair = f.optional<std::string>("pair").value_or("");
  r.gold = f.optional<std::string>("gold");
  r.predicted = f.required<std::string>("predicted");
  r.target_label = f.required<std::string>("target_label");
  r.correct = f.optional<bool>("correct");
  r.ids = f.list<int64_t>("ids");
  for (size_t s : f.list<size_t>("special")) r.special.push_back(static_cast<uint8_t>(s != 0));
  r.result.target = f.required<size_t>("target");
  r.result.p = f.required<double>("p");
  r.result.n = f.required<size_t>("n");
  const json* methods = f.member("methods");
  if (methods == nullptr || !methods->is_object()) throw Error::input(f.name("methods") + " is not an object");
  for (const auto& [name, m] : methods->items())
    r.result.methods.push_back(method_from_json(name, m, f.name("methods") + ".\"" + name + "\""));
  std::stable_sort(r.result.methods.begin(), r.result.methods.end(),
                   [](const MethodFaithfulness& a, const MethodFaithfulness& b) { return table_rank(a.method) < table_rank(b.method); });
  if (const json* skipped = f.member("skipped")) {
    if (!skipped->is_object()) throw Error::input(f.name("skipped") + " is not an object");
    for (const auto& [name, why] : skipped->items())
      r.skipped[name] = JsonFields::as<std::string>(why, f.name("skipped") + ".\"" + name + "\"");
  }
  return r;
}

FaithfulnessSummary summarise_faithfulness(const std::vector<FaithfulnessRecord>& records, const std::string& model,
                                           Removal removal, uint64_t seed) {
  FaithfulnessSummary s;
  s.model = model;
  s.removal = removal;
  s.seed = seed;
  s.examples = records.size();
  std::vector<std::string> order;  // methods in the order they first appear
  for (const FaithfulnessRecord& r : records) {
    for (const auto& [method, why] : r.skipped) ++s.skipped[method];
    for (const MethodFaithfulness& m : r.result.methods)
      if (std::find(order.begin(), order.end(), m.method) == order.end()) order.push_back(m.method);
  }
  std::stable_sort(order.begin(), order.end(),
                   [](const std::string& a, const std::string& b) { return table_rank(a) < table_rank(b); });
  for (const std::string& method : order) {
    std::vector<Quantities> all, correct, wrong;
    for (const FaithfulnessRecord& r : records) {
      for (const MethodFaithfulness& m : r.result.methods) {
        if (m.method != method) continue;
        all.push_back(quantities_of(m));
        if (r.correct) (*r.correct ? correct : wrong).push_back(quantities_of(m));
      }
    }
    MethodSummary summary{method, summarise_group(all, seed), std::nullopt, std::nullopt};
    if (!correct.empty()) summary.correct = summarise_group(correct, seed);
    if (!wrong.empty()) summary.wrong = summarise_group(wrong, seed);
    s.methods.push_back(std::move(summary));
  }
  return s;
}

json to_json(const FaithfulnessSummary& s) {
  json methods = json::object();
  for (const MethodSummary& m : s.methods) {
    json j = {{"all", group_json(m.all)}};
    if (m.correct) j["correct"] = group_json(*m.correct);
    if (m.wrong) j["wrong"] = group_json(*m.wrong);
    methods[m.method] = j;
  }
  return {{"model", s.model},
          {"removal", removal_name(s.removal)},
          {"bins", kFaithfulnessBins},
          {"seed", s.seed},
          {"examples", s.examples},
          {"skipped", s.skipped},
          {"methods", methods}};
}

CurveFigure faithfulness_figure(const FaithfulnessSummary& s) {
  CurveFigure f;
  f.title = s.model + " · faithfulness · " + std::to_string(s.examples) + " example" + (s.examples == 1 ? "" : "s");
  f.subtitle = std::string("means over the examples · removal by ") + removal_name(s.removal);
  f.x_caption = "K: % of tokens";
  for (int bin : kFaithfulnessBins) f.x_labels.push_back(std::to_string(bin) + "%");
  CurvePanel comprehensiveness{"comprehensiveness (higher is better)", "p(y|x) − p(y|x ∖ top K%)", {}};
  CurvePanel sufficiency{"sufficiency (lower is better)", "p(y|x) − p(y|top K% only)", {}};
  for (const MethodSummary& m : s.methods) {
    CurveSeries c{m.method, {}}, u{m.method, {}};
    for (size_t b = 0; b < kFaithfulnessBins.size(); ++b) {
      c.values.push_back(m.all.comprehensiveness[b].mean);
      u.values.push_back(m.all.sufficiency[b].mean);
    }
    comprehensiveness.series.push_back(std::move(c));
    sufficiency.series.push_back(std::move(u));
  }
  f.panels = {std::move(comprehensiveness), std::move(sufficiency)};
  f.metadata = {s.model, "", "faithfulness", "all", "all"};
  return f;
}

std::string faithfulness_table(const FaithfulnessSummary& s) {
  size_t name_width = 6;
  for (const MethodSummary& m : s.methods) name_width = std::max(name_width, m.method.size());
  const size_t column = 24;
  std::string out = padded("method", name_width) + "  " + padded("AOPC-comp (higher: better)", column + 2) + "  " +
                    padded("AOPC-suff (lower: better)", column + 2) + "  " + padded("tau-LOO", column) + "  n\n";
  for (const MethodSummary& m : s.methods) {
    const GroupFaithfulness& g = m.all;
    out += padded(m.method, name_width) + "  " + padded(with_interval(g.aopc_comprehensiveness), column + 2) + "  " +
           padded(with_interval(g.aopc_sufficiency), column + 2) + "  " +
           padded(g.tau_loo ? with_interval(*g.tau_loo) : std::string("-"), column) + "  " + std::to_string(g.n) +
           "\n";
  }
  return out;
}

}  // namespace attnmap::explain
