#include "explain/scores.h"

#include <algorithm>
#include <cmath>

#include "attnmap/figure.h"
#include "core/json_fields.h"
#include "explain/registry.h"

namespace attnmap::explain {

nlohmann::json to_json(const Saliency& saliency) {
  nlohmann::json out = nlohmann::json::object();
  for (const MethodScores& m : saliency.methods) {
    nlohmann::json j = {{"values", m.values}, {"parameters", m.parameters}};
    if (m.ig) {
      j["f_input"] = m.ig->f_input;
      j["f_baseline"] = m.ig->f_baseline;
      j["attribution_sum"] = m.ig->attribution_sum;
      j["completeness_gap"] = m.ig->completeness_gap();
      j["relative_completeness_gap"] = m.ig->relative_completeness_gap();
    }
    out[m.method] = std::move(j);
  }
  return out;
}

Saliency saliency_from_json(const nlohmann::json& document) {
  const JsonFields f(document);
  const nlohmann::json* target = f.member("target");
  if (target == nullptr) throw Error::input("no " + f.name("target"));
  Saliency saliency;
  saliency.target = JsonFields(*target, f.name("target")).required<size_t>("id");
  const nlohmann::json* methods = f.member("methods");
  if (methods == nullptr || !methods->is_object()) throw Error::input(f.name("methods") + " is not an object");
  for (const auto& [name, scores] : methods->items()) {
    const JsonFields m(scores, f.name("methods") + ".\"" + name + "\"");
    const Method* method = nullptr;
    try {
      method = &find_method(name, saliency_method, "--method", "saliency method");
    } catch (const Error& e) {
      throw Error::input(e.message());
    }
    MethodScores out;
    out.method = method->name;
    for (double value : m.list<double>("values")) out.values.push_back(static_cast<float>(value));
    if (method->explains_class) out.target = saliency.target;
    if (const nlohmann::json* parameters = m.member("parameters")) out.parameters = *parameters;
    if (m.member("f_input") != nullptr) {
      IgResult ig;
      ig.attributions = out.values;
      ig.target = saliency.target;
      ig.f_input = m.required<double>("f_input");
      ig.f_baseline = m.required<double>("f_baseline");
      ig.attribution_sum = m.required<double>("attribution_sum");
      out.ig = std::move(ig);
    }
    saliency.methods.push_back(std::move(out));
  }
  return saliency;
}

StripFigure saliency_figure(const Saliency& saliency, const std::vector<std::string>& tokens) {
  std::vector<std::pair<std::string, std::vector<float>>> rows;
  for (const MethodScores& m : saliency.methods) rows.emplace_back(m.method, m.values);  // the name users type
  // One colour scale serves one row's raw numbers; the row label keeps the divisor, and --json
  // the raw values.
  if (rows.size() > 1) {
    for (auto& [name, values] : rows) {
      float largest = 0;
      for (float v : values) largest = std::max(largest, std::abs(v));
      if (largest == 0) continue;
      for (float& v : values) v /= largest;
      name += " ÷ " + format_number(largest, largest >= 100 ? ".0f" : ".3g");
    }
  }
  StripFigure figure = attnmap::saliency_strip(tokens, rows);
  figure.value_caption = rows.size() > 1 ? "saliency ÷ the row's largest |value|" : "attribution (raw)";
  return figure;
}

}  // namespace attnmap::explain
