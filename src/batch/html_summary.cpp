// The header of the batch report: what was read, and how each model did.
#include <cstdio>

#include "batch/html_sections.h"
#include "batch/html_text.h"
#include "batch/html_values.h"

namespace attnmap::batch::html {
namespace {

std::string fact(std::string_view term, const std::string& value_html) {
  return "<div><dt>" + std::string(term) + "</dt><dd>" + value_html + "</dd></div>\n";
}

// "400 read · 0 rejected · 400 evaluated · 68 selected"
std::string row_counts(const json* rows) {
  std::string out;
  for (const char* key : {"read", "rejected", "evaluated", "selected"}) {
    if (!out.empty()) out += " \xC2\xB7 ";
    out += "<b>" + html_escape(text(rows ? member(*rows, key) : nullptr)) + "</b> " + key;
  }
  return out;
}

std::string shade(double share, bool diagonal) {
  char style[64];
  std::snprintf(style, sizeof style, " style=\"background:rgba(%s,%.2f)\"", diagonal ? "22,163,74" : "220,38,38",
                0.45 * share);
  return style;
}

std::string label_name(const std::vector<std::string>& labels, size_t i) {
  return i < labels.size() ? labels[i] : std::to_string(i);
}

// confusion[gold][predicted] as a table whose cells are shaded by their share of the gold row.
std::string confusion_table(const json* confusion, const std::vector<std::string>& labels) {
  if (confusion == nullptr || !confusion->is_array() || confusion->empty()) return "";
  const size_t n = confusion->size();
  std::string out =
      "<table class=\"confusion\"><caption>rows: gold \xC2\xB7 columns: predicted</caption>\n<tr><td></td>";
  for (size_t j = 0; j < n; ++j) out += "<th scope=\"col\">" + html_escape(label_name(labels, j)) + "</th>";
  out += "</tr>\n";
  for (size_t i = 0; i < n; ++i) {
    const json* row = element(confusion, i);
    double total = 0;
    for (size_t j = 0; j < n; ++j) total += number(element(row, j)).value_or(0);
    out += "<tr><th scope=\"row\">" + html_escape(label_name(labels, i)) + "</th>";
    for (size_t j = 0; j < n; ++j) {
      const json* cell = element(row, j);
      const double share = total > 0 ? number(cell).value_or(0) / total : 0;
      out += "<td" + shade(share, i == j) + ">" + html_escape(text(cell)) + "</td>";
    }
    out += "</tr>\n";
  }
  return out + "</table>\n";
}

// Rows with a gold label: the confusion matrix's total, or else every evaluated row.
std::optional<double> labelled_rows(const json& model, const json& summary) {
  const json* confusion = member(model, "confusion");
  if (confusion != nullptr && confusion->is_array() && !confusion->empty()) {
    double total = 0;
    for (const json& row : *confusion) {
      for (size_t j = 0; j < row.size(); ++j) total += number(element(&row, j)).value_or(0);
    }
    return total;
  }
  const json* rows = member(summary, "rows");
  return number(rows ? member(*rows, "evaluated") : nullptr);
}

std::string model_summary(const json& model, size_t index, size_t model_count, const json& summary) {
  const std::string tag = model_tag(index, model_count);
  std::string out = "<section class=\"model-summary\"><h2>";
  if (!tag.empty()) out += "<span class=\"tag\">" + tag + "</span> ";
  out += html_escape(text(member(model, "model"), "model")) + "</h2>\n<p class=\"accuracy\">";
  const std::optional<double> accuracy = number(member(model, "accuracy"));
  out += accuracy ? "<b>" + percent(accuracy) + "</b> accuracy" : "accuracy " + std::string(kMissing);
  if (const json* correct = member(model, "correct")) {
    out += " \xC2\xB7 " + html_escape(text(correct));
    if (auto of = labelled_rows(model, summary)) out += " of " + whole(of);
    out += " right";
  }
  out += "</p>\n" + confusion_table(member(model, "confusion"), strings(member(summary, "labels")));
  return out + "</section>\n";
}

std::string comparison(const json& counts) {
  std::string out = "<section class=\"comparison\"><h2>A and B</h2>\n<table>\n";
  for (const std::string& key : known_outcomes()) {
    const json* count = member(counts, key);
    if (count == nullptr) continue;
    const Outcome outcome = describe_outcome(key);
    out += "<tr><th scope=\"row\"><span class=\"badge " + outcome.tone + "\">" + html_escape(outcome.label) +
           "</span></th><td>" + html_escape(text(count)) + "</td></tr>\n";
  }
  out += "<tr><th scope=\"row\">agreement</th><td>" + percent(number(member(counts, "agreement"))) + "</td></tr>\n";
  return out + "</table></section>\n";
}

}  // namespace

std::string summary_html(const json& summary) {
  std::string out = "<header class=\"report-head\">\n<h1>attnmap batch</h1>\n";
  const json* complete = member(summary, "complete");
  if (complete != nullptr && *complete == false) {
    out += "<p class=\"warning\" role=\"status\">This run was interrupted: the report covers the rows evaluated "
           "before it stopped.</p>\n";
  }
  std::string views;
  for (const std::string& view : strings(member(summary, "views"))) views += (views.empty() ? "" : ", ") + view;
  out += "<dl class=\"facts\">\n" + fact("input", html_escape(text(member(summary, "input")))) +
         fact("selection", html_escape(text(member(summary, "select")))) +
         fact("views", html_escape(views.empty() ? std::string(kMissing) : views)) +
         fact("rows", row_counts(member(summary, "rows"))) + "</dl>\n<div class=\"models\">\n";
  const json* models = member(summary, "models");
  const size_t model_count = models != nullptr && models->is_array() ? models->size() : 0;
  for (size_t i = 0; i < model_count; ++i) out += model_summary((*models)[i], i, model_count, summary);
  if (const json* counts = member(summary, "comparison")) out += comparison(*counts);
  return out + "</div>\n</header>\n";
}

}  // namespace attnmap::batch::html
