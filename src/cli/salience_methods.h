#pragma once
// The salience methods of attnmap saliency (and of batch --views saliency): each gives one value
// per token for one class; together they make a token strip, one row per method.
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "attnmap/integrated_gradients.h"
#include "attnmap/model.h"
#include "attnmap/strip.h"
#include "cli/input.h"

namespace attnmap::cli {

// "ig,rollout" or "all" -> {"ig", "rollout"}; Error::usage for an unknown method.
std::vector<std::string> split_methods(const std::string& list);

struct Salience {
  std::vector<std::pair<std::string, std::vector<float>>> rows;  // strip label, one value per token
  nlohmann::json methods = nlohmann::json::object();            // per method: values and parameters
  size_t target = 0;                                             // the class explained
};

// Runs each method on the input (`run` is runner.run(input.encoding)). IG and gradattn explain
// options.target (unset: the predicted class); the attention methods have no target.
Salience compute_salience(ModelRunner& runner, const Input& input, const RunResult& run,
                          const std::vector<std::string>& methods, const IgOptions& options);

// The strip of `salience`'s rows. With several rows, each is divided by its largest |value| and
// its label says by how much: methods differ in scale by orders of magnitude.
StripFigure salience_figure(const Salience& salience, const std::vector<std::string>& tokens);

}  // namespace attnmap::cli
