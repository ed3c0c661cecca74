#include "batch/run_settings.h"

#include "core/json_fields.h"

namespace attnmap::batch {
namespace {

using nlohmann::json;

// The settings of the job alone: what two runs must share to be one job.
json job_settings(const RunSettings& s) {
  json j = to_json(s);
  j.erase("complete");
  j.erase("shard");
  return j;
}

}  // namespace

json to_json(const RunSettings& s) {
  json j = {{"input", s.input},
            {"format", s.format},
            {"columns", {{"text", s.text_column}, {"label", s.label_column}, {"id", s.id_column}}},
            {"models", s.models},
            {"model_names", s.model_names},
            {"labels", s.labels},
            {"select", s.select},
            {"views", s.views},
            {"batch_size", s.batch_size},
            {"limit", s.limit},
            {"max_length", s.max_length},
            {"tokens", s.tokens},
            {"image_format", s.image_format},
            {"cmap", s.cmap},
            {"ig_steps", s.ig_steps},
            {"complete", s.complete}};
  if (s.shard) j["shard"] = std::to_string(s.shard->index) + "/" + std::to_string(s.shard->count);
  return j;
}

RunSettings run_settings_from_json(const json& j) {
  const JsonFields f(j);
  RunSettings s;
  s.input = f.required<std::string>("input");
  s.format = f.required<std::string>("format");
  const json* columns = f.member("columns");
  if (columns == nullptr) throw Error::input("no " + f.name("columns"));
  const JsonFields c(*columns, f.name("columns"));
  s.text_column = c.required<std::string>("text");
  s.label_column = c.required<std::string>("label");
  s.id_column = c.required<std::string>("id");
  s.models = f.list<std::string>("models");
  s.model_names = f.list<std::string>("model_names");
  s.labels = f.list<std::string>("labels");
  s.select = f.required<std::string>("select");
  s.views = f.list<std::string>("views");
  s.batch_size = f.required<size_t>("batch_size");
  s.limit = f.required<size_t>("limit");
  s.max_length = f.required<int>("max_length");
  s.tokens = f.required<std::string>("tokens");
  s.image_format = f.required<std::string>("image_format");
  s.cmap = f.required<std::string>("cmap");
  s.ig_steps = f.required<int>("ig_steps");
  s.complete = f.required<bool>("complete");
  if (auto shard = f.optional<std::string>("shard")) {
    try {
      s.shard = parse_shard(*shard);
    } catch (const Error&) {
      throw Error::input(f.name("shard") + " is not K/N");
    }
  }
  return s;
}

std::string differing_settings(const RunSettings& a, const RunSettings& b) {
  const json ja = job_settings(a), jb = job_settings(b);
  std::string keys;
  for (const auto& [key, value] : ja.items())
    if (!jb.contains(key) || jb[key] != value) keys += (keys.empty() ? "" : ", ") + key;
  return keys;
}

}  // namespace attnmap::batch
