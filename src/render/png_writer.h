#pragma once
// The PNG encoder's knobs, internal: encode_png (png.h) uses kFigurePngSettings; the PNG benchmark
// (bench/png_bench.cpp) measures the others on real figures to justify that choice.
#include <string>

#include "attnmap/png.h"

namespace attnmap::render {

// PNG row filters (the byte transform applied before deflate). kAdaptive lets libpng pick one of
// the five per row by the smallest sum of absolute differences.
enum class PngFilter { kNone, kSub, kUp, kAverage, kPaeth, kAdaptive };
// zlib's deflate strategies: kFiltered favours literals over short matches (meant for filtered
// data); kRle looks only for runs of the previous byte (match distance 1).
enum class PngStrategy { kDefault, kFiltered, kRle };

// The defaults are libpng's own.
struct PngSettings {
  int level = 6;  // zlib level, 0 (stored) to 9
  PngFilter filter = PngFilter::kAdaptive;
  PngStrategy strategy = PngStrategy::kDefault;
};

// What encode_png(image, text) uses; png_writer.cpp says why.
extern const PngSettings kFigurePngSettings;

// encode_png (png.h) with the given settings; the pixels decoded are the same whatever they are.
std::string encode_png(const Image& image, const PngText& text, const PngSettings& settings);

}  // namespace attnmap::render
