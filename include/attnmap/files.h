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

// A regular file written in pieces and published whole: the pieces go to a temporary file beside
// `path`, and commit() syncs it and renames it over `path`. Destroyed without commit() (an error
// on the way), the temporary is removed and `path` is untouched.
class AtomicFile {
 public:
  explicit AtomicFile(std::filesystem::path path);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  void write(std::string_view bytes);
  void commit();

 private:
  std::filesystem::path path_;
  std::string temp_;
  int fd_ = -1;
};

// Appends `bytes` to `path` (created when missing) with one write and waits until they are on
// disk: a log whose every complete line can be trusted after a crash.
void append_file_durably(const std::filesystem::path& path, std::string_view bytes);

}  // namespace attnmap
