#include "explain/batch_outputs.h"

#include <nlohmann/json.hpp>

#include "attnmap/error.h"
#include "attnmap/files.h"
#include "batch/html_report.h"
#include "batch/summary.h"

namespace attnmap::explain {

batch::RunSettings read_settings(const std::filesystem::path& path) {
  const nlohmann::json j = nlohmann::json::parse(read_file(path), nullptr, false);
  if (j.is_discarded()) throw Error::input("not a batch run's settings file", path.string());
  try {
    return batch::run_settings_from_json(j);
  } catch (const Error& e) {
    throw Error::input("not a batch run's settings file: " + e.message(), path.string());
  }
}

void write_settings(const std::filesystem::path& path, batch::RunSettings settings, bool complete) {
  settings.complete = complete;
  write_file_atomic(path, to_json(settings).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
}

void write_reports(const batch::RunFiles& files, const batch::RunSettings& settings, bool complete,
                   const RecordSource& records) {
  batch::SummaryBuilder builder(settings.labels, settings.model_names);
  std::vector<batch::ManifestRecord> selected;
  records([&](const batch::ManifestRecord& record) {
    builder.add(record);
    if (record.selected) selected.push_back(record);
  });
  batch::Summary run;
  run.input = settings.input;
  run.select = settings.select;
  run.views = settings.views;
  run.complete = complete;
  const batch::Summary summary = builder.finish(std::move(run));
  write_file_atomic(files.summary,
                    to_json(summary).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
  write_file_atomic(files.index, batch::index_html(summary, selected));
}

}  // namespace attnmap::explain
