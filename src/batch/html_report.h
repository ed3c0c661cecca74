#pragma once
// index.html of a batch run: a self-contained gallery (no server, no external assets).
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace attnmap::batch {

std::string index_html(const nlohmann::json& summary, const std::vector<nlohmann::json>& selected_records);

}  // namespace attnmap::batch
