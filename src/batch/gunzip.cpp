#include "batch/gunzip.h"

#include <zlib.h>

#include <algorithm>
#include <memory>

#include "attnmap/error.h"

namespace attnmap::batch {
namespace {

constexpr size_t kBufferBytes = 1 << 16;

bool gzip_magic(const char* bytes, size_t size) {
  return size >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f && static_cast<unsigned char>(bytes[1]) == 0x8b;
}

}  // namespace

TransparentGunzip::TransparentGunzip(std::streambuf& source, std::string name)
    : source_(source), name_(std::move(name)), in_(kBufferBytes) {
  // Two bytes decide, even from a pipe that delivers one at a time.
  std::streamsize got = read_ready(in_.data(), static_cast<std::streamsize>(in_.size()));
  if (got == 1) got += read_ready(in_.data() + 1, static_cast<std::streamsize>(in_.size()) - 1);
  if (!gzip_magic(in_.data(), static_cast<size_t>(got))) {
    setg(in_.data(), in_.data(), in_.data() + got);
    return;
  }
  auto zs = std::make_unique<z_stream>();
  // 16 + MAX_WBITS: a gzip header and trailer (CRC and length checked), nothing else.
  if (inflateInit2(zs.get(), 16 + MAX_WBITS) != Z_OK) throw Error::input("cannot start zlib's inflate", name_);
  zs->next_in = reinterpret_cast<Bytef*>(in_.data());
  zs->avail_in = static_cast<uInt>(got);
  zs_ = zs.release();
  out_.resize(kBufferBytes);
  setg(out_.data(), out_.data(), out_.data());
}

TransparentGunzip::~TransparentGunzip() {
  if (zs_ == nullptr) return;
  inflateEnd(zs_);
  delete zs_;
}

std::streamsize TransparentGunzip::read_ready(char* to, std::streamsize size) {
  if (traits_type::eq_int_type(source_.sgetc(), traits_type::eof())) return 0;
  std::streamsize ready = std::max<std::streamsize>(1, source_.in_avail());
  return source_.sgetn(to, std::min(ready, size));
}

bool TransparentGunzip::read_source() {
  std::streamsize got = read_ready(in_.data(), static_cast<std::streamsize>(in_.size()));
  if (got <= 0) return false;
  if (zs_ != nullptr) {
    zs_->next_in = reinterpret_cast<Bytef*>(in_.data());
    zs_->avail_in = static_cast<uInt>(got);
  } else {
    setg(in_.data(), in_.data(), in_.data() + got);
  }
  return true;
}

TransparentGunzip::int_type TransparentGunzip::underflow() {
  if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
  if (zs_ != nullptr) return inflate_some();
  return read_source() ? traits_type::to_int_type(*gptr()) : traits_type::eof();
}

TransparentGunzip::int_type TransparentGunzip::inflate_some() {
  while (true) {
    if (zs_->avail_in == 0 && !read_source()) {
      if (member_ended_) return traits_type::eof();
      throw Error::input("the gzip data ends in the middle of a stream (a truncated file?)", name_);
    }
    if (member_ended_) {  // more bytes after a member: the next member
      inflateReset(zs_);
      member_ended_ = false;
    }
    zs_->next_out = reinterpret_cast<Bytef*>(out_.data());
    zs_->avail_out = static_cast<uInt>(out_.size());
    int rc = inflate(zs_, Z_NO_FLUSH);
    if (rc == Z_STREAM_END) member_ended_ = true;
    else if (rc == Z_MEM_ERROR) throw Error::input("out of memory inflating the gzip data", name_);
    else if (rc != Z_OK && !(rc == Z_BUF_ERROR && zs_->avail_in == 0))
      throw Error::input(std::string("not valid gzip data: ") + (zs_->msg != nullptr ? zs_->msg : "inflate failed"),
                         name_);
    size_t produced = out_.size() - zs_->avail_out;
    if (produced > 0) {
      setg(out_.data(), out_.data(), out_.data() + produced);
      return traits_type::to_int_type(out_[0]);
    }
  }
}

}  // namespace attnmap::batch
