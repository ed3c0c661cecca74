#pragma once
// manifest.jsonl: one JSON record per input row, appended a window of rows at a time (one write,
// synced) after the figures it lists exist. What a crash can leave is at most a torn last line;
// reading cuts it off, and a record is trusted only when every file it lists is there.
#include <filesystem>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "batch/records.h"

namespace attnmap::batch {

// Calls `each` with every complete record in file order. A torn last line (no newline) is cut off
// the file first. Throws Error::input naming the line when a complete line is not a manifest
// record (manifest_record_from_json): that is not a crash, that is someone else's file.
void read_manifest(const std::filesystem::path& manifest, const std::function<void(const ManifestRecord&)>& each);

// What --resume may skip: the input lines of the records whose files all exist under `out_dir`.
// Records that list a missing file are dropped from the manifest (rewritten atomically), so their
// rows run again.
std::set<size_t> completed_lines(const std::filesystem::path& manifest, const std::filesystem::path& out_dir);

// Merges manifests that are each in line order into one in line order, written atomically to
// `merged`. Calls `each` with every record written. Throws Error::input when two hold one line.
void merge_manifests(const std::vector<std::filesystem::path>& parts, const std::filesystem::path& merged,
                     const std::function<void(const ManifestRecord&)>& each);

// The lower layer of read_manifest, for any file of JSON lines appended the same way: cuts a torn
// last line off, then calls `each` with every non-empty line and its 1-based number.
void read_complete_lines(const std::filesystem::path& path,
                         const std::function<void(const std::string& line, size_t number)>& each);

// The record as one manifest line, newline included.
std::string manifest_line(const ManifestRecord& record);

}  // namespace attnmap::batch
