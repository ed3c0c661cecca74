#pragma once
// PNG encoding through libpng.
#include <string>
#include <utility>
#include <vector>

#include "attnmap/image.h"

namespace attnmap {

// Key/value pairs stored as PNG tEXt chunks (Latin-1 keys; values are written as UTF-8 iTXt).
using PngText = std::vector<std::pair<std::string, std::string>>;

// Encodes `image` as an 8-bit RGB PNG (the alpha channel is dropped: figures are opaque).
// The output depends only on the arguments. Throws Error::io if libpng fails.
std::string encode_png(const Image& image, const PngText& text = {});

}  // namespace attnmap
