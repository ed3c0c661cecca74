#include "batch/html_report.h"

namespace attnmap::batch {

// Placeholder page until the gallery lands: the data, escaped.
std::string index_html(const nlohmann::json& summary, const std::vector<nlohmann::json>& selected_records) {
  std::string data = nlohmann::json({{"summary", summary}, {"records", selected_records}})
                         .dump(-1, ' ', true, nlohmann::json::error_handler_t::replace);
  std::string safe;
  for (char c : data) safe += c == '<' ? std::string("\\u003c") : std::string(1, c);
  return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>attnmap batch</title></head><body>"
         "<script type=\"application/json\" id=\"data\">" + safe + "</script></body></html>\n";
}

}  // namespace attnmap::batch
