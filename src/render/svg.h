#pragma once
// The vector backend: a Scene as a standalone SVG 1.1 document.
//
//   <svg width height viewBox font-family>   one pixel of the layout = one SVG user unit
//     <title> <desc> <metadata><attnmap:figure software model view layer head/></metadata>
//     <defs> one linearGradient per colour bar (65 stops, low end at the bottom) </defs>
//     background, then <g shape-rendering="crispEdges"> cells and other rectangles </g> (up to
//     65,536 cells each cell is a <rect>; beyond, each matrix is an embedded PNG with one pixel
//     per cell, stretched unsmoothed over its cells' area),
//     colour bars, then (only in scenes that have them)
//     <g fill="none" stroke-linecap="round" stroke-linejoin="round"> one <polyline> per line, with
//     its stroke, stroke-width and stroke-dasharray </g> and <g> one <circle> or closed <path> per
//     marker, its ring a stroke in the background's colour </g>,
//     then <g> text </g>: each line a <text>, turned ones through
//     transform="translate(cx cy) rotate(-angle)" about the centre of their box.
//
// Text stays text (selectable, editable, any token escaped by xml_escape); it is positioned with
// the metrics of the font the layout was measured with, named in font-family with sans-serif as
// the fallback. The output depends only on the arguments.
#include <string>

#include "attnmap/figure.h"
#include "render/scene.h"

namespace attnmap::render {

std::string svg_document(const Scene& scene, const std::string& font_family, const std::string& title,
                         const FigureMetadata& metadata);

}  // namespace attnmap::render
