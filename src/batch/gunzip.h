#pragma once
// Data sets read as they come, compressed or not: a stream buffer that inflates gzip data (one
// member or several concatenated, as `cat a.gz b.gz`, pigz and bgzip write them) and passes any
// other bytes through unchanged. Which one is decided by the first two bytes (the gzip magic
// 1f 8b), not by the file's name, so standard input may be compressed too.
//
// Written over zlib's inflate rather than its gzFile API because gzFile reads only from a file
// descriptor: this works over any std::streambuf (a file, standard input, memory in the fuzz
// target). Memory stays bounded (two fixed buffers) whatever the size of the data, and it never
// waits for more bytes than the source has ready (in_avail), so rows arriving through a pipe
// reach the reader as they come.
#include <streambuf>
#include <string>
#include <vector>

struct z_stream_s;

namespace attnmap::batch {

class TransparentGunzip : public std::streambuf {
 public:
  // `name` is what error messages call the input (its path, or "standard input").
  TransparentGunzip(std::streambuf& source, std::string name);
  ~TransparentGunzip() override;
  TransparentGunzip(const TransparentGunzip&) = delete;
  TransparentGunzip& operator=(const TransparentGunzip&) = delete;

  bool compressed() const { return zs_ != nullptr; }

 protected:
  // Throws Error::input for gzip data that is corrupt or ends in the middle of a member.
  int_type underflow() override;

 private:
  // Up to `size` bytes into `to`: at least one (waiting for it), no more than the source has
  // ready. 0 at the end of the source.
  std::streamsize read_ready(char* to, std::streamsize size);
  bool read_source();  // more raw bytes into in_; false at the end of the source
  int_type inflate_some();

  std::streambuf& source_;
  std::string name_;
  std::vector<char> in_, out_;
  z_stream_s* zs_ = nullptr;  // null: the input is not gzip and passes through
  bool member_ended_ = false;
};

}  // namespace attnmap::batch
