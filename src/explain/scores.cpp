#include "explain/scores.h"

#include <algorithm>
#include <cmath>

#include "attnmap/figure.h"

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
