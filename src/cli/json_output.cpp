#include "cli/json_output.h"

namespace attnmap::cli {

nlohmann::json encoding_json(const Encoding& e) {
  nlohmann::json offsets = nlohmann::json::array();
  for (const auto& [b, end] : e.offsets) offsets.push_back({b, end});
  return {{"ids", e.ids},           {"tokens", e.tokens},         {"offsets", offsets},
          {"type_ids", e.type_ids}, {"special_tokens_mask", e.special_tokens_mask},
          {"truncated", e.truncated}};
}

nlohmann::json prediction_json(const RunResult& run, const Manifest& manifest) {
  nlohmann::json labels = manifest.labels;
  nlohmann::json out = {{"logits", run.logits}, {"probabilities", run.probabilities}, {"labels", labels}};
  out["predicted"] = run.logits.empty() ? nlohmann::json(nullptr)
                                        : nlohmann::json{{"id", run.predicted}, {"label", run.predicted_label}};
  return out;
}

nlohmann::json attention_shape_json(const AttentionStack& a) {
  return {{"shape", {a.layers, a.heads, a.queries, a.keys}}, {"order", "layer, head, query, key"}};
}

std::string dump_json(const nlohmann::json& j, int indent) {
  return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace attnmap::cli
