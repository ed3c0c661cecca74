#pragma once
// Each figure kind laid out as a Scene, for the backends (raster.h, svg.h) to draw. The public
// layout_* and render_* functions and figure_output.h are thin wrappers over these.
#include "attnmap/figure.h"
#include "attnmap/panels.h"
#include "attnmap/strip.h"
#include "render/font.h"
#include "render/scene.h"

namespace attnmap::render {

// Each validates its figure and style first (Error::usage / Error::input) and fills `layout`
// when it is not null.
Scene heatmap_scene(const HeatmapFigure& figure, const FigureStyle& style, FontSet& fonts, HeatmapLayout* layout);
Scene panels_scene(const PanelFigure& figure, const FigureStyle& style, FontSet& fonts, PanelLayout* layout);
Scene strip_scene(const StripFigure& figure, const FigureStyle& style, FontSet& fonts, StripLayout* layout);

}  // namespace attnmap::render
