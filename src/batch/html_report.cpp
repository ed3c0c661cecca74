#include "batch/html_report.h"

#include <algorithm>

#include "batch/html_assets.h"
#include "batch/html_sections.h"
#include "batch/html_text.h"
#include "batch/html_values.h"

namespace attnmap::batch {
namespace {

using nlohmann::json;

std::string head(const Summary& summary) {
  const std::string& input = summary.input;
  return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>attnmap batch" +
         (input.empty() ? "" : " \xE2\x80\x94 " + html_escape(input)) + "</title>\n<style>" + html::kReportCss +
         "</style>\n</head>\n<body>\n";
}

// The outcomes present, known ones in their usual order and then others as they first appear,
// each with its number of records.
std::vector<std::pair<std::string, size_t>> outcome_counts(const std::vector<ManifestRecord>& records) {
  std::vector<std::pair<std::string, size_t>> seen;
  for (const ManifestRecord& record : records) {
    const std::string& key = record.outcome;
    auto it = std::find_if(seen.begin(), seen.end(), [&](const auto& s) { return s.first == key; });
    if (it == seen.end()) {
      seen.emplace_back(key, 1);
    } else {
      ++it->second;
    }
  }
  const auto& known = html::known_outcomes();
  auto rank = [&](const std::string& key) { return std::find(known.begin(), known.end(), key) - known.begin(); };
  std::stable_sort(seen.begin(), seen.end(),
                   [&](const auto& a, const auto& b) { return rank(a.first) < rank(b.first); });
  return seen;
}

// `data` names what the button shows: data-outcome="KEY" (KEY may be "", records without an
// outcome) or data-all.
std::string filter_button(const std::string& data, const std::string& label, const std::string& tone, size_t count,
                          bool pressed) {
  return "<button type=\"button\" class=\"" + tone + "\" " + data + " aria-pressed=\"" +
         (pressed ? "true" : "false") + "\">" + html_escape(label) + " <span class=\"count\">" +
         std::to_string(count) + "</span></button>\n";
}

const char* const kPager =
    "<span class=\"pager\"><button type=\"button\" class=\"prev\">\xE2\x80\xB9 previous</button> "
    "<span class=\"range\"></span> <button type=\"button\" class=\"next\">next \xE2\x80\xBA</button></span>\n";

// Hidden until the script runs: without it they could do nothing.
std::string controls(const std::vector<ManifestRecord>& records) {
  std::string out =
      "<nav id=\"controls\" class=\"controls\" aria-label=\"Filter, sort and pages\" hidden>\n"
      "<div id=\"outcome-filter\" role=\"group\" aria-label=\"Outcome\">\n" +
      filter_button("data-all", "all", "", records.size(), true);
  for (const auto& [key, count] : outcome_counts(records)) {
    const html::Outcome outcome = html::describe_outcome(key);
    out += filter_button("data-outcome=\"" + html_escape(key) + "\"", outcome.label, outcome.tone, count, false);
  }
  return out +
         "</div>\n<label>sort <select id=\"sort\">\n<option value=\"line\">input line</option>\n"
         "<option value=\"id\">id</option>\n"
         "<option value=\"confidence-asc\">confidence, least sure first</option>\n"
         "<option value=\"confidence-desc\">confidence, most sure first</option>\n</select></label>\n"
         "<label>search <input id=\"search\" type=\"search\" placeholder=\"id or text\"></label>\n" +
         kPager +
         "<label>per page <select id=\"page-size\">\n<option>25</option>\n<option selected>100</option>\n"
         "<option>250</option>\n<option>1000</option>\n</select></label>\n</nav>\n";
}

html::EntryContext entry_context(const Summary& summary, const std::vector<ManifestRecord>& records) {
  html::EntryContext context{summary.labels, summary.views, summary.models.size()};
  for (const ManifestRecord& record : records)  // a summary without models still names them in the records
    context.model_count = std::max(context.model_count, record.models.size());
  return context;
}

}  // namespace

std::string index_html(const Summary& summary, const std::vector<ManifestRecord>& selected_records) {
  std::string page = head(summary) + html::summary_html(summary);
  if (selected_records.empty()) {
    page += "<p class=\"empty\">No rows were selected.</p>\n";
  } else {
    page += controls(selected_records) +
            "<noscript><p class=\"empty\">The examples are shown by a script: allow JavaScript for this "
            "page.</p></noscript>\n<main id=\"entries\"></main>\n<p id=\"no-match\" class=\"empty\" hidden>No entry "
            "matches.</p>\n<nav id=\"bottom-pager\" class=\"controls bottom\" aria-label=\"Pages\" hidden>\n" +
            kPager + "</nav>\n";
  }
  json entries = json::array();
  const html::EntryContext context = entry_context(summary, selected_records);
  for (const ManifestRecord& record : selected_records) entries.push_back(html::entry_data(record, context));
  page += "<script type=\"application/json\" id=\"report-data\">" + script_json({{"entries", std::move(entries)}}) +
          "</script>\n<script>" + html::kReportJs + "</script>\n</body>\n</html>\n";
  return page;
}

}  // namespace attnmap::batch
