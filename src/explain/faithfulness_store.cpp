#include "explain/faithfulness_store.h"

#include <algorithm>

#include "attnmap/error.h"
#include "attnmap/files.h"
#include "batch/manifest_log.h"
#include "batch/run_files.h"
#include "explain/registry.h"

namespace attnmap::explain {

FaithfulnessFiles faithfulness_files(const std::filesystem::path& dir, const batch::Shard& shard) {
  const std::string suffix = batch::shard_suffix(shard);
  return {dir / ("faithfulness" + suffix + ".jsonl"), dir / ("faithfulness-run" + suffix + ".json"),
          dir / "faithfulness.json"};
}

nlohmann::json faithfulness_settings(const FaithfulnessOptions& o, const LoadedModel& model,
                                     const std::vector<const Method*>& method_list, const batch::Shard& shard) {
  nlohmann::json methods = nlohmann::json::array();
  for (const Method* m : method_list) methods.push_back(m->name);
  nlohmann::json s = {{"model", resolve_model(o.model).string()},
                      {"model_name", model.name()},
                      {"input", o.input},
                      {"format", o.format},
                      {"columns", {{"text", o.columns.text}, {"label", o.columns.label}, {"id", o.columns.id}}},
                      {"select", o.select},
                      {"limit", o.limit},
                      {"max_length", o.encoding.max_length},
                      {"methods", methods},
                      {"removal", o.removal},
                      {"seed", o.seed},
                      {"ig", {{"steps", o.ig.steps},
                              {"rule", static_cast<int>(o.ig.rule)},
                              {"baseline", static_cast<int>(o.ig.baseline)},
                              {"output", static_cast<int>(o.ig.output)}}}};
  if (!shard.whole()) s["shard"] = std::to_string(shard.index) + "/" + std::to_string(shard.count);
  return s;
}

nlohmann::json read_faithfulness_settings(const std::filesystem::path& path) {
  nlohmann::json j = nlohmann::json::parse(read_file(path), nullptr, false);
  if (j.is_discarded() || !j.is_object()) throw Error::input("not a faithfulness run's settings file", path.string());
  return j;
}

void write_faithfulness_settings(const std::filesystem::path& path, nlohmann::json settings, bool complete) {
  settings["complete"] = complete;
  write_file_atomic(path, settings.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
}

std::string differing_faithfulness_settings(nlohmann::json a, nlohmann::json b) {
  std::string keys;
  for (auto* j : {&a, &b}) {
    j->erase("complete");
    j->erase("shard");
  }
  for (const auto& [key, value] : a.items())
    if (!b.contains(key) || b[key] != value) keys += (keys.empty() ? "" : ", ") + key;
  return keys;
}

std::vector<FaithfulnessRecord> read_faithfulness_records(const std::filesystem::path& path) {
  std::vector<FaithfulnessRecord> records;
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return records;
  batch::read_complete_lines(path, [&](const std::string& line, size_t number) {
    const nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    try {
      if (j.is_discarded()) throw Error::input("not JSON");
      records.push_back(faithfulness_record_from_json(j));
    } catch (const Error& e) {
      throw Error::input("line " + std::to_string(number) + " is not a faithfulness record: " + e.message() +
                             " (was the file edited?)",
                         path.string());
    }
  });
  return records;
}

std::string faithfulness_record_line(const FaithfulnessRecord& r) {
  return to_json(r).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}


std::string faithfulness_jsonl(const std::vector<FaithfulnessRecord>& records) {
  std::string out;
  for (const FaithfulnessRecord& r : records) out += faithfulness_record_line(r);
  return out;
}

void sort_records_by_line(std::vector<FaithfulnessRecord>& records, const std::string& where) {
  std::stable_sort(records.begin(), records.end(),
                   [](const FaithfulnessRecord& a, const FaithfulnessRecord& b) { return a.line < b.line; });
  for (size_t i = 1; i < records.size(); ++i)
    if (records[i].line == records[i - 1].line)
      throw Error::input("two records for input line " + std::to_string(records[i].line) + " (shards overlap?)", where);
}

}  // namespace attnmap::explain
