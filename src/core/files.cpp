#include "attnmap/files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>

#include "attnmap/error.h"

namespace attnmap {
namespace {

std::string errno_text() { return std::strerror(errno); }

// Writes all of `bytes` to `fd`, retrying on short writes and EINTR.
bool write_all(int fd, std::string_view bytes) {
  const char* p = bytes.data();
  size_t left = bytes.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    p += n;
    left -= static_cast<size_t>(n);
  }
  return true;
}

void write_directly(const std::filesystem::path& path, std::string_view bytes) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) throw Error::io("cannot open output: " + errno_text(), path.string());
  bool ok = write_all(fd, bytes);
  std::string err = errno_text();
  ::close(fd);
  if (!ok) throw Error::io("cannot write output: " + err, path.string());
}

void write_via_rename(const std::filesystem::path& path, std::string_view bytes) {
  std::filesystem::path dir = path.parent_path();
  if (dir.empty()) dir = ".";
  std::string tmpl = (dir / ("." + path.filename().string() + ".tmp-XXXXXX")).string();
  int fd = ::mkstemp(tmpl.data());
  if (fd < 0) throw Error::io("cannot create output file: " + errno_text(), path.string());
  bool ok = write_all(fd, bytes) && ::fsync(fd) == 0;
  std::string err = errno_text();
  ::fchmod(fd, 0644);
  ok = (::close(fd) == 0) && ok;
  if (!ok || std::rename(tmpl.c_str(), path.c_str()) != 0) {
    if (ok) err = errno_text();
    ::unlink(tmpl.c_str());
    throw Error::io("cannot write output: " + err, path.string());
  }
}

}  // namespace

std::string read_file(const std::filesystem::path& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw Error::io("is a directory, not a file", path.string());
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error::io("cannot open file: " + errno_text(), path.string());
  std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw Error::io("cannot read file", path.string());
  return data;
}

void write_file_atomic(const std::filesystem::path& path, std::string_view bytes) {
  if (path == "-") {
    if (!write_all(STDOUT_FILENO, bytes)) throw Error::io("cannot write to standard output: " + errno_text());
    return;
  }
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    if (S_ISDIR(st.st_mode)) throw Error::io("output is a directory", path.string());
    write_directly(path, bytes);
    return;
  }
  write_via_rename(path, bytes);
}

}  // namespace attnmap
