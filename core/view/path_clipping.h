#pragma once
// Paths cut to a box, for the views: the part of each step inside the box, exactly where it crosses the
// edges, so a diverging run never turns into streaks (points clamped to a range bend its segments) or
// chords drawn over the surface.

#include "landscapes/landscape.h"
#include "support/chunked_vector.h"

#include <optional>
#include <utility>
#include <vector>

namespace gradscape {

/// The part of the segment a -> b inside the box, as the parameters [t0, t1] of a + t (b - a) within
/// [0, 1]; nothing when the segment misses the box.
std::optional<std::pair<double, double>> clipSegmentToBox(const ViewBox& box, const Vec2& a, const Vec2& b);

/// A run of a path inside a box: its points, and whether each is an iterate (or where a step crosses the
/// box's edge).
struct ClippedPiece {
    std::vector<Vec2> points;
    std::vector<bool> iterate;
};

/// A path cut to a box: each step's part inside it, broken where a step leaves and starts again where
/// one comes back; non-finite points break it too. A lone iterate inside is a piece of one point.
std::vector<ClippedPiece> clipPathToBox(const std::vector<Vec2>& points, const ViewBox& box);
std::vector<ClippedPiece> clipPathToBox(const ChunkedVector<Vec2>& points, const ViewBox& box);

}  // namespace gradscape
