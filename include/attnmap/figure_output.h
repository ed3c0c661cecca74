#pragma once
// Writing figures: the format chosen by the output's extension, the bytes encoded as PNG (pixels,
// metadata in iTXt chunks) or SVG (cells as rectangles, curves as polylines, text as text, metadata
// in <title>, <desc> and <metadata>) from one layout, and written atomically. Same figure and style, same bytes.
#include <filesystem>
#include <string>

#include "attnmap/curves.h"
#include "attnmap/figure.h"
#include "attnmap/panels.h"
#include "attnmap/png.h"
#include "attnmap/strip.h"

namespace attnmap {

enum class ImageFormat { kPng, kSvg };

// ".png" -> kPng, ".svg" -> kSvg (either case); "-" (standard output) -> `for_stdout`. Any other
// name throws Error::usage naming the path and the supported extensions, e.g.
// "cannot write 'x.jpg': name the output *.png or *.svg". Call it before the slow work.
ImageFormat image_format_for(const std::filesystem::path& path, ImageFormat for_stdout = ImageFormat::kPng);

// The PNG text chunks for a figure (see FigureMetadata): Software, Title, Description, attnmap:*.
PngText png_metadata(const FigureMetadata& metadata, const std::string& title);

// The encoded figure. Errors: those of layout_* (Error::usage / Error::input) and fonts (Error::io).
std::string encode_figure(const HeatmapFigure& figure, const FigureStyle& style, ImageFormat format);
std::string encode_figure(const PanelFigure& figure, const FigureStyle& style, ImageFormat format);
std::string encode_figure(const StripFigure& figure, const FigureStyle& style, ImageFormat format);
std::string encode_figure(const CurveFigure& figure, const FigureStyle& style, ImageFormat format);

// Encodes in the format image_format_for(path, for_stdout) picks and writes it with
// write_file_atomic ("-": standard output). Returns the format written.
ImageFormat write_figure(const std::filesystem::path& path, const HeatmapFigure& figure, const FigureStyle& style,
                         ImageFormat for_stdout = ImageFormat::kPng);
ImageFormat write_figure(const std::filesystem::path& path, const PanelFigure& figure, const FigureStyle& style,
                         ImageFormat for_stdout = ImageFormat::kPng);
ImageFormat write_figure(const std::filesystem::path& path, const StripFigure& figure, const FigureStyle& style,
                         ImageFormat for_stdout = ImageFormat::kPng);
ImageFormat write_figure(const std::filesystem::path& path, const CurveFigure& figure, const FigureStyle& style,
                         ImageFormat for_stdout = ImageFormat::kPng);

}  // namespace attnmap
