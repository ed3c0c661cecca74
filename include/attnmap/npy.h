#pragma once
// NumPy .npy files (format version 1.0): little-endian float32 arrays that numpy.load reads as
// they are, e.g. attentions (layers, heads, queries, keys).
#include <cstddef>
#include <string>
#include <vector>

namespace attnmap {

// The bytes of an .npy file holding `values` (row-major) with the given shape. Throws
// Error::usage when the shape's product is not values.size().
std::string encode_npy(const std::vector<float>& values, const std::vector<size_t>& shape);

}  // namespace attnmap
