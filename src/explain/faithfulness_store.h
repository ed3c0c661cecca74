#pragma once
// The files of `faithfulness --input --out-dir`: the records (faithfulness.jsonl, a shard's
// faithfulness.shard-K-of-N.jsonl), the run's settings (faithfulness-run.json) and the summary,
// and reading them back for --resume and --merge.
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "batch/row_reader.h"
#include "explain/faithfulness_run.h"
#include "explain/faithfulness_summary.h"
#include "explain/model_setup.h"

namespace attnmap::explain {

struct FaithfulnessFiles {
  std::filesystem::path records, settings, summary;
};
FaithfulnessFiles faithfulness_files(const std::filesystem::path& dir, const batch::Shard& shard);

// What a data-set run was asked: --resume and --merge continue only the same job.
// `methods`: the registry's entries --methods named.
nlohmann::json faithfulness_settings(const FaithfulnessOptions& o, const LoadedModel& model,
                                     const std::vector<const Method*>& methods, const batch::Shard& shard);
// Throws Error::input naming the file when it is not a run's settings.
nlohmann::json read_faithfulness_settings(const std::filesystem::path& path);
void write_faithfulness_settings(const std::filesystem::path& path, nlohmann::json settings, bool complete);
// The settings two runs differ in, "" when none (whether complete, and which shard, do not count).
std::string differing_faithfulness_settings(nlohmann::json a, nlohmann::json b);

// The records of a file (none when it does not exist), a torn last line cut off first. Throws
// Error::input naming the line of a record that cannot be read.
std::vector<FaithfulnessRecord> read_faithfulness_records(const std::filesystem::path& path);
std::string faithfulness_record_line(const FaithfulnessRecord& record);  // newline included
std::string faithfulness_jsonl(const std::vector<FaithfulnessRecord>& records);
// In input-line order; Error::input naming `where` when two hold one line.
void sort_records_by_line(std::vector<FaithfulnessRecord>& records, const std::string& where);

}  // namespace attnmap::explain
