#include "unit/png_decode.h"

#include "core/base64.h"

#include <png.h>

#include <cstdint>
#include <cstring>
#include <stdexcept>

namespace attnmap::testing {
namespace {

struct Reader {
  const std::string* bytes;
  size_t pos;
};

void read_from(png_structp png, png_bytep out, png_size_t n) {
  auto* r = static_cast<Reader*>(png_get_io_ptr(png));
  if (r->pos + n > r->bytes->size()) png_error(png, "truncated PNG");
  std::memcpy(out, r->bytes->data() + r->pos, n);
  r->pos += n;
}

// Pure C-style body: libpng longjmps out of it on error.
bool decode_into(Reader* reader, Image* image, std::vector<std::pair<std::string, std::string>>* text) {
  png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  png_infop info = png_create_info_struct(png);
  if (setjmp(png_jmpbuf(png))) {
    png_destroy_read_struct(&png, &info, nullptr);
    return false;
  }
  png_set_read_fn(png, reader, read_from);
  png_read_info(png, info);
  png_set_expand(png);
  png_set_strip_16(png);
  png_set_gray_to_rgb(png);
  png_set_add_alpha(png, 0xFF, PNG_FILLER_AFTER);
  png_read_update_info(png, info);
  image->width = static_cast<int>(png_get_image_width(png, info));
  image->height = static_cast<int>(png_get_image_height(png, info));
  image->pixels.assign(static_cast<size_t>(image->width) * image->height * 4, 0);
  for (int y = 0; y < image->height; ++y) png_read_row(png, &image->pixels[static_cast<size_t>(y) * image->width * 4], nullptr);
  png_read_end(png, info);
  png_textp chunks = nullptr;
  int count = png_get_text(png, info, &chunks, nullptr);
  for (int i = 0; i < count; ++i) text->emplace_back(chunks[i].key, chunks[i].text);
  png_destroy_read_struct(&png, &info, nullptr);
  return true;
}

}  // namespace

DecodedPng decode_png_data_uri(const std::string& uri) {
  const std::string prefix = "data:image/png;base64,";
  if (uri.compare(0, prefix.size(), prefix) != 0) throw std::runtime_error("not a PNG data URI");
  return decode_png(base64_decode(uri.substr(prefix.size()), "the data URI"));
}

DecodedPng decode_png(const std::string& bytes) {
  DecodedPng out;
  Reader reader{&bytes, 0};
  if (!decode_into(&reader, &out.image, &out.text)) throw std::runtime_error("invalid PNG");
  return out;
}

}  // namespace attnmap::testing
