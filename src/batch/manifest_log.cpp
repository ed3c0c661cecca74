#include "batch/manifest_log.h"

#include <unistd.h>

#include <fstream>
#include <memory>

#include "attnmap/error.h"
#include "attnmap/files.h"
#include "core/json_depth.h"

namespace attnmap::batch {
namespace {

void cut_torn_tail(const std::filesystem::path& manifest) {
  std::error_code ec;
  auto size = std::filesystem::file_size(manifest, ec);
  if (ec || size == 0) return;
  std::ifstream in(manifest, std::ios::binary);
  // Scan back from the end for the last newline; everything after it is a torn append.
  uintmax_t keep = size;
  char c = 0;
  while (keep > 0) {
    in.seekg(static_cast<std::streamoff>(keep - 1));
    in.get(c);
    if (c == '\n') break;
    --keep;
  }
  if (keep == size) return;
  if (::truncate(manifest.c_str(), static_cast<off_t>(keep)) != 0)
    throw Error::io("cannot cut the torn last line off the manifest", manifest.string());
}

ManifestRecord parse_record(const std::string& text, const std::filesystem::path& manifest, size_t number) {
  const std::string where = "line " + std::to_string(number);
  const nlohmann::json parsed = json_depth(text) > kMaxJsonDepth ? nlohmann::json(nlohmann::json::value_t::discarded)
                                                                 : nlohmann::json::parse(text, nullptr, false);
  if (parsed.is_discarded())
    throw Error::input(where + " is not a manifest record, not even JSON (was the file edited?)", manifest.string());
  try {
    return manifest_record_from_json(parsed);
  } catch (const Error& e) {
    throw Error::input(where + " is not a manifest record: " + e.message() + " (was the file edited?)",
                       manifest.string());
  }
}

// Reads one manifest's records in order, one at a time.
class ManifestCursor {
 public:
  explicit ManifestCursor(const std::filesystem::path& path) : path_(path), in_(path, std::ios::binary) {
    if (!in_) throw Error::io("cannot open the manifest", path.string());
    advance();
  }
  bool done() const { return done_; }
  const ManifestRecord& record() const { return record_; }
  size_t line() const { return record_.line; }
  void advance() {
    std::string text;
    while (std::getline(in_, text)) {
      ++number_;
      if (text.empty()) continue;
      record_ = parse_record(text, path_, number_);
      return;
    }
    done_ = true;
  }

 private:
  std::filesystem::path path_;
  std::ifstream in_;
  ManifestRecord record_;
  size_t number_ = 0;
  bool done_ = false;
};

bool files_exist(const ManifestRecord& record, const std::filesystem::path& out_dir) {
  for (const auto& [view, path] : record.files) {
    std::error_code ec;
    if (std::filesystem::file_size(out_dir / path, ec) == 0 || ec) return false;
  }
  return true;
}

}  // namespace

std::string manifest_line(const ManifestRecord& record) {
  return to_json(record).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

void read_complete_lines(const std::filesystem::path& path,
                         const std::function<void(const std::string& line, size_t number)>& each) {
  cut_torn_tail(path);
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error::io("cannot open the file", path.string());
  std::string line;
  for (size_t number = 1; std::getline(in, line); ++number)
    if (!line.empty()) each(line, number);
}

void read_manifest(const std::filesystem::path& manifest, const std::function<void(const ManifestRecord&)>& each) {
  cut_torn_tail(manifest);
  for (ManifestCursor cursor(manifest); !cursor.done(); cursor.advance()) each(cursor.record());
}

std::set<size_t> completed_lines(const std::filesystem::path& manifest, const std::filesystem::path& out_dir) {
  std::set<size_t> done;
  std::error_code ec;
  if (!std::filesystem::exists(manifest, ec)) return done;
  bool dropped = false;
  read_manifest(manifest, [&](const ManifestRecord& record) {
    if (files_exist(record, out_dir)) done.insert(record.line);
    else dropped = true;
  });
  if (!dropped) return done;
  AtomicFile rewritten(manifest);
  read_manifest(manifest, [&](const ManifestRecord& record) {
    if (done.count(record.line) != 0) rewritten.write(manifest_line(record));
  });
  rewritten.commit();
  return done;
}

void merge_manifests(const std::vector<std::filesystem::path>& parts, const std::filesystem::path& merged,
                     const std::function<void(const ManifestRecord&)>& each) {
  std::vector<std::unique_ptr<ManifestCursor>> cursors;
  for (const auto& part : parts) {
    cut_torn_tail(part);
    cursors.push_back(std::make_unique<ManifestCursor>(part));
  }
  AtomicFile out(merged);
  size_t last = 0;
  bool any = false;
  while (true) {
    ManifestCursor* next = nullptr;
    for (auto& c : cursors)
      if (!c->done() && (next == nullptr || c->line() < next->line())) next = c.get();
    if (next == nullptr) break;
    if (any && next->line() <= last)
      throw Error::input("two records for input line " + std::to_string(next->line()) + " (shards overlap?)",
                         merged.string());
    last = next->line();
    any = true;
    out.write(manifest_line(next->record()));
    each(next->record());
    next->advance();
  }
  out.commit();
}

}  // namespace attnmap::batch
