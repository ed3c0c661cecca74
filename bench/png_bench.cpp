// PNG encoder settings on real figures: decodes each PNG given (figures attnmap wrote), re-encodes
// its pixels with every zlib level × row filter × deflate strategy below, and prints one line per
// setting: encode time (median of --repeat) and size, also relative to the settings encode_png
// uses now (kFigurePngSettings). The pixels are the same whatever the settings: PNG is lossless.
//
//   attnmap_png_bench [--repeat 5] one-shot.png grid.png long.png
//   file            level filter   strategy  ms      bytes    time×  size×
//   one-shot.png    6     adaptive default   21.3    91364    1.00   1.00   <- current
#include <png.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "attnmap/error.h"
#include "attnmap/files.h"
#include "render/png_writer.h"

namespace {

using attnmap::render::PngFilter;
using attnmap::render::PngSettings;
using attnmap::render::PngStrategy;

attnmap::Image decode(const std::string& path) {
  const std::string bytes = attnmap::read_file(path);
  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_memory(&image, bytes.data(), bytes.size()))
    throw attnmap::Error::input(std::string("not a PNG: ") + image.message, path);
  image.format = PNG_FORMAT_RGBA;
  attnmap::Image out(static_cast<int>(image.width), static_cast<int>(image.height), attnmap::Rgba{});
  if (!png_image_finish_read(&image, nullptr, out.pixels.data(), 0, nullptr))
    throw attnmap::Error::input(std::string("cannot decode: ") + image.message, path);
  return out;
}

const char* name(PngFilter f) {
  switch (f) {
    case PngFilter::kNone: return "none";
    case PngFilter::kSub: return "sub";
    case PngFilter::kUp: return "up";
    case PngFilter::kAverage: return "average";
    case PngFilter::kPaeth: return "paeth";
    case PngFilter::kAdaptive: break;
  }
  return "adaptive";
}

const char* name(PngStrategy s) {
  switch (s) {
    case PngStrategy::kFiltered: return "filtered";
    case PngStrategy::kRle: return "rle";
    case PngStrategy::kDefault: break;
  }
  return "default";
}

struct Result {
  double seconds;
  size_t bytes;
};

Result measure(const attnmap::Image& image, const PngSettings& settings, int repeat) {
  size_t bytes = attnmap::render::encode_png(image, {}, settings).size();  // warm-up
  std::vector<double> seconds;
  for (int r = 0; r < repeat; ++r) {
    const auto start = std::chrono::steady_clock::now();
    bytes = attnmap::render::encode_png(image, {}, settings).size();
    seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(seconds.begin(), seconds.end());
  return {seconds[seconds.size() / 2], bytes};
}

// The settings compared: each row filter with the default and RLE strategies at levels 1, 3, 6
// and 9, and the "up" filter (best for figures, whose cells repeat rows) at every level. The
// "average" filter and the "filtered" strategy are left out: never better on figures.
std::vector<PngSettings> candidates() {
  std::vector<PngSettings> all;
  for (PngFilter f : {PngFilter::kAdaptive, PngFilter::kNone, PngFilter::kSub, PngFilter::kUp, PngFilter::kPaeth})
    for (PngStrategy s : {PngStrategy::kDefault, PngStrategy::kRle})
      for (int level = 1; level <= 9; ++level)
        if (level == 1 || level == 3 || level == 6 || level == 9 || (f == PngFilter::kUp && s == PngStrategy::kDefault))
          all.push_back({level, f, s});
  return all;
}

}  // namespace

int main(int argc, char** argv) {
  int repeat = 5;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--repeat" && i + 1 < argc) repeat = std::max(1, std::atoi(argv[++i]));
    else files.push_back(arg);
  }
  if (files.empty()) {
    std::fprintf(stderr, "usage: attnmap_png_bench [--repeat N] FIGURE.png...\n");
    return 2;
  }
  try {
    std::printf("%-22s %5s %-8s %-9s %8s %9s %6s %6s\n", "file", "level", "filter", "strategy", "ms", "bytes",
                "time×", "size×");
    for (const auto& path : files) {
      const attnmap::Image image = decode(path);
      const Result current = measure(image, attnmap::render::kFigurePngSettings, repeat);
      const std::string base = path.substr(path.find_last_of('/') + 1);
      for (const PngSettings& s : candidates()) {
        const Result r = measure(image, s, repeat);
        std::printf("%-22s %5d %-8s %-9s %8.2f %9zu %6.2f %6.2f\n", base.c_str(), s.level, name(s.filter),
                    name(s.strategy), r.seconds * 1e3, r.bytes, r.seconds / current.seconds,
                    static_cast<double>(r.bytes) / static_cast<double>(current.bytes));
      }
      std::printf("%-22s %dx%d px; current settings: %.2f ms, %zu bytes\n", base.c_str(), image.width, image.height,
                  current.seconds * 1e3, current.bytes);
    }
  } catch (const attnmap::Error& e) {
    std::fprintf(stderr, "attnmap_png_bench: error: %s\n", e.message().c_str());
    return 3;
  }
  return 0;
}
