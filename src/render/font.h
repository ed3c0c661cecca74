#pragma once
// Text rendering with FreeType. A FontSet has a primary face (DejaVu Sans found through
// fontconfig, or a file the user names) and falls back, per character, to a font fontconfig
// finds for a character the primary face lacks (CJK, emoji).
//
// A FontSet caches faces and is not thread-safe: use one per thread.
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <string_view>
#include <vector>

#include "render/canvas.h"

namespace attnmap::render {

// The size of the mask render() returns for a text: max(1, ceil(advance) + 1) wide,
// ceil(ascent) + ceil(descent) high, with the baseline `baseline` pixels below its top.
struct MaskSize {
  int width = 1, height = 1, baseline = 0;
};

struct TextExtent {
  double width = 0;    // advance width in pixels
  double ascent = 0;   // above the baseline
  double descent = 0;  // below the baseline, positive
};

class FontSet {
 public:
  // `font_path` empty: DejaVu Sans through fontconfig. Throws Error::io when no font can be
  // loaded, naming the path ("font file not found", "cannot load font: not a font FreeType
  // reads") or the fontconfig pattern.
  explicit FontSet(const std::string& font_path = {});
  ~FontSet();
  FontSet(const FontSet&) = delete;
  FontSet& operator=(const FontSet&) = delete;

  // `text` must be valid UTF-8. Results are cached: a figure draws the same labels many times
  // (every panel of a grid), and a batch run draws the same words in figure after figure.
  TextExtent measure(std::string_view text, double pixel_size);
  MaskSize mask_size(std::string_view text, double pixel_size);
  // Renders `text` on one line, in a mask of mask_size(text, pixel_size).
  AlphaMask render(std::string_view text, double pixel_size);

  const std::string& primary_path() const { return primary_path_; }
  // The primary face's family name ("DejaVu Sans"), for SVG's font-family.
  std::string family_name() const;
  // The file of the face that draws `c`: the primary font, or the fallback fontconfig found.
  std::string path_for(char32_t c);

 private:
  static constexpr size_t kCacheEntries = 8192;  // per cache; emptied when full
  static std::string cache_key(std::string_view text, double pixel_size);
  TextExtent measure_uncached(std::string_view text, double pixel_size);
  AlphaMask render_uncached(std::string_view text, double pixel_size);
  std::unordered_map<std::string, TextExtent> extents_;
  std::unordered_map<std::string, AlphaMask> masks_;

  struct Face;
  MaskSize size_of(const TextExtent& e) const;
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
