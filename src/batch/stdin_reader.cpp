#include "batch/stdin_reader.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "attnmap/error.h"

namespace attnmap::batch {

StdinReader::StdinReader() : buffer_(1 << 16) { setg(buffer_.data(), buffer_.data(), buffer_.data()); }

StdinReader::int_type StdinReader::underflow() {
  if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
  ssize_t got;
  do got = ::read(STDIN_FILENO, buffer_.data(), buffer_.size());
  while (got < 0 && errno == EINTR);
  if (got < 0) throw Error::io(std::string("cannot read standard input: ") + std::strerror(errno));
  if (got == 0) return traits_type::eof();
  setg(buffer_.data(), buffer_.data(), buffer_.data() + got);
  return traits_type::to_int_type(buffer_[0]);
}

}  // namespace attnmap::batch
