#include "attnmap/figure_output.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <memory>

#include "attnmap/error.h"
#include "attnmap/files.h"
#include "attnmap/version.h"
#include "render/raster.h"
#include "render/scenes.h"
#include "render/svg.h"

namespace attnmap {
namespace {

// Fonts stay loaded, with their caches of measured and drawn labels, for the next figure the
// thread draws (batch mode draws thousands). One set per thread: FreeType faces are not shared.
render::FontSet& fonts_for(const std::string& font_path) {
  thread_local std::map<std::string, std::unique_ptr<render::FontSet>> loaded;
  auto it = loaded.find(font_path);
  if (it == loaded.end()) it = loaded.emplace(font_path, std::make_unique<render::FontSet>(font_path)).first;
  return *it->second;
}

// Lays the figure out once and hands the scene to the backend `format` names.
template <typename Figure, typename Build>
std::string encode(const Figure& figure, const FigureStyle& style, ImageFormat format, Build build) {
  render::FontSet& fonts = fonts_for(style.font_path);
  const render::Scene scene = build(figure, style, fonts);
  if (format == ImageFormat::kSvg)
    return render::svg_document(scene, fonts.family_name(), figure.title, figure.metadata);
  return encode_png(render::rasterize(scene, fonts), png_metadata(figure.metadata, figure.title));
}

template <typename Figure>
ImageFormat write(const std::filesystem::path& path, const Figure& figure, const FigureStyle& style,
                  ImageFormat for_stdout) {
  const ImageFormat format = image_format_for(path, for_stdout);
  write_file_atomic(path, encode_figure(figure, style, format));
  return format;
}

}  // namespace

ImageFormat image_format_for(const std::filesystem::path& path, ImageFormat for_stdout) {
  if (path == "-") return for_stdout;
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (ext == ".png") return ImageFormat::kPng;
  if (ext == ".svg") return ImageFormat::kSvg;
  throw Error::usage("cannot write '" + path.filename().string() + "': name the output *.png or *.svg", path.string());
}

PngText png_metadata(const FigureMetadata& m, const std::string& title) {
  PngText text = {{"Software", std::string("attnmap ") + kVersion}};
  const std::pair<const char*, const std::string*> fields[] = {
      {"Title", &title},         {"Description", &m.text}, {"attnmap:model", &m.model},
      {"attnmap:view", &m.view}, {"attnmap:layer", &m.layer}, {"attnmap:head", &m.head}};
  for (const auto& [key, value] : fields)
    if (!value->empty()) text.emplace_back(key, *value);
  return text;
}

std::string encode_figure(const HeatmapFigure& figure, const FigureStyle& style, ImageFormat format) {
  return encode(figure, style, format, [](const HeatmapFigure& f, const FigureStyle& s, render::FontSet& fonts) {
    return render::heatmap_scene(f, s, fonts, nullptr);
  });
}

std::string encode_figure(const PanelFigure& figure, const FigureStyle& style, ImageFormat format) {
  return encode(figure, style, format, [](const PanelFigure& f, const FigureStyle& s, render::FontSet& fonts) {
    return render::panels_scene(f, s, fonts, nullptr);
  });
}

std::string encode_figure(const StripFigure& figure, const FigureStyle& style, ImageFormat format) {
  return encode(figure, style, format, [](const StripFigure& f, const FigureStyle& s, render::FontSet& fonts) {
    return render::strip_scene(f, s, fonts, nullptr);
  });
}

std::string encode_figure(const CurveFigure& figure, const FigureStyle& style, ImageFormat format) {
  return encode(figure, style, format, [](const CurveFigure& f, const FigureStyle& s, render::FontSet& fonts) {
    return render::curves_scene(f, s, fonts, nullptr);
  });
}

ImageFormat write_figure(const std::filesystem::path& path, const HeatmapFigure& figure, const FigureStyle& style,
                         ImageFormat for_stdout) {
  return write(path, figure, style, for_stdout);
}

ImageFormat write_figure(const std::filesystem::path& path, const PanelFigure& figure, const FigureStyle& style,
                         ImageFormat for_stdout) {
  return write(path, figure, style, for_stdout);
}

ImageFormat write_figure(const std::filesystem::path& path, const StripFigure& figure, const FigureStyle& style,
                         ImageFormat for_stdout) {
  return write(path, figure, style, for_stdout);
}

ImageFormat write_figure(const std::filesystem::path& path, const CurveFigure& figure, const FigureStyle& style,
                         ImageFormat for_stdout) {
  return write(path, figure, style, for_stdout);
}

}  // namespace attnmap
