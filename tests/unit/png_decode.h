#pragma once
// Decodes a PNG back into pixels and text chunks, so tests can check what was written.
#include <string>
#include <utility>
#include <vector>

#include "attnmap/image.h"

namespace attnmap::testing {

struct DecodedPng {
  Image image;
  std::vector<std::pair<std::string, std::string>> text;
};

// Throws std::runtime_error when the bytes are not a valid PNG.
DecodedPng decode_png(const std::string& bytes);

// The PNG of a "data:image/png;base64,..." URI, as SVG figures embed large matrices. Throws
// std::runtime_error for another kind of URI, bad base64 or a bad PNG.
DecodedPng decode_png_data_uri(const std::string& uri);

}  // namespace attnmap::testing
