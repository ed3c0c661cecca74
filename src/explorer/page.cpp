#include "explorer/page.h"

#include <algorithm>
#include <cstdio>
#include <optional>

#include <nlohmann/json.hpp>

#include "attnmap/colormap.h"
#include "attnmap/error.h"
#include "batch/html_text.h"
#include "explorer/assets.h"
#include "explorer/head_stats.h"
#include "explorer/packing.h"

namespace attnmap::explorer {
namespace {

using nlohmann::json;

// 256 colours as one hex string, "440154..." (1.5 KB, not 3 KB of JSON numbers).
std::string colormap_hex(const std::string& name) {
  const Colormap map = Colormap::by_name(name);
  std::string hex;
  char buf[8];
  for (int i = 0; i < 256; ++i) {
    const Rgba c = map.at(i / 255.0);
    std::snprintf(buf, sizeof buf, "%02x%02x%02x", c.r, c.g, c.b);
    hex += buf;
  }
  return hex;
}

// Raw attention as the first of a model's matrix views: one entry per layer, one matrix per head.
MatrixSet attention_view(const ModelPage& model) {
  const AttentionStack& a = model.attention;
  MatrixSet m;
  m.name = "matrix";
  m.title = "attention";
  m.help = "raw attention weights: one head, or the mean or max over heads";
  m.value_caption = "attention weight";
  for (size_t l = 0; l < a.layers; ++l) {
    m.layer_labels.push_back("layer " + std::to_string(l));
    m.layer_options.push_back(std::to_string(l));
  }
  for (size_t h = 0; h < a.heads; ++h) {
    m.head_labels.push_back("head " + std::to_string(h));
    m.head_options.push_back(std::to_string(h));
  }
  m.head_reductions = true;
  m.rows = a.queries;
  m.cols = a.keys;
  m.values = a.values;
  return m;
}

json view_json(const MatrixSet& m, const PackedMatrices& p) {
  json view = {{"name", m.name},
          {"title", m.title},
          {"help", m.help},
          {"value", m.value_caption},
          {"layer_labels", m.layer_labels},
          {"layer_options", m.layer_options},
          {"head_labels", m.head_labels},
          {"head_options", m.head_options},
          {"reductions", m.head_reductions},
          {"rows", m.rows},
          {"cols", m.cols},
          {"bits", p.bits},
          {"lo", p.lo},
          {"hi", p.hi},
          {"blocks", p.blocks}};
  if (m.scaled_heads > 0) {
    // The scales at 16 bits whatever the matrices' bits: a scale's error is every cell's of its column.
    const PackedMatrices scales = pack_matrices(m.column_scales, m.layer_labels.size(), 1, m.scaled_heads * m.cols, 16,
                                                m.name + " scales");
    view["scaled_heads"] = m.scaled_heads;
    view["scales"] = {{"lo", scales.lo}, {"hi", scales.hi}, {"blocks", scales.blocks}};
  }
  return view;
}

PackedMatrices pack(const MatrixSet& m, int bits, const std::string& model) {
  const size_t entries = m.layer_labels.size();
  const size_t matrices = m.head_labels.empty() ? 1 : m.head_labels.size() - m.scaled_heads;
  return pack_matrices(m.values, entries, matrices, m.rows * m.cols, bits, model + ": " + m.name);
}

// `m` with only its "all heads" matrix of each entry (the one drawn by --head mean), or nothing
// when it has none.
std::optional<MatrixSet> without_heads(const MatrixSet& m) {
  const auto all = std::find(m.head_options.begin(), m.head_options.end(), "mean");
  if (m.head_labels.size() < 2 || all == m.head_options.end()) return std::nullopt;
  // Indices among the matrices `values` holds (the scaled heads are not there).
  const size_t keep = static_cast<size_t>(all - m.head_options.begin()) - m.scaled_heads;
  const size_t heads = m.head_labels.size() - m.scaled_heads;
  const size_t cells = m.rows * m.cols;
  MatrixSet out = m;
  out.head_labels.clear();
  out.head_options.clear();
  out.values.clear();
  out.scaled_heads = 0;
  out.column_scales.clear();
  for (size_t e = 0; e < m.layer_labels.size(); ++e) {
    const auto first = m.values.begin() + static_cast<long>((e * heads + keep) * cells);
    out.values.insert(out.values.end(), first, first + static_cast<long>(cells));
  }
  return out;
}

std::string megabytes(size_t bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f MB", static_cast<double>(bytes) / 1e6);
  return buf;
}

json model_json(const ModelPage& model) {
  const AttentionStack& a = model.attention;
  if (a.queries != model.tokens.size() || a.keys != model.tokens.size())
    throw Error::input("the attention does not match the tokens", model.name);
  json scores = json::array();
  for (const TokenScoreSet& s : model.scores) {
    json entry = {{"name", s.name}, {"help", s.help}, {"values", s.values}};
    entry["target"] = s.target ? json(*s.target) : json(nullptr);
    scores.push_back(std::move(entry));
  }
  const HeadStats stats = head_stats(a, model.special);
  json columns = json::array();
  for (const char* c : HeadStats::kColumns) columns.push_back(c);
  return {{"name", model.name},
          {"model_option", model.model_option},
          {"tokens", model.tokens},
          {"special", model.special},
          {"segment", model.segment},
          {"word", model.word},
          {"word_labels", model.word_labels},
          {"classes", model.class_labels},
          {"probabilities", model.probabilities},
          {"predicted", model.predicted},
          {"gold", model.gold ? json(*model.gold) : json(nullptr)},
          {"layers", a.layers},
          {"heads", a.heads},
          {"views", json::array()},
          {"scores", std::move(scores)},
          {"head_stats", {{"columns", columns}, {"values", stats.values}}},
          {"head_importance", model.head_importance},
          {"notes", model.notes}};
}

// Every model's matrix views, packed: at 16 bits when all of them fit precise_budget unpacked,
// at 8 otherwise. Raw attention first, always; then each view while the packed total stays within
// size_budget, a view with heads keeping only its "all heads" matrices when that is what fits, and
// a note for each view cut or left out.
void add_views(const Page& page, json& models) {
  std::vector<MatrixSet> attention;  // each model's raw attention as a view (the one copy made)
  for (const ModelPage& m : page.models) attention.push_back(attention_view(m));
  std::vector<std::vector<const MatrixSet*>> sets(page.models.size());
  size_t unpacked = 0;
  for (size_t i = 0; i < page.models.size(); ++i) {
    sets[i].push_back(&attention[i]);
    for (const MatrixSet& m : page.models[i].views) sets[i].push_back(&m);
    for (const MatrixSet* set : sets[i]) {
      const MatrixSet& m = *set;
      unpacked += m.values.size() * 2;
      if (m.scaled_heads > 0 && m.layer_labels.size() != page.models[i].attention.layers)
        throw Error::input(m.name + ": scaled heads need one layer entry per layer", page.models[i].name);
    }
  }
  const int bits = unpacked <= page.precise_budget ? 16 : 8;
  size_t total = 0;
  for (size_t i = 0; i < sets.size(); ++i) {
    json& model = models[i];
    for (const MatrixSet* set : sets[i]) {
      const MatrixSet& m = *set;
      PackedMatrices p = pack(m, bits, page.models[i].name);
      const bool first = set == sets[i].front();
      if (first || total + p.encoded_bytes() <= page.size_budget) {
        total += p.encoded_bytes();
        model["views"].push_back(view_json(m, p));
        continue;
      }
      const std::string over = "the page would pass " + megabytes(page.size_budget);
      if (const std::optional<MatrixSet> all = without_heads(m)) {
        p = pack(*all, bits, page.models[i].name);
        if (total + p.encoded_bytes() <= page.size_budget) {
          total += p.encoded_bytes();
          model["views"].push_back(view_json(*all, p));
          model["notes"].push_back(m.name + ": all heads together only; one head at a time " + over +
                                   " (attnmap render --view " + m.name + " --head N draws one)");
          continue;
        }
      }
      model["notes"].push_back(m.name + " left out: " + over + " (--methods chooses fewer)");
    }
  }
}

json page_json(const Page& page) {
  json models = json::array();
  for (const ModelPage& m : page.models) models.push_back(model_json(m));
  add_views(page, models);
  return {{"format", 1},
          {"text", page.text},
          {"pair", page.pair},
          {"colormap", {{"name", page.colormap}, {"colors", colormap_hex(page.colormap)}}},
          {"diverging", {{"name", page.diverging}, {"colors", colormap_hex(page.diverging)}}},
          {"initial", {{"tab", page.initial_tab}, {"view", page.initial_view}, {"layer", page.initial_layer},
                       {"head", page.initial_head}}},
          {"models", std::move(models)}};
}

}  // namespace

std::string explorer_html(const Page& page) {
  if (page.models.empty()) throw Error::input("an explorer page needs a model");
  const json data = page_json(page);
  std::string title = "attnmap \xE2\x80\x94 " + page.models[0].name;
  if (page.models.size() > 1) title += " vs " + page.models[1].name;
  std::string html =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      // Nothing from the network, ever: no fetch, no image, no font, no frame; only this page's
      // own inline style and script.
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'unsafe-inline'; "
      "style-src 'unsafe-inline'; img-src data: blob:\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
      batch::html_escape(title) + "</title>\n<style>" + kExplorerCss + "</style>\n</head>\n<body>\n" +
      "<noscript><p>This page draws its views with JavaScript; turn scripts on to see them.</p></noscript>\n" +
      "<script type=\"application/json\" id=\"explorer-data\">" + batch::script_json(data) + "</script>\n" +
      "<script>" + kExplorerJs + "</script>\n</body>\n</html>\n";
  return html;
}

}  // namespace attnmap::explorer
