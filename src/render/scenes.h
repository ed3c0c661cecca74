#pragma once
// Each figure kind laid out as a Scene, for the backends (raster.h, svg.h) to draw. The public
// layout_* and render_* functions and figure_output.h are thin wrappers over these.
#include "attnmap/curves.h"
#include "attnmap/figure.h"
#include "attnmap/image.h"
#include "attnmap/panels.h"
#include "attnmap/strip.h"
#include "render/font.h"
#include "render/raster.h"
#include "render/scene.h"

namespace attnmap::render {

// Each validates its figure and style first (Error::usage / Error::input) and fills `layout`
// when it is not null.
Scene heatmap_scene(const HeatmapFigure& figure, const FigureStyle& style, FontSet& fonts, HeatmapLayout* layout);
Scene panels_scene(const PanelFigure& figure, const FigureStyle& style, FontSet& fonts, PanelLayout* layout);
Scene strip_scene(const StripFigure& figure, const FigureStyle& style, FontSet& fonts, StripLayout* layout);
Scene curves_scene(const CurveFigure& figure, const FigureStyle& style, FontSet& fonts, CurveLayout* layout);

// The public layout_* and render_* functions of every kind, over the kind's *_scene function: fonts
// loaded for the one figure (figure_output.cpp keeps them per thread instead), then the layout or
// the pixels.
template <typename Figure, typename Layout>
using SceneFunction = Scene (*)(const Figure&, const FigureStyle&, FontSet&, Layout*);

template <typename Figure, typename Layout>
Layout layout_of(SceneFunction<Figure, Layout> scene, const Figure& figure, const FigureStyle& style) {
  FontSet fonts(style.font_path);
  Layout layout;
  scene(figure, style, fonts, &layout);
  return layout;
}

template <typename Figure, typename Layout>
Image image_of(SceneFunction<Figure, Layout> scene, const Figure& figure, const FigureStyle& style) {
  FontSet fonts(style.font_path);
  return rasterize(scene(figure, style, fonts, nullptr), fonts);
}

}  // namespace attnmap::render
