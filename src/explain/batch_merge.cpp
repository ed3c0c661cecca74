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
  std::map<size_t, batch::RunSettings> shards;  // by index
  std::optional<size_t> count;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    const std::optional<batch::Shard> shard = batch::shard_of_settings_file(entry.path().filename().string());
    if (!shard) continue;
    if (count && *count != shard->count)
      throw Error::input("shards of different splits (of " + std::to_string(*count) + " and of " +
                             std::to_string(shard->count) + ")",
                         dir.string());
    count = shard->count;
    shards[shard->index] = read_settings(entry.path());
  }
  if (ec) throw Error::io("cannot read the directory: " + ec.message(), dir.string());
  if (!count) throw Error::usage("no shards to merge here (batch.shard-K-of-N.json)", dir.string());
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
