// Arbitrary bytes as a possibly gzip-compressed data set. Three properties: read through
// TransparentGunzip, the bytes either come out or an attnmap::Error says why (never a crash, a
// hang or another exception); the same bytes gzip-compressed, as one member or split in two at a
// point the first byte picks, come back exactly; and bytes that do not start with the gzip magic
// come back unchanged. Then the inflated text goes through the TSV reader.
#include <zlib.h>

#include <cstdint>
#include <sstream>
#include <string>

#include "batch/gunzip.h"
#include "batch/row_reader.h"
#include "fuzz_common.h"

namespace {

std::string gzip(const std::string& data) {
  z_stream zs{};
  ATTNMAP_FUZZ_CHECK(deflateInit2(&zs, 1, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) == Z_OK, "deflate starts");
  std::string out(deflateBound(&zs, data.size()) + 32, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  ATTNMAP_FUZZ_CHECK(deflate(&zs, Z_FINISH) == Z_STREAM_END, "deflate finishes");
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

std::string through_gunzip(const std::string& raw) {
  std::stringbuf source(raw);
  attnmap::batch::TransparentGunzip bytes(source, "fuzz input");
  std::string out;  // byte by byte, as RowReader reads it (stream operators would swallow errors)
  for (int c = bytes.sbumpc(); c != std::char_traits<char>::eof(); c = bytes.sbumpc()) out.push_back(static_cast<char>(c));
  return out;
}

bool gzip_magic(const std::string& s) {
  return s.size() >= 2 && static_cast<unsigned char>(s[0]) == 0x1f && static_cast<unsigned char>(s[1]) == 0x8b;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  attnmap::fuzz::only_errors_escape([&] {
    std::string out = through_gunzip(bytes);
    if (!gzip_magic(bytes)) ATTNMAP_FUZZ_CHECK(out == bytes, "bytes without the gzip magic pass through");
    std::istringstream text(out);
    attnmap::batch::RowReader reader(text, attnmap::batch::InputFormat::kTsv, {});
    attnmap::batch::Row row;
    while (reader.next(row)) {
    }
  });
  size_t split = bytes.empty() ? 0 : data[0] % (bytes.size() + 1);
  ATTNMAP_FUZZ_CHECK(through_gunzip(gzip(bytes)) == bytes, "one gzip member inflates to its input");
  ATTNMAP_FUZZ_CHECK(through_gunzip(gzip(bytes.substr(0, split)) + gzip(bytes.substr(split))) == bytes,
                     "two gzip members inflate to their inputs joined");
  return 0;
}
