#include "attnmap/npy.h"

#include <cstdint>
#include <cstring>

#include "attnmap/error.h"

namespace attnmap {

std::string encode_npy(const std::vector<float>& values, const std::vector<size_t>& shape) {
  size_t count = 1;
  std::string dims;
  for (size_t d : shape) {
    count *= d;
    dims += std::to_string(d) + ", ";
  }
  if (count != values.size())
    throw Error::usage("npy shape holds " + std::to_string(count) + " values, not " + std::to_string(values.size()));
  if (shape.size() > 1) dims.erase(dims.size() - 2);  // "(3,)" for one dimension, "(2, 3)" otherwise
  else if (!shape.empty()) dims.pop_back();
  std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims + "), }";
  // Magic (6) + version (2) + length (2) + header + '\n' is padded to a multiple of 64 bytes.
  const size_t unpadded = 10 + header.size() + 1;
  header.append((64 - unpadded % 64) % 64, ' ');
  header.push_back('\n');
  std::string out("\x93NUMPY\x01\x00", 8);
  const auto length = static_cast<uint16_t>(header.size());
  out.push_back(static_cast<char>(length & 0xff));
  out.push_back(static_cast<char>(length >> 8));
  out += header;
  const size_t start = out.size();
  out.resize(start + values.size() * sizeof(float));
  // float32 little-endian: this is every platform libtorch runs on.
  static_assert(sizeof(float) == 4, "float32 expected");
  if (!values.empty()) std::memcpy(out.data() + start, values.data(), values.size() * sizeof(float));
  return out;
}

}  // namespace attnmap
