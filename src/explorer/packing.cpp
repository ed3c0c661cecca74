#include "explorer/packing.h"

#include <zlib.h>

#include <algorithm>
#include <cmath>

#include "attnmap/error.h"
#include "core/base64.h"

namespace attnmap::explorer {
namespace {

std::string deflate_bytes(const std::string& bytes) {
  uLongf size = compressBound(static_cast<uLong>(bytes.size()));
  std::string out(size, '\0');
  // Level 6, zlib's default: level 9 is 2-3x slower here for a few percent.
  if (compress2(reinterpret_cast<Bytef*>(out.data()), &size, reinterpret_cast<const Bytef*>(bytes.data()),
                static_cast<uLong>(bytes.size()), 6) != Z_OK)
    throw Error::io("zlib could not compress the explorer's data");
  out.resize(size);
  return out;
}

std::string inflate_bytes(const std::string& bytes, size_t size) {
  std::string out(size, '\0');
  uLongf got = static_cast<uLongf>(size);
  if (uncompress(reinterpret_cast<Bytef*>(out.data()), &got, reinterpret_cast<const Bytef*>(bytes.data()),
                 static_cast<uLong>(bytes.size())) != Z_OK || got != size)
    throw Error::input("the explorer's data does not inflate");
  return out;
}

}  // namespace

size_t PackedMatrices::encoded_bytes() const {
  size_t n = 0;
  for (const std::string& b : blocks) n += b.size();
  return n;
}

PackedMatrices pack_matrices(const std::vector<float>& values, size_t entries, size_t matrices, size_t cells, int bits,
                             const std::string& what) {
  if (values.size() != entries * matrices * cells) throw Error::input("wrong number of values", what);
  PackedMatrices p;
  p.bits = bits;
  const double levels = bits == 16 ? 65535.0 : 255.0;
  std::vector<uint16_t> q(cells);
  for (size_t e = 0; e < entries; ++e) {
    std::string bytes;
    bytes.reserve(matrices * cells * (bits / 8));
    for (size_t m = 0; m < matrices; ++m) {
      const float* v = values.data() + (e * matrices + m) * cells;
      float lo = 0, hi = 0;
      for (size_t i = 0; i < cells; ++i) {
        if (!std::isfinite(v[i])) throw Error::input("a value is not finite (" + std::to_string(v[i]) + ")", what);
        lo = i == 0 ? v[i] : std::min(lo, v[i]);
        hi = i == 0 ? v[i] : std::max(hi, v[i]);
      }
      const double step = hi > lo ? (static_cast<double>(hi) - lo) / levels : 0.0;
      for (size_t i = 0; i < cells; ++i)
        q[i] = step > 0 ? static_cast<uint16_t>(std::lround((static_cast<double>(v[i]) - lo) / step)) : 0;
      if (bits == 16)
        for (const int shift : {8, 0})
          for (size_t i = 0; i < cells; ++i) bytes.push_back(static_cast<char>((q[i] >> shift) & 0xff));
      else
        for (size_t i = 0; i < cells; ++i) bytes.push_back(static_cast<char>(q[i]));
      p.lo.push_back(lo);
      p.hi.push_back(hi);
    }
    p.blocks.push_back(base64_encode(deflate_bytes(bytes)));
  }
  return p;
}

std::vector<float> unpack_block(const PackedMatrices& p, size_t entry, size_t matrices, size_t cells) {
  const size_t width = p.bits / 8;
  const std::string bytes = inflate_bytes(base64_decode(p.blocks.at(entry), "an explorer block"), matrices * cells * width);
  const double levels = p.bits == 16 ? 65535.0 : 255.0;
  std::vector<float> out(matrices * cells);
  for (size_t m = 0; m < matrices; ++m) {
    const unsigned char* b = reinterpret_cast<const unsigned char*>(bytes.data()) + m * cells * width;
    const double lo = p.lo.at(entry * matrices + m), hi = p.hi.at(entry * matrices + m);
    for (size_t i = 0; i < cells; ++i) {
      const unsigned q = width == 2 ? (b[i] << 8) | b[cells + i] : b[i];
      out[m * cells + i] = static_cast<float>(lo + q * (hi - lo) / levels);
    }
  }
  return out;
}

}  // namespace attnmap::explorer
