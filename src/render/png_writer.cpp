#include "render/png_writer.h"

#include <png.h>
#include <zlib.h>

#include <csetjmp>

#include "attnmap/error.h"

namespace attnmap {
namespace render {

// Figures are cells many pixels tall, so most rows repeat the row above: the "up" filter turns
// them into zeros, which deflate packs to almost nothing, and saves libpng's per-row trial of all
// five filters. Measured with attnmap_png_bench on real figures (one sentence, the layers x heads
// grid, 512 tokens) against libpng's default (level 6, adaptive): "up" at level 6 gives 0.93-1.04x
// the size in 0.4-0.6x the time; at level 3, 1.16-1.57x the size (74 KB, 112 KB, 307 KB) in
// 0.2-0.35x the time. Encoding is the largest part of drawing a big figure, and these sizes do
// not matter where figures go, so speed wins: level 3.
const PngSettings kFigurePngSettings{3, PngFilter::kUp, PngStrategy::kDefault};

namespace {

void append_to_string(png_structp png, png_bytep data, png_size_t length) {
  auto* out = static_cast<std::string*>(png_get_io_ptr(png));
  out->append(reinterpret_cast<const char*>(data), length);
}

void flush_nothing(png_structp) {}

// libpng reports errors through longjmp; its message is kept for the Error we throw.
void on_error(png_structp png, png_const_charp message) {
  auto* text = static_cast<std::string*>(png_get_error_ptr(png));
  *text = message;
  png_longjmp(png, 1);
}

void on_warning(png_structp, png_const_charp) {}

// Everything libpng may longjmp across lives in this function, and none of it has a destructor:
// the buffers belong to the caller.
struct PngJob {
  const Image* image;
  std::string* out;
  std::string* error;
  uint8_t* row;  // image->width * 3 bytes
  png_text* chunks;
  int chunk_count;
  int level, filters, strategy;  // zlib level, libpng PNG_FILTER_* flags, zlib Z_* strategy
};

int filter_flags(PngFilter filter) {
  switch (filter) {
    case PngFilter::kNone: return PNG_FILTER_NONE;
    case PngFilter::kSub: return PNG_FILTER_SUB;
    case PngFilter::kUp: return PNG_FILTER_UP;
    case PngFilter::kAverage: return PNG_FILTER_AVG;
    case PngFilter::kPaeth: return PNG_FILTER_PAETH;
    case PngFilter::kAdaptive: break;
  }
  return PNG_ALL_FILTERS;
}

int zlib_strategy(PngStrategy strategy) {
  switch (strategy) {
    case PngStrategy::kFiltered: return Z_FILTERED;
    case PngStrategy::kRle: return Z_RLE;
    case PngStrategy::kDefault: break;
  }
  return Z_DEFAULT_STRATEGY;
}

bool write_png(const PngJob& job) {
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, job.error, on_error, on_warning);
  if (png == nullptr) return false;
  png_infop info = png_create_info_struct(png);
  if (info == nullptr || setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, &info);
    return false;
  }
  const Image& image = *job.image;
  png_set_write_fn(png, job.out, append_to_string, flush_nothing);
  png_set_compression_level(png, job.level);
  png_set_compression_strategy(png, job.strategy);
  png_set_filter(png, PNG_FILTER_TYPE_BASE, job.filters);
  png_set_IHDR(png, info, static_cast<png_uint_32>(image.width), static_cast<png_uint_32>(image.height), 8,
               PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  if (job.chunk_count > 0) png_set_text(png, info, job.chunks, job.chunk_count);
  png_write_info(png, info);
  for (int y = 0; y < image.height; ++y) {
    const uint8_t* src = &image.pixels[static_cast<size_t>(y) * image.width * 4];
    for (int x = 0; x < image.width; ++x) {
      job.row[x * 3] = src[x * 4];
      job.row[x * 3 + 1] = src[x * 4 + 1];
      job.row[x * 3 + 2] = src[x * 4 + 2];
    }
    png_write_row(png, job.row);
  }
  png_write_end(png, info);
  png_destroy_write_struct(&png, &info);
  return true;
}

}  // namespace

std::string encode_png(const Image& image, const PngText& text, const PngSettings& settings) {
  std::string out, error;
  std::vector<uint8_t> row(static_cast<size_t>(image.width) * 3);
  std::vector<png_text> chunks(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    chunks[i].compression = PNG_ITXT_COMPRESSION_NONE;  // iTXt: values are UTF-8
    chunks[i].key = const_cast<char*>(text[i].first.c_str());
    chunks[i].text = const_cast<char*>(text[i].second.c_str());
  }
  PngJob job{&image, &out, &error, row.data(), chunks.data(), static_cast<int>(chunks.size()),
             settings.level, filter_flags(settings.filter), zlib_strategy(settings.strategy)};
  if (!write_png(job)) throw Error::io("PNG encoding failed: " + (error.empty() ? "out of memory" : error));
  return out;
}

}  // namespace render

std::string encode_png(const Image& image, const PngText& text) {
  return render::encode_png(image, text, render::kFigurePngSettings);
}

}  // namespace attnmap
