#pragma once
// The JSON shapes the subcommands print (documented in README.md, "JSON output"): stable keys,
// numbers as the library computed them.
#include <nlohmann/json.hpp>

#include "attnmap/attention.h"
#include "attnmap/bundle.h"
#include "attnmap/encoding.h"
#include "attnmap/model.h"

namespace attnmap::cli {

// {"ids", "tokens", "offsets" ([begin, end) code points), "type_ids", "special_tokens_mask", "truncated"}
nlohmann::json encoding_json(const Encoding& e);

// {"logits", "probabilities", "predicted": {"id", "label"}}; classes named by the manifest.
nlohmann::json prediction_json(const RunResult& run, const Manifest& manifest);

// {"shape": [L, H, T, K], "order": "layer, head, query, key"}; the values separately.
nlohmann::json attention_shape_json(const AttentionStack& a);

// Serialises with invalid UTF-8 replaced, so a dump never fails on a token's bytes.
std::string dump_json(const nlohmann::json& j, int indent);

}  // namespace attnmap::cli
