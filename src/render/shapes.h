#pragma once
// The geometry of lines and markers (scene.h), in one place for both backends: a marker's outline
// (svg.cpp writes it as a path, raster.cpp fills it) and, for the raster backend, a line's dashes
// and the pixels a line or a marker covers.
#include <utility>
#include <vector>

#include "render/canvas.h"
#include "render/scene.h"

namespace attnmap::render {

struct Vertex {
  double x = 0, y = 0;
};

// A marker's outline `radius` px from its centre to its edges: a polygon's corners, or none for a
// circle of that radius about (cx, cy); and the box around it. A polygon at radius r + d is the
// one at r with every edge moved out by d (the corners as SVG's mitred stroke draws them).
struct Outline {
  std::vector<Vertex> corners;  // in order round the polygon; empty for a circle
  double cx = 0, cy = 0, radius = 0;
  double left = 0, top = 0, right = 0, bottom = 0;
};
Outline marker_outline(MarkerShape shape, double cx, double cy, double radius);

// The drawn pieces of a line: every segment of a solid one, else each dash (or its part within one
// segment); a dash of length 0 is a segment from a point to itself.
std::vector<std::pair<Vertex, Vertex>> dash_segments(const PolylineItem& line);

// How much of each pixel an item covers, as a mask whose top-left corner is at (x, y).
struct Coverage {
  AlphaMask mask;
  int x = 0, y = 0;
};

// A pixel whose centre lies within width / 2 of a drawn piece is covered, fading to nothing over
// the next pixel out: lines are continuous at any slope, with round caps and joins, and their
// edges a little smoothed. Where pieces meet, a pixel takes its largest coverage, not their sum.
Coverage line_coverage(const PolylineItem& line);
// The marker's outline at `radius` filled: each pixel covered by the share of its 4 × 4 samples
// that fall inside.
Coverage marker_coverage(const MarkerItem& marker, double radius);

}  // namespace attnmap::render
