// Arbitrary bytes as one of the files a batch run reads back on --resume and --merge: a
// manifest.jsonl record, summary.json or batch.json (the settings). The first byte picks which;
// the rest is the JSON text. Reading may refuse it (attnmap::Error) but never anything else, and
// what it accepts must survive a round trip: writing it and reading that back gives the same
// JSON. An accepted record and summary must make a report page.
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "batch/html_report.h"
#include "batch/records.h"
#include "batch/run_settings.h"
#include "batch/summary.h"
#include "core/json_depth.h"
#include "fuzz_common.h"

namespace {

using nlohmann::json;

template <typename Read>
void round_trip(const json& j, Read read) {
  const json once = to_json(read(j));
  ATTNMAP_FUZZ_CHECK(to_json(read(once)) == once, "writing what was read and reading it back changed it");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  attnmap::fuzz::only_errors_escape([&] {
    attnmap::check_json_depth(text, "input");
    const json j = json::parse(text, nullptr, false);
    if (j.is_discarded()) return;
    switch (data[0] % 3) {
      case 0: {
        round_trip(j, attnmap::batch::manifest_record_from_json);
        const attnmap::batch::ManifestRecord record = attnmap::batch::manifest_record_from_json(j);
        const std::string page = attnmap::batch::index_html(attnmap::batch::Summary{}, {record});
        ATTNMAP_FUZZ_CHECK(page.find("<img src") == std::string::npos, "data became markup");
        break;
      }
      case 1: {
        round_trip(j, attnmap::batch::summary_from_json);
        const std::string page = attnmap::batch::index_html(attnmap::batch::summary_from_json(j), {});
        ATTNMAP_FUZZ_CHECK(page.rfind("<!DOCTYPE html>", 0) == 0, "not a page");
        break;
      }
      default:
        round_trip(j, attnmap::batch::run_settings_from_json);
    }
  });
  return 0;
}
