#include "cli/salience_methods.h"

#include <algorithm>
#include <cmath>

#include "attnmap/error.h"
#include "attnmap/figure.h"
#include "attnmap/flow.h"
#include "attnmap/gradient_attention.h"
#include "attnmap/rollout.h"
#include "attnmap/value_norm.h"

namespace attnmap::cli {
namespace {

const std::vector<std::string> kMethods = {"ig", "gradattn", "rollout", "flow", "valuenorm"};

std::vector<float> first_row(const Matrix& m) { return {m.values.begin(), m.values.begin() + static_cast<long>(m.cols)}; }

}  // namespace

std::vector<std::string> split_methods(const std::string& list) {
  if (list == "all") return kMethods;
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= list.size()) {
    size_t comma = list.find(',', start);
    std::string m = list.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (std::find(kMethods.begin(), kMethods.end(), m) == kMethods.end())
      throw Error::usage("unknown salience method '" + m + "' (ig, gradattn, rollout, flow, valuenorm, or all)",
                         "--method");
    out.push_back(m);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

Salience compute_salience(ModelRunner& runner, const Input& input, const RunResult& run,
                          const std::vector<std::string>& methods, const IgOptions& ig) {
  Salience s;
  s.target = run.predicted;
  for (const std::string& m : methods) {
    if (m == "ig") {
      IgResult r = runner.integrated_gradients(input.encoding, ig);
      s.target = r.target;
      s.rows.emplace_back("IG", r.attributions);
      s.methods["ig"] = {{"values", r.attributions},
                         {"f_input", r.f_input},
                         {"f_baseline", r.f_baseline},
                         {"attribution_sum", r.attribution_sum},
                         {"completeness_gap", r.completeness_gap()},
                         {"relative_completeness_gap", r.relative_completeness_gap()},
                         {"parameters",
                          {{"steps", ig.steps},
                           {"rule", to_string(ig.rule)},
                           {"baseline", to_string(ig.baseline)},
                           {"output", ig.output == IgOutput::kProbability ? "probability" : "logit"}}}};
    } else if (m == "gradattn") {
      AttentionGradients g = runner.attention_gradients(input.encoding, ig.target);
      s.target = g.target;
      s.rows.emplace_back("grad. rollout", first_row(gradient_rollout(run.attention, g.gradient)));
      s.methods["gradattn"] = {{"values", s.rows.back().second}, {"parameters", {{"layers", "all"}}}};
    } else if (m == "rollout") {
      s.rows.emplace_back("rollout", first_row(attention_rollout(run.attention)));
      s.methods["rollout"] = {{"values", s.rows.back().second}, {"parameters", {{"layers", "all"}, {"heads", "mean"}}}};
    } else if (m == "valuenorm") {
      ValueVectorsResult values = runner.value_vectors(input.encoding);
      const size_t last = run.attention.layers - 1;
      s.rows.emplace_back("value norm", first_row(value_norm_layer(run.attention, values.vectors, last)));
      s.methods["valuenorm"] = {{"values", s.rows.back().second}, {"parameters", {{"layer", last}, {"heads", "all"}}}};
    } else {
      s.rows.emplace_back("flow", first_row(attention_flow_row(run.attention, 0)));
      s.methods["flow"] = {{"values", s.rows.back().second}, {"parameters", {{"layers", "all"}, {"heads", "mean"}}}};
    }
  }
  return s;
}

StripFigure salience_figure(const Salience& salience, const std::vector<std::string>& tokens) {
  auto rows = salience.rows;
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
  StripFigure figure = salience_strip(tokens, rows);
  figure.value_caption = rows.size() > 1 ? "salience ÷ the row's largest |value|" : "attribution (raw)";
  return figure;
}

}  // namespace attnmap::cli
