#pragma once
// Whether a region of the plane can be shown: the one check a scene file's "view", the command line's
// --region and the window's pan and zoom all go through, so that no view box the drawing code cannot
// handle (an infinite width, a width below what doubles resolve, a NaN) ever reaches it.

#include "landscapes/landscape.h"

#include <string>

namespace gradscape {

/// Largest magnitude of a view box's coordinates: far beyond any landscape's interesting region, and
/// small enough that a width, a centre and their products with a few thousand pixels stay finite.
inline constexpr double kMaxViewCoordinate = 1e12;
/// Smallest width (and height) of a view box relative to the larger of 1 and its largest coordinate:
/// well above the spacing of doubles (2.2e-16), so a few thousand samples across it are all distinct.
inline constexpr double kMinViewWidthRatio = 1e-9;

/// Why `box` cannot be shown, in a sentence naming the offending side ("xMin must be less than xMax,
/// got 3 and 1"); empty when it can. A box passes when each of its four coordinates is finite and within
/// [-kMaxViewCoordinate, kMaxViewCoordinate], xMin < xMax, yMin < yMax, and its width and height are at
/// least kMinViewWidthRatio times max(1, largest |coordinate| on that axis).
std::string checkViewBox(const ViewBox& box);

}  // namespace gradscape
