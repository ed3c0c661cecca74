#include <png.h>

#include <csetjmp>

#include "attnmap/error.h"
#include "attnmap/png.h"

namespace attnmap {
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
};

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
  // Figures are large flat areas and text: level 6 with adaptive filtering is within a few percent
  // of level 9's size at a fraction of its time.
  png_set_compression_level(png, 6);
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

std::string encode_png(const Image& image, const PngText& text) {
  std::string out, error;
  std::vector<uint8_t> row(static_cast<size_t>(image.width) * 3);
  std::vector<png_text> chunks(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    chunks[i].compression = PNG_ITXT_COMPRESSION_NONE;  // iTXt: values are UTF-8
    chunks[i].key = const_cast<char*>(text[i].first.c_str());
    chunks[i].text = const_cast<char*>(text[i].second.c_str());
  }
  PngJob job{&image, &out, &error, row.data(), chunks.data(), static_cast<int>(chunks.size())};
  if (!write_png(job)) throw Error::io("PNG encoding failed: " + (error.empty() ? "out of memory" : error));
  return out;
}

}  // namespace attnmap
