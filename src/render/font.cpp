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

TextExtent FontSet::measure(std::string_view text, double pixel_size) {
  TextExtent e;
  Face* primary = faces_.front().get();
  set_size(primary, pixel_size);
  e.ascent = primary->face->size->metrics.ascender / 64.0;
  e.descent = -primary->face->size->metrics.descender / 64.0;
  for (char32_t c : utf8::decode(text, "label")) {
    Face* f = face_for(c);
    set_size(f, pixel_size);
    if (FT_Load_Char(f->face, c, FT_LOAD_DEFAULT) != 0) continue;
    double advance = f->face->glyph->advance.x / 64.0;
    if (!FT_IS_SCALABLE(f->face) && f->face->size->metrics.y_ppem > 0)
      advance *= pixel_size / f->face->size->metrics.y_ppem;
    e.width += advance;
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
  const MaskSize size = mask_size(text, pixel_size);
  AlphaMask mask;
  mask.width = size.width;
  mask.height = size.height;
  const int baseline = size.baseline;
  mask.alpha.assign(static_cast<size_t>(mask.width) * mask.height, 0);
  double pen = 0;
  for (char32_t c : utf8::decode(text, "label")) {
    Face* f = face_for(c);
    set_size(f, pixel_size);
    if (FT_Load_Char(f->face, c, FT_LOAD_RENDER | FT_LOAD_TARGET_LIGHT) != 0) continue;
    const FT_GlyphSlot g = f->face->glyph;
    const FT_Bitmap& bm = g->bitmap;
    int left = static_cast<int>(std::lround(pen)) + g->bitmap_left;
    int top = baseline - g->bitmap_top;
    if (bm.pixel_mode == FT_PIXEL_MODE_GRAY) {
      for (unsigned row = 0; row < bm.rows; ++row) {
        for (unsigned col = 0; col < bm.width; ++col) {
          int x = left + static_cast<int>(col), y = top + static_cast<int>(row);
          if (x < 0 || y < 0 || x >= mask.width || y >= mask.height) continue;
          uint8_t& dst = mask.alpha[static_cast<size_t>(y) * mask.width + x];
          dst = std::max(dst, bm.buffer[row * bm.pitch + col]);
        }
      }
    }
    pen += g->advance.x / 64.0;
  }
  return mask;
}

}  // namespace attnmap::render
