#pragma once
// The files of a batch run's output directory: one place for their names, including the names a
// shard of a run gives its own (batch.shard-2-of-4.json, manifest.shard-2-of-4.jsonl).
#include <filesystem>
#include <optional>
#include <string>

#include "batch/row_reader.h"

namespace attnmap::batch {

struct RunFiles {
  std::filesystem::path dir;
  std::filesystem::path settings;  // what the run was asked to do: batch.json (or a shard's)
  std::filesystem::path manifest;  // its records: manifest.jsonl (or a shard's)
  std::filesystem::path summary;   // summary.json: written for a whole run, or by --merge
  std::filesystem::path index;     // index.html: likewise
};

// What a shard adds to its files' names: ".shard-2-of-4"; "" for the whole run.
std::string shard_suffix(const Shard& shard);

// The files of `shard` of the run in `dir` (the whole run by default).
RunFiles run_files(const std::filesystem::path& dir, const Shard& shard = {});

// The shard whose settings file has this name: "batch.shard-2-of-4.json" -> {2, 4}. nullopt for
// any other name, including the whole run's "batch.json" and near misses ("batch.shard-02-of-4.json",
// "batch.shard-4-of-4.json").
std::optional<Shard> shard_of_settings_file(const std::string& file_name);

// The same for any file a shard names STEM.shard-K-of-N.EXT: shard_of_file(name, "batch", ".json").
std::optional<Shard> shard_of_file(const std::string& file_name, const std::string& stem, const std::string& extension);

}  // namespace attnmap::batch
