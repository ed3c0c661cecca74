#pragma once
// File input and output with attnmap's guarantees: errors are attnmap::Error (category kIO),
// and a regular file is never left half-written.
#include <filesystem>
#include <string>
#include <string_view>

namespace attnmap {

// Reads a whole file. Throws Error::io naming the path when it cannot.
std::string read_file(const std::filesystem::path& path);

// Writes `bytes` to `path`. "-" means standard output. A regular file (or a path that does not
// exist yet) is written to a temporary file in the same directory and renamed over the target,
// so readers see the old file or the new one, never a partial one; on failure the temporary is
// removed. A FIFO, character device or other special file is written directly, never replaced.
void write_file_atomic(const std::filesystem::path& path, std::string_view bytes);

}  // namespace attnmap
