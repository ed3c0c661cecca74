#pragma once
// The raster backend: paints a Scene into an RGBA image, rendering text with FreeType.
#include "attnmap/image.h"
#include "render/font.h"
#include "render/scene.h"

namespace attnmap::render {

// `fonts` must be the FontSet the scene was measured with, or text will not fill its boxes.
Image rasterize(const Scene& scene, FontSet& fonts);

}  // namespace attnmap::render
