// attnmap_write_index_html OUT_DIR: writes OUT_DIR/index.html from OUT_DIR/summary.json and the
// selected records of OUT_DIR/manifest.jsonl, as `attnmap batch` does at the end of a run. A test
// tool: it lets the report be checked in a browser without libtorch or a model.
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "attnmap/error.h"
#include "attnmap/files.h"
#include "batch/html_report.h"
#include "batch/manifest_log.h"
#include "batch/summary.h"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

json parse(const std::string& text, const std::string& where) {
  try {
    return json::parse(text);
  } catch (const json::exception& e) {
    throw attnmap::Error::input(std::string("not JSON: ") + e.what(), where);
  }
}

// Rejected rows and rows that were evaluated but not selected are left out.
std::vector<attnmap::batch::ManifestRecord> selected_records(const fs::path& manifest) {
  std::vector<attnmap::batch::ManifestRecord> records;
  attnmap::batch::read_manifest(manifest, [&](const attnmap::batch::ManifestRecord& record) {
    if (record.selected && !record.rejected()) records.push_back(record);
  });
  return records;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s OUT_DIR\n", argv[0]);
    return 2;
  }
  const fs::path dir = argv[1];
  try {
    const fs::path summary_file = dir / "summary.json";
    attnmap::batch::Summary summary;
    try {
      summary = attnmap::batch::summary_from_json(parse(attnmap::read_file(summary_file), summary_file.string()));
    } catch (const attnmap::Error& e) {
      throw attnmap::Error::input("not a batch summary: " + e.message(), summary_file.string());
    }
    attnmap::write_file_atomic(dir / "index.html",
                               attnmap::batch::index_html(summary, selected_records(dir / "manifest.jsonl")));
  } catch (const attnmap::Error& e) {
    std::fprintf(stderr, "attnmap_write_index_html: error: %s\n", e.message().c_str());
    return e.exit_code();
  }
  return 0;
}
