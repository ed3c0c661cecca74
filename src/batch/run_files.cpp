#include "batch/run_files.h"

#include <cctype>

#include "attnmap/error.h"

namespace attnmap::batch {
namespace {

// The digits at `pos` as a number, moving `pos` past them; nullopt when there are none, or more
// than --shard takes (9).
std::optional<size_t> read_number(const std::string& s, size_t& pos) {
  const size_t start = pos;
  while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos]))) ++pos;
  if (pos == start || pos - start > 9) return std::nullopt;
  return std::stoul(s.substr(start, pos - start));
}

}  // namespace

std::string shard_suffix(const Shard& shard) {
  if (shard.whole()) return "";
  return ".shard-" + std::to_string(shard.index) + "-of-" + std::to_string(shard.count);
}

RunFiles run_files(const std::filesystem::path& dir, const Shard& shard) {
  const std::string suffix = shard_suffix(shard);
  return {dir, dir / ("batch" + suffix + ".json"), dir / ("manifest" + suffix + ".jsonl"), dir / "summary.json",
          dir / "index.html"};
}

std::optional<Shard> shard_of_file(const std::string& file_name, const std::string& stem, const std::string& extension) {
  const std::string prefix = stem + ".shard-";
  if (file_name.compare(0, prefix.size(), prefix) != 0) return std::nullopt;
  size_t pos = prefix.size();
  const std::optional<size_t> index = read_number(file_name, pos);
  if (!index || file_name.compare(pos, 4, "-of-") != 0) return std::nullopt;
  pos += 4;
  const std::optional<size_t> count = read_number(file_name, pos);
  if (!count || *count < 2 || *index >= *count) return std::nullopt;
  const Shard shard{*index, *count};
  // One spelling per shard: the name must be the one the shard writes (no "02", no "+2").
  if (stem + shard_suffix(shard) + extension != file_name) return std::nullopt;
  return shard;
}

ShardSettingsFiles find_shard_settings(const std::filesystem::path& dir, const std::string& stem,
                                       const std::string& extension) {
  ShardSettingsFiles found;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    const std::optional<Shard> shard = shard_of_file(entry.path().filename().string(), stem, extension);
    if (!shard) continue;
    if (found.count != 0 && found.count != shard->count)
      throw Error::input("shards of different splits (of " + std::to_string(found.count) + " and of " +
                             std::to_string(shard->count) + ")",
                         dir.string());
    found.count = shard->count;
    found.files[shard->index] = entry.path();
  }
  if (ec) throw Error::io("cannot read the directory: " + ec.message(), dir.string());
  if (found.count == 0)
    throw Error::usage("no shards to merge here (" + stem + ".shard-K-of-N" + extension + ")", dir.string());
  return found;
}

}  // namespace attnmap::batch
