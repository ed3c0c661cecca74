#pragma once
// What a batch run was asked to do, stored beside its manifest (batch.json, or a shard's): --resume
// and --merge check that they continue the same job. Typed here; JSON only at the file's edge.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "batch/row_reader.h"

namespace attnmap::batch {

struct RunSettings {
  std::string input;   // the data set's path, or "-"
  std::string format;  // tsv, csv or jsonl
  std::string text_column, label_column, id_column;
  std::vector<std::string> models;       // the model paths: the first, and --compare's
  std::vector<std::string> model_names;  // their bundles' names
  std::vector<std::string> labels;       // class names in id order
  std::string select;
  std::vector<std::string> views;  // registry names, whatever alias was typed
  size_t batch_size = 0, limit = 0;
  int max_length = 0, ig_steps = 0;
  std::string tokens, image_format, cmap;
  std::optional<Shard> shard;  // a shard's settings say which ("K/N")
  bool complete = false;       // the run reached the end of its rows
};

nlohmann::json to_json(const RunSettings& settings);
// The inverse of to_json. Throws Error::input saying which field is missing or of the wrong type.
RunSettings run_settings_from_json(const nlohmann::json& json);

// The names of the settings in which two runs differ, "" when none do ("views, batch_size").
// Whether they are complete, and which shard each is, are not settings of the job.
std::string differing_settings(const RunSettings& a, const RunSettings& b);

}  // namespace attnmap::batch
