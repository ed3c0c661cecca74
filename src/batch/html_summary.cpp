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
std::string row_counts(const RowCounts& rows) {
  std::string out;
  for (const auto& [count, name] : {std::pair{rows.read, "read"}, std::pair{rows.rejected, "rejected"},
                                    std::pair{rows.evaluated, "evaluated"}, std::pair{rows.selected, "selected"}}) {
    if (!out.empty()) out += " \xC2\xB7 ";
    out += "<b>" + std::to_string(count) + "</b> " + name;
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

size_t row_total(const std::vector<size_t>& row) {
  size_t total = 0;
  for (size_t cell : row) total += cell;
  return total;
}

// confusion[gold][predicted] as a table whose cells are shaded by their share of the gold row.
std::string confusion_table(const std::vector<std::vector<size_t>>& confusion, const std::vector<std::string>& labels) {
  if (confusion.empty()) return "";
  const size_t n = confusion.size();
  std::string out =
      "<table class=\"confusion\"><caption>rows: gold \xC2\xB7 columns: predicted</caption>\n<tr><td></td>";
  for (size_t j = 0; j < n; ++j) out += "<th scope=\"col\">" + html_escape(label_name(labels, j)) + "</th>";
  out += "</tr>\n";
  for (size_t i = 0; i < n; ++i) {
    const std::vector<size_t>& row = confusion[i];
    const size_t total = row_total(row);
    out += "<tr><th scope=\"row\">" + html_escape(label_name(labels, i)) + "</th>";
    for (size_t j = 0; j < row.size(); ++j) {
      const double share = total > 0 ? static_cast<double>(row[j]) / static_cast<double>(total) : 0;
      out += "<td" + shade(share, i == j) + ">" + std::to_string(row[j]) + "</td>";
    }
    out += "</tr>\n";
  }
  return out + "</table>\n";
}

// Rows with a gold label: the confusion matrix's total, or else every evaluated row.
size_t labelled_rows(const ModelSummary& model, const Summary& summary) {
  if (model.confusion.empty()) return summary.rows.evaluated;
  size_t total = 0;
  for (const auto& row : model.confusion) total += row_total(row);
  return total;
}

std::string model_summary(const ModelSummary& model, size_t index, const Summary& summary) {
  const std::string tag = model_tag(index, summary.models.size());
  std::string out = "<section class=\"model-summary\"><h2>";
  if (!tag.empty()) out += "<span class=\"tag\">" + tag + "</span> ";
  out += html_escape(model.model) + "</h2>\n<p class=\"accuracy\">";
  out += model.accuracy ? "<b>" + percent(model.accuracy) + "</b> accuracy" : "accuracy " + std::string(kMissing);
  if (model.correct)
    out += " \xC2\xB7 " + std::to_string(*model.correct) + " of " + std::to_string(labelled_rows(model, summary)) + " right";
  out += "</p>\n" + confusion_table(model.confusion, summary.labels);
  return out + "</section>\n";
}

std::string comparison(const Comparison& counts) {
  std::string out = "<section class=\"comparison\"><h2>A and B</h2>\n<table>\n";
  const std::pair<const char*, size_t> rows[] = {{"both_right", counts.both_right},
                                                 {"only_a_wrong", counts.only_a_wrong},
                                                 {"only_b_wrong", counts.only_b_wrong},
                                                 {"both_wrong", counts.both_wrong}};
  for (const auto& [key, count] : rows) {
    const Outcome outcome = describe_outcome(key);
    out += "<tr><th scope=\"row\"><span class=\"badge " + outcome.tone + "\">" + html_escape(outcome.label) +
           "</span></th><td>" + std::to_string(count) + "</td></tr>\n";
  }
  out += "<tr><th scope=\"row\">agreement</th><td>" + percent(counts.agreement) + "</td></tr>\n";
  return out + "</table></section>\n";
}

// "0.336 [0.312, 0.359]": a mean and its 95% interval.
std::string with_interval(const Estimate& e) {
  return probability(e.mean) + " [" + probability(e.low) + ", " + probability(e.high) + "]";
}

// The faithfulness view's means for one model: a row per method, the baselines last.
std::string faithfulness_table(const std::map<std::string, FaithfulnessMean>& methods, const std::string& tag) {
  std::vector<std::string> order;
  for (const auto& item : methods)
    if (item.first != "random" && item.first != "loo") order.push_back(item.first);
  for (const char* baseline : {"random", "loo"})
    if (methods.count(baseline) != 0) order.push_back(baseline);
  std::string out = "<section class=\"faithfulness\"><h2>";
  if (!tag.empty()) out += "<span class=\"tag\">" + tag + "</span> ";
  out += "faithfulness</h2>\n<table>\n<caption>means over the rows the view ran on, with 95% bootstrap intervals \xC2\xB7 "
         "comprehensiveness: higher is better \xC2\xB7 sufficiency: lower is better</caption>\n<tr><th scope=\"col\">method</th>"
         "<th scope=\"col\">AOPC-comprehensiveness</th><th scope=\"col\">AOPC-sufficiency</th>"
         "<th scope=\"col\">\xCF\x84-LOO</th><th scope=\"col\">rows</th></tr>\n";
  for (const std::string& method : order) {
    const FaithfulnessMean& f = methods.at(method);
    out += "<tr><th scope=\"row\">" + html_escape(method) + "</th><td>" + with_interval(f.aopc_comprehensiveness) +
           "</td><td>" + with_interval(f.aopc_sufficiency) + "</td><td>" +
           (f.tau_loo ? with_interval(*f.tau_loo) : std::string(kMissing)) + "</td><td>" + std::to_string(f.n) +
           "</td></tr>\n";
  }
  return out + "</table></section>\n";
}

}  // namespace

std::string summary_html(const Summary& summary) {
  std::string out = "<header class=\"report-head\">\n<h1>attnmap batch</h1>\n";
  if (!summary.complete) {
    out += "<p class=\"warning\" role=\"status\">This run was interrupted: the report covers the rows evaluated "
           "before it stopped.</p>\n";
  }
  std::string views;
  for (const std::string& view : summary.views) views += (views.empty() ? "" : ", ") + view;
  out += "<dl class=\"facts\">\n" + fact("input", html_escape(summary.input)) +
         fact("selection", html_escape(summary.select)) +
         fact("views", html_escape(views.empty() ? std::string(kMissing) : views)) +
         fact("rows", row_counts(summary.rows)) + "</dl>\n<div class=\"models\">\n";
  for (size_t i = 0; i < summary.models.size(); ++i) out += model_summary(summary.models[i], i, summary);
  if (summary.comparison) out += comparison(*summary.comparison);
  for (size_t m = 0; m < summary.faithfulness.size(); ++m)
    out += faithfulness_table(summary.faithfulness[m], model_tag(m, summary.faithfulness.size()));
  return out + "</div>\n</header>\n";
}

}  // namespace attnmap::batch::html
