// attnmap batch --merge: joins the shards of a sharded run into one manifest, summary and page,
// once every shard has finished with the same settings.
#include <iostream>
#include <map>
#include <optional>

#include "attnmap/error.h"
#include "batch/manifest_log.h"
#include "explain/batch_outputs.h"
#include "explain/batch_run.h"

namespace attnmap::explain {

void merge_batch_shards(const BatchOptions& o) {
  const std::filesystem::path dir = o.out_dir;
  const batch::ShardSettingsFiles found = batch::find_shard_settings(dir, "batch", ".json");
  const std::optional<size_t> count = found.count;
  std::map<size_t, batch::RunSettings> shards;  // by index
  for (const auto& [index, path] : found.files) shards[index] = read_settings(path);
  std::vector<std::filesystem::path> manifests;
  for (size_t k = 0; k < *count; ++k) {
    auto it = shards.find(k);
    const std::string which = std::to_string(k) + "/" + std::to_string(*count);
    if (it == shards.end()) throw Error::input("shard " + which + " has not run (no settings file)", dir.string());
    if (!it->second.complete)
      throw Error::input("shard " + which + " has not finished: run it again with --resume", dir.string());
    if (std::string differ = batch::differing_settings(shards.begin()->second, it->second); !differ.empty())
      throw Error::input("shard " + which + " ran with different settings (" + differ + ")", dir.string());
    manifests.push_back(batch::run_files(dir, {k, *count}).manifest);
  }
  batch::RunSettings settings = shards.begin()->second;
  settings.shard.reset();
  const batch::RunFiles files = batch::run_files(dir);
  write_reports(files, settings, true, [&](const auto& each) { batch::merge_manifests(manifests, files.manifest, each); });
  write_settings(files.settings, settings, true);
  std::cout << files.index.string() << "\n";
}

}  // namespace attnmap::explain
