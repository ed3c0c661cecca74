#include "explorer/page.h"

#include <cstdio>

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

json view_json(const MatrixSet& m, int bits, const std::string& model) {
  const size_t entries = m.layer_labels.size();
  const size_t matrices = m.head_labels.empty() ? 1 : m.head_labels.size();
  const PackedMatrices p = pack_matrices(m.values, entries, matrices, m.rows * m.cols, bits, model + ": " + m.name);
  return {{"name", m.name},
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
          {"lo", p.lo},
          {"hi", p.hi},
          {"blocks", p.blocks}};
}

json model_json(const ModelPage& model, int bits) {
  const AttentionStack& a = model.attention;
  if (a.queries != model.tokens.size() || a.keys != model.tokens.size())
    throw Error::input("the attention does not match the tokens", model.name);
  json views = json::array({view_json(attention_view(model), bits, model.name)});
  for (const MatrixSet& m : model.views) views.push_back(view_json(m, bits, model.name));
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
          {"views", std::move(views)},
          {"scores", std::move(scores)},
          {"head_stats", {{"columns", columns}, {"values", stats.values}}},
          {"head_importance", model.head_importance},
          {"notes", model.notes}};
}

json page_json(const Page& page, int bits) {
  json models = json::array();
  for (const ModelPage& m : page.models) models.push_back(model_json(m, bits));
  return {{"format", 1},
          {"text", page.text},
          {"pair", page.pair},
          {"bits", bits},
          {"colormap", {{"name", page.colormap}, {"colors", colormap_hex(page.colormap)}}},
          {"diverging", {{"name", page.diverging}, {"colors", colormap_hex(page.diverging)}}},
          {"initial", {{"tab", page.initial_tab}, {"view", page.initial_view}, {"layer", page.initial_layer},
                       {"head", page.initial_head}}},
          {"models", std::move(models)}};
}

size_t packed_size(const json& data) {
  size_t n = 0;
  for (const json& m : data["models"])
    for (const json& v : m["views"])
      for (const json& b : v["blocks"]) n += b.get_ref<const std::string&>().size();
  return n;
}

}  // namespace

std::string explorer_html(const Page& page) {
  if (page.models.empty()) throw Error::input("an explorer page needs a model");
  json data = page_json(page, 16);
  if (packed_size(data) > page.precise_budget) data = page_json(page, 8);
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
