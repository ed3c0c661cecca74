#pragma once
// Token scores: how much each token matters for one class, by one method; the result of
// `attnmap saliency` and of batch's saliency strip. Typed here, written as JSON at the edge.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "attnmap/integrated_gradients.h"
#include "attnmap/strip.h"

namespace attnmap::explain {

struct MethodScores {
  std::string method;               // the registry name: "ig", "gradattn", ...
  std::vector<float> values;        // one per token
  std::optional<size_t> target;     // the class explained; unset for methods without one
  std::optional<IgResult> ig;       // Integrated Gradients: F(input), F(baseline), completeness
  nlohmann::json parameters;        // what the numbers depend on (steps, rule, layers, ...): written, never read
};

struct Saliency {
  std::vector<MethodScores> methods;  // in the order asked for
  size_t target = 0;                  // the class explained (the last method with one, else predicted)
};

// {"ig": {"values": [...], "f_input": ..., "parameters": {...}}, "rollout": {...}}: what
// `saliency --json` prints under "methods".
nlohmann::json to_json(const Saliency& saliency);

// The inverse of to_json, from the whole `saliency --json` document: its "target"."id" and its
// "methods". A method explains the target class when it differentiates the model's output (the
// registry says so); IG's F(input), F(baseline) and sum come back. Throws Error::input naming a
// missing or mistyped field, or a method the registry does not know. Methods come in the
// JSON object's (alphabetical) order.
Saliency saliency_from_json(const nlohmann::json& document);

// The strip of the saliency's rows, one per method. With several rows, each is divided by its
// largest |value| and its label says by how much: methods differ in scale by orders of magnitude.
StripFigure saliency_figure(const Saliency& saliency, const std::vector<std::string>& tokens);

}  // namespace attnmap::explain
