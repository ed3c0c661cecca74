#pragma once
// The files of a batch run's output directory: one place for their names, including the names a
// shard of a run gives its own (batch.shard-2-of-4.json, manifest.shard-2-of-4.jsonl).
#include <filesystem>
#include <map>
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

// The shard a file of a sharded run belongs to, from its name STEM.shard-K-of-N.EXT:
// shard_of_file("batch.shard-2-of-4.json", "batch", ".json") -> {2, 4}. nullopt for any other name,
// including the whole run's "batch.json" and near misses ("batch.shard-02-of-4.json",
// "batch.shard-4-of-4.json").
std::optional<Shard> shard_of_file(const std::string& file_name, const std::string& stem, const std::string& extension);

// The settings files of a sharded run's shards in `dir` (STEM.shard-K-of-N.EXT), by shard index, and
// N. Throws Error::usage when there is none, Error::input for shards of different splits and
// Error::io when the directory cannot be read. Whether every shard is there is the caller's check.
struct ShardSettingsFiles {
  size_t count = 0;
  std::map<size_t, std::filesystem::path> files;
};
ShardSettingsFiles find_shard_settings(const std::filesystem::path& dir, const std::string& stem,
                                       const std::string& extension);

}  // namespace attnmap::batch
