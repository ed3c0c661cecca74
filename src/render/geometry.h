#pragma once
// Turned lines of text: the three angles figures use and the boxes turned text occupies.
#include "attnmap/figure.h"

namespace attnmap::render {

// kUp reads left to right, kCcw90 bottom to top (the usual vertical tick label), kCcw45
// diagonally up. Turned text is turned about the centre of its box.
enum class Rotation { kUp, kCcw90, kCcw45 };

// cos 45° = sin 45°: the factor of every 45° turn.
constexpr double kSqrtHalf = 0.70710678118654752;

int degrees(Rotation rotation);
// 45 or 90 degrees; anything else throws Error::usage naming `option`.
Rotation rotation_from_degrees(int degrees, const char* option);

// Size of the axis-aligned box that a w × h line of text occupies once turned. At 45° it is a
// square of side ceil((w + h) / √2) + 1.
void rotated_size(int w, int h, Rotation rotation, int& box_w, int& box_h);

// The frame of a w × h line of text drawn turned in `box`.
TextFrame frame_of(const Box& box, int w, int h, Rotation rotation);

}  // namespace attnmap::render
