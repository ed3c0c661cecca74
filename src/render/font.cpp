#include "render/font.h"

#include <fontconfig/fontconfig.h>
#include <ft2build.h>
#include FT_FREETYPE_H

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <system_error>

#include "attnmap/error.h"
#include "core/utf8.h"

namespace attnmap::render {

struct FontSet::Library {
  FT_Library ft = nullptr;
  ~Library() {
    if (ft != nullptr) FT_Done_FreeType(ft);
  }
};

struct FontSet::Face {
  FT_Face face = nullptr;
  std::string path;
  double size = -1;
  ~Face() {
    if (face != nullptr) FT_Done_Face(face);
  }
};

namespace {

// Asks fontconfig for the best match of a pattern, optionally one that covers `c`.
// Loaded once per process: reading the font configuration and caches costs milliseconds.
FcConfig* fontconfig() {
  static FcConfig* config = FcInitLoadConfigAndFonts();
  return config;
}

std::string fontconfig_match(const std::string& family, char32_t c) {
  FcConfig* config = fontconfig();
  if (config == nullptr) return {};
  FcPattern* pattern = FcNameParse(reinterpret_cast<const FcChar8*>(family.c_str()));
  if (c != 0) {
    FcCharSet* set = FcCharSetCreate();
    FcCharSetAddChar(set, c);
    FcPatternAddCharSet(pattern, FC_CHARSET, set);
    FcCharSetDestroy(set);
  }
  FcConfigSubstitute(config, pattern, FcMatchPattern);
  FcDefaultSubstitute(pattern);
  FcResult result;
  FcPattern* match = FcFontMatch(config, pattern, &result);
  std::string path;
  FcChar8* file = nullptr;
  if (match != nullptr && FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch)
    path = reinterpret_cast<const char*>(file);
  if (match != nullptr) FcPatternDestroy(match);
  FcPatternDestroy(pattern);
  return path;
}

// Bitmap-only faces (colour emoji) have one size, drawn scaled to the one asked for.
double glyph_scale(FT_Face face, double pixel_size) {
  if (FT_IS_SCALABLE(face) || face->size->metrics.y_ppem == 0) return 1.0;
  return pixel_size / face->size->metrics.y_ppem;
}

// Coverage of a glyph bitmap's pixel: grey as it is, 1-bit as 0 or 255. Colour (premultiplied
// BGRA) becomes its alpha, lighter where the colour is light, so that an emoji drawn in one ink
// keeps its inner lines.
uint8_t coverage_at(const FT_Bitmap& bm, unsigned row, unsigned col) {
  const uint8_t* line = bm.buffer + static_cast<ptrdiff_t>(row) * bm.pitch;
  switch (bm.pixel_mode) {
    case FT_PIXEL_MODE_GRAY: return line[col];
    case FT_PIXEL_MODE_MONO: return (line[col / 8] & (0x80 >> (col % 8))) != 0 ? 255 : 0;
    case FT_PIXEL_MODE_BGRA: {
      const uint8_t* p = line + col * 4;
      if (p[3] == 0) return 0;
      const double luma = (0.0722 * p[0] + 0.7152 * p[1] + 0.2126 * p[2]) / p[3];  // un-premultiplied, 0..1
      return static_cast<uint8_t>(std::lround(p[3] * (0.35 + 0.65 * (1.0 - std::min(luma, 1.0)))));
    }
    default: return 0;
  }
}

// Draws a glyph bitmap into `mask` with its top-left corner at (left, top), scaled by `scale`
// (a box filter when shrinking); overlapping glyphs keep the larger coverage.
void blit(AlphaMask& mask, const FT_Bitmap& bm, double left, double top, double scale) {
  if (bm.width == 0 || bm.rows == 0) return;
  const int x0 = static_cast<int>(std::floor(left)), y0 = static_cast<int>(std::floor(top));
  const int x1 = static_cast<int>(std::ceil(left + bm.width * scale)), y1 = static_cast<int>(std::ceil(top + bm.rows * scale));
  for (int y = std::max(y0, 0); y < std::min(y1, mask.height); ++y) {
    const unsigned r0 = static_cast<unsigned>(std::max(0.0, std::floor((y - top) / scale)));
    const unsigned r1 = std::min(bm.rows, static_cast<unsigned>(std::max(r0 + 1.0, std::ceil((y + 1 - top) / scale))));
    for (int x = std::max(x0, 0); x < std::min(x1, mask.width); ++x) {
      const unsigned c0 = static_cast<unsigned>(std::max(0.0, std::floor((x - left) / scale)));
      const unsigned c1 = std::min(bm.width, static_cast<unsigned>(std::max(c0 + 1.0, std::ceil((x + 1 - left) / scale))));
      unsigned sum = 0, n = 0;
      for (unsigned r = r0; r < r1; ++r)
        for (unsigned c = c0; c < c1; ++c, ++n) sum += coverage_at(bm, r, c);
      if (n == 0) continue;
      uint8_t& dst = mask.alpha[static_cast<size_t>(y) * mask.width + x];
      dst = std::max(dst, static_cast<uint8_t>((sum + n / 2) / n));
    }
  }
}

}  // namespace

std::string find_font_file(const std::string& pattern) { return fontconfig_match(pattern, 0); }

FontSet::FontSet(const std::string& font_path) : library_(std::make_unique<Library>()) {
  if (FT_Init_FreeType(&library_->ft) != 0) throw Error::io("cannot initialise FreeType");
  primary_path_ = font_path.empty() ? find_font_file("DejaVu Sans") : font_path;
  if (primary_path_.empty()) throw Error::io("no font found (install fonts-dejavu-core or pass --font)", "DejaVu Sans");
  std::error_code ec;
  if (!std::filesystem::is_regular_file(primary_path_, ec)) throw Error::io("font file not found", primary_path_);
  if (load_face(primary_path_) == nullptr)
    throw Error::io("cannot load font: not a font file FreeType can read", primary_path_);
}

FontSet::~FontSet() {
  faces_.clear();  // faces must go before the library
}

FontSet::Face* FontSet::load_face(const std::string& path) {
  FT_Face face = nullptr;
  if (FT_New_Face(library_->ft, path.c_str(), 0, &face) != 0) return nullptr;
  if (FT_Select_Charmap(face, FT_ENCODING_UNICODE) != 0 && face->num_fixed_sizes == 0) {
    FT_Done_Face(face);
    return nullptr;
  }
  faces_.push_back(std::make_unique<Face>());
  faces_.back()->face = face;
  faces_.back()->path = path;
  return faces_.back().get();
}

FontSet::Face* FontSet::face_for(char32_t c) {
  Face* primary = faces_.front().get();
  if (FT_Get_Char_Index(primary->face, c) != 0) return primary;
  auto cached = fallback_.find(c);
  if (cached != fallback_.end()) return cached->second;
  Face* chosen = primary;  // its .notdef box is the last resort
  std::string path = fontconfig_match("sans-serif", c);
  for (const auto& f : faces_)
    if (FT_Get_Char_Index(f->face, c) != 0) chosen = f.get();
  if (chosen == primary && !path.empty()) {
    Face* loaded = load_face(path);
    if (loaded != nullptr && FT_Get_Char_Index(loaded->face, c) != 0) chosen = loaded;
  }
  fallback_[c] = chosen;
  return chosen;
}

void FontSet::set_size(Face* face, double pixel_size) {
  if (face->size == pixel_size) return;
  if (FT_IS_SCALABLE(face->face)) {
    FT_Set_Char_Size(face->face, 0, static_cast<FT_F26Dot6>(std::lround(pixel_size * 64)), 72, 72);
  } else if (face->face->num_fixed_sizes > 0) {
    FT_Select_Size(face->face, 0);  // bitmap-only fonts (colour emoji): the one size they have
  }
  face->size = pixel_size;
}

std::string FontSet::cache_key(std::string_view text, double pixel_size) {
  std::string key(reinterpret_cast<const char*>(&pixel_size), sizeof pixel_size);
  key.append(text);
  return key;
}

TextExtent FontSet::measure(std::string_view text, double pixel_size) {
  std::string key = cache_key(text, pixel_size);
  if (auto it = extents_.find(key); it != extents_.end()) return it->second;
  if (extents_.size() >= kCacheEntries) extents_.clear();
  return extents_[key] = measure_uncached(text, pixel_size);
}

TextExtent FontSet::measure_uncached(std::string_view text, double pixel_size) {
  TextExtent e;
  Face* primary = faces_.front().get();
  set_size(primary, pixel_size);
  e.ascent = primary->face->size->metrics.ascender / 64.0;
  e.descent = -primary->face->size->metrics.descender / 64.0;
  for (char32_t c : utf8::decode(text, "label")) {
    Face* f = face_for(c);
    set_size(f, pixel_size);
    if (FT_Load_Char(f->face, c, FT_LOAD_DEFAULT) != 0) continue;
    e.width += f->face->glyph->advance.x / 64.0 * glyph_scale(f->face, pixel_size);
  }
  return e;
}

MaskSize FontSet::size_of(const TextExtent& e) const {
  MaskSize m;
  m.width = std::max(1, static_cast<int>(std::ceil(e.width)) + 1);
  m.baseline = static_cast<int>(std::ceil(e.ascent));
  m.height = std::max(1, m.baseline + static_cast<int>(std::ceil(e.descent)));
  return m;
}

MaskSize FontSet::mask_size(std::string_view text, double pixel_size) { return size_of(measure(text, pixel_size)); }

std::string FontSet::family_name() const {
  const char* name = faces_.front()->face->family_name;
  return name != nullptr ? name : "sans-serif";
}

std::string FontSet::path_for(char32_t c) { return face_for(c)->path; }

AlphaMask FontSet::render(std::string_view text, double pixel_size) {
  std::string key = cache_key(text, pixel_size);
  if (auto it = masks_.find(key); it != masks_.end()) return it->second;
  if (masks_.size() >= kCacheEntries) masks_.clear();
  return masks_[key] = render_uncached(text, pixel_size);
}

AlphaMask FontSet::render_uncached(std::string_view text, double pixel_size) {
  const MaskSize size = mask_size(text, pixel_size);
  AlphaMask mask;
  mask.width = size.width;
  mask.height = size.height;
  mask.alpha.assign(static_cast<size_t>(mask.width) * mask.height, 0);
  double pen = 0;
  for (char32_t c : utf8::decode(text, "label")) {
    Face* f = face_for(c);
    set_size(f, pixel_size);
    const bool scalable = FT_IS_SCALABLE(f->face);
    const FT_Int32 flags = FT_LOAD_RENDER | (scalable ? FT_LOAD_TARGET_LIGHT : FT_LOAD_COLOR);
    if (FT_Load_Char(f->face, c, flags) != 0) continue;
    const FT_GlyphSlot g = f->face->glyph;
    const double scale = glyph_scale(f->face, pixel_size);
    blit(mask, g->bitmap, std::round(pen) + g->bitmap_left * scale, size.baseline - g->bitmap_top * scale, scale);
    pen += g->advance.x / 64.0 * scale;
  }
  return mask;
}

}  // namespace attnmap::render
