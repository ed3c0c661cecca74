#pragma once
// Text rendering with FreeType. A FontSet has a primary face (DejaVu Sans found through
// fontconfig, or a file the user names) and falls back, per character, to a font fontconfig
// finds for a character the primary face lacks (CJK, emoji).
//
// A FontSet caches faces and is not thread-safe: use one per thread.
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "render/canvas.h"

namespace attnmap::render {

struct TextExtent {
  double width = 0;    // advance width in pixels
  double ascent = 0;   // above the baseline
  double descent = 0;  // below the baseline, positive
};

class FontSet {
 public:
  // `font_path` empty: DejaVu Sans through fontconfig. Throws Error::io when no font can be
  // loaded (naming the path or the fontconfig pattern).
  explicit FontSet(const std::string& font_path = {});
  ~FontSet();
  FontSet(const FontSet&) = delete;
  FontSet& operator=(const FontSet&) = delete;

  // `text` must be valid UTF-8.
  TextExtent measure(std::string_view text, double pixel_size);
  // Renders `text` on one line; the mask is ceil(width) × ceil(ascent + descent) pixels with the
  // baseline at ceil(ascent).
  AlphaMask render(std::string_view text, double pixel_size);

  const std::string& primary_path() const { return primary_path_; }

 private:
  struct Face;
  Face* face_for(char32_t c);
  Face* load_face(const std::string& path);
  void set_size(Face* face, double pixel_size);

  struct Library;
  std::unique_ptr<Library> library_;
  std::vector<std::unique_ptr<Face>> faces_;  // faces_[0] is the primary face
  std::map<char32_t, Face*> fallback_;        // looked-up fallbacks, including misses (primary)
  std::string primary_path_;
};

// The file fontconfig picks for `pattern` (e.g. "DejaVu Sans"), or "" when none.
std::string find_font_file(const std::string& pattern);

}  // namespace attnmap::render
