// attnmap_write_index_html OUT_DIR: writes OUT_DIR/index.html from OUT_DIR/summary.json and the
// selected records of OUT_DIR/manifest.jsonl, as `attnmap batch` does at the end of a run. A test
// tool: it lets the report be checked in a browser without libtorch or a model.
#include <cstdio>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "attnmap/error.h"
#include "attnmap/files.h"
#include "batch/html_report.h"

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

// Rejected rows ({"line", "error"}) and rows that were evaluated but not selected are left out.
std::vector<json> selected_records(const fs::path& manifest) {
  std::istringstream lines(attnmap::read_file(manifest));
  std::vector<json> records;
  std::string line;
  for (size_t number = 1; std::getline(lines, line); ++number) {
    if (line.empty()) continue;
    json record = parse(line, manifest.string() + ":" + std::to_string(number));
    const bool selected = record.value("selected", json(false)) == true;
    if (selected && !record.contains("error")) records.push_back(std::move(record));
  }
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
    const json summary = parse(attnmap::read_file(dir / "summary.json"), (dir / "summary.json").string());
    attnmap::write_file_atomic(dir / "index.html",
                               attnmap::batch::index_html(summary, selected_records(dir / "manifest.jsonl")));
  } catch (const attnmap::Error& e) {
    std::fprintf(stderr, "attnmap_write_index_html: error: %s\n", e.message().c_str());
    return e.exit_code();
  }
  return 0;
}
