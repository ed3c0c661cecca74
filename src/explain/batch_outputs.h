#pragma once
// What a batch run writes beside its manifest, for the run and for --merge alike: its settings
// file, and summary.json and index.html computed from the manifest's records alone, so a plain,
// resumed or merged run reports the same.
#include <filesystem>
#include <functional>

#include "batch/records.h"
#include "batch/run_files.h"
#include "batch/run_settings.h"

namespace attnmap::explain {

// Throws Error::input naming the file when it is not a run's settings.
batch::RunSettings read_settings(const std::filesystem::path& path);
// Writes `settings` (atomically), marked complete or not.
void write_settings(const std::filesystem::path& path, batch::RunSettings settings, bool complete);

// Calls its argument with every record of a manifest, in line order.
using RecordSource = std::function<void(const std::function<void(const batch::ManifestRecord&)>&)>;
// summary.json and index.html of the records `records` gives.
void write_reports(const batch::RunFiles& files, const batch::RunSettings& settings, bool complete,
                   const RecordSource& records);

}  // namespace attnmap::explain
