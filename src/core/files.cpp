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

// The umask, read without changing it (umask() can only be read by setting it, which would race
// with files other threads are creating).
mode_t process_umask() {
  static const mode_t mask = [] {
    std::ifstream status("/proc/self/status");
    std::string key;
    while (status >> key) {
      if (key == "Umask:") {
        std::string octal;
        status >> octal;
        return static_cast<mode_t>(std::stoul(octal, nullptr, 8));
      }
    }
    return static_cast<mode_t>(022);
  }();
  return mask;
}

void write_via_rename(const std::filesystem::path& path, std::string_view bytes) {
  AtomicFile file(path);
  file.write(bytes);
  file.commit();
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

AtomicFile::AtomicFile(std::filesystem::path path) : path_(std::move(path)) {
  std::filesystem::path dir = path_.parent_path();
  if (dir.empty()) dir = ".";
  temp_ = (dir / ("." + path_.filename().string() + ".tmp-XXXXXX")).string();
  fd_ = ::mkstemp(temp_.data());
  if (fd_ < 0) throw Error::io("cannot create output file: " + errno_text(), path_.string());
}

AtomicFile::~AtomicFile() {
  if (fd_ < 0) return;
  ::close(fd_);
  ::unlink(temp_.c_str());
}

void AtomicFile::write(std::string_view bytes) {
  if (fd_ < 0) throw Error::io("output already committed", path_.string());
  if (!write_all(fd_, bytes)) throw Error::io("cannot write output: " + errno_text(), path_.string());
}

void AtomicFile::commit() {
  if (fd_ < 0) throw Error::io("output already committed", path_.string());
  bool ok = ::fsync(fd_) == 0;
  std::string err = errno_text();
  ::fchmod(fd_, 0666 & ~process_umask());  // mkstemp made it 0600; give it what open() would
  ok = (::close(fd_) == 0) && ok;
  fd_ = -1;
  if (!ok || std::rename(temp_.c_str(), path_.c_str()) != 0) {
    if (ok) err = errno_text();
    ::unlink(temp_.c_str());
    throw Error::io("cannot write output: " + err, path_.string());
  }
}

void append_file_durably(const std::filesystem::path& path, std::string_view bytes) {
  int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) throw Error::io("cannot open for appending: " + errno_text(), path.string());
  bool ok = write_all(fd, bytes) && ::fdatasync(fd) == 0;
  std::string err = errno_text();
  ok = (::close(fd) == 0) && ok;
  if (!ok) throw Error::io("cannot append: " + err, path.string());
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
