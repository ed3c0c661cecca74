#include "unit/golden.h"

#include <cstdlib>
#include <fstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace attnmap::testing {
namespace {

using json = nlohmann::json;

GoldenEncoding encoding_from(const json& j) {
  GoldenEncoding e;
  e.text = j.value("text", "");
  e.ids = j.at("ids").get<std::vector<int64_t>>();
  e.tokens = j.at("tokens").get<std::vector<std::string>>();
  for (const auto& o : j.at("offsets")) e.offsets.emplace_back(o.at(0).get<size_t>(), o.at(1).get<size_t>());
  if (j.contains("type_ids")) e.type_ids = j["type_ids"].get<std::vector<int64_t>>();
  return e;
}

}  // namespace

std::vector<GoldenCase> read_model_golden(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open golden file " + path);
  json j = json::parse(in);
  std::vector<GoldenCase> cases;
  for (const auto& c : j.at("cases")) {
    GoldenCase gc;
    gc.name = c.at("name").get<std::string>();
    gc.texts = c.at("texts").get<std::vector<std::string>>();
    if (c.contains("pairs")) gc.pairs = c["pairs"].get<std::vector<std::string>>();
    for (const auto& e : c.at("examples")) {
      GoldenExample ex;
      ex.encoding = encoding_from(e);
      ex.logits = e.at("logits").get<std::vector<float>>();
      ex.attention_shape = e.at("attention_shape").get<std::vector<size_t>>();
      ex.attentions = e.at("attentions").get<std::vector<float>>();
      ex.predicted = e.value("predicted", -1L);
      ex.gradient_times_attention = e.value("gradient_times_attention", std::vector<float>{});
      ex.gradient_weighted_heads = e.value("gradient_weighted_heads", std::vector<float>{});
      gc.examples.push_back(std::move(ex));
    }
    cases.push_back(std::move(gc));
  }
  return cases;
}

std::vector<GoldenEncoding> read_tokenizer_golden(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open golden file " + path);
  std::vector<GoldenEncoding> out;
  std::string line;
  while (std::getline(in, line))
    if (!line.empty()) out.push_back(encoding_from(json::parse(line)));
  return out;
}

std::string required_env(const char* name) {
  const char* v = std::getenv(name);
  if (v == nullptr || *v == '\0') throw std::runtime_error(std::string("environment variable ") + name + " is not set");
  return v;
}

}  // namespace attnmap::testing
