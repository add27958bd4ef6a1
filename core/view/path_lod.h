#pragma once
// A level-of-detail summary of a path, so that drawing a path costs what is drawn, not its length: the
// bounding boxes of its runs of 32, 64, 128, ... consecutive iterates, built as the path grows and shared
// between snapshots like the path itself. A walk over the path leaves out a whole run when its box says
// every iterate in it would be left out one by one; screenPath (the contour view's polyline) and
// thinPath (what the surface view hands drapeOnSurface) are such walks, and give exactly what going
// point by point gives. A path that never settles (SGD's noise, RMSprop bouncing across a pixel or two)
// would still keep a point per step; on long paths (kDensePathPoints) a run whose box lies in cells at or
// beside a drawn point is left out too, the line broken there: the picture is the same ink within a
// couple of pixels, and the cost follows the pixels the path covers, not its steps.

#include "landscapes/landscape.h"
#include "support/chunked_vector.h"

#include <cstddef>
#include <functional>
#include <vector>

namespace gradscape {

/// The bounding box of a run of iterates; xMin is NaN when one of them is not finite.
struct PathBox {
    double xMin = 0, xMax = 0, yMin = 0, yMax = 0;

    bool finite() const { return xMin == xMin; }
};

/// The boxes of a path's runs: level k holds one box per complete run of 2^(kLeafShift + k) iterates,
/// aligned at multiples of that length. Built from the path's points, which it keeps (sharing their
/// chunks), and extended in O(points added) as the path grows.
class PathLod {
  public:
    static constexpr std::size_t kLeafShift = 5;  // a leaf box covers 32 iterates
    using Boxes = ChunkedVector<PathBox, 256>;

    /// Brings the summary to `points`: extends it when they extend the points it was built from (sharing
    /// their storage, as a growing trajectory's do), else rebuilds it from the first point they do not
    /// share.
    void update(const ChunkedVector<Vec2>& points);
    /// The summary of the first `count` points alone (a path cut to an earlier step), sharing this one's
    /// storage: O(levels + chunks).
    PathLod prefix(std::size_t count) const;

    const ChunkedVector<Vec2>& points() const { return points_; }
    std::size_t levelCount() const { return levels_.size(); }
    /// Box i of level k covers the points [i, i + 1) * 2^(kLeafShift + k).
    const Boxes& level(std::size_t k) const { return levels_[k]; }

    /// Visits the points in order: at each point that starts a run with a box, tries the largest such run
    /// first, `trySkip(box, lastIndex)` leaving it out when it returns true (lastIndex: its last point);
    /// otherwise a smaller run, down to the point itself, which goes to `visit(index)`.
    template <class TrySkip, class Visit>
    void walk(TrySkip&& trySkip, Visit&& visit) const {
        const std::size_t n = points_.size();
        for (std::size_t i = 0; i < n;) {
            bool skipped = false;
            for (std::size_t k = levels_.size(); k-- > 0;) {
                const std::size_t shift = kLeafShift + k, run = std::size_t(1) << shift;
                if (i % run != 0 || (i >> shift) >= levels_[k].size()) continue;
                if (trySkip(levels_[k][i >> shift], i + run - 1)) {
                    i += run;
                    skipped = true;
                    break;
                }
            }
            if (!skipped) visit(i++);
        }
    }

  private:
    void extendBoxes();

    ChunkedVector<Vec2> points_;
    std::vector<Boxes> levels_;
};

/// Paths at least this long may leave out runs over cells already drawn (screenPath's and thinPath's
/// `coverCell`); shorter ones are drawn exactly as point by point.
inline constexpr std::size_t kDensePathPoints = 10'000;

/// A point on the screen, in pixels.
struct ScreenPoint {
    float x = 0, y = 0;

    bool operator==(const ScreenPoint&) const = default;
};

/// The plane to the screen, one axis at a time: the screen x depends on the plane's x alone and never
/// decreases as it grows; the screen y on the plane's y alone, monotone either way (ContourGeometry::
/// toScreen is such a map). That is what lets two corners of a box stand for every point inside it.
using ScreenMap = std::function<ScreenPoint(const Vec2&)>;

/// A run of a path on the screen, and whether each point is an iterate (or where a step crosses the box).
struct ScreenPiece {
    std::vector<ScreenPoint> points;
    std::vector<bool> iterate;
    /// The line goes on from the previous piece: only a run over drawn cells was left out between them, so
    /// they are drawn as one line (outlines first, then colours).
    bool joined = false;
};

/// The path as the contour view draws it: cut to `box` exactly as clipPathToBox cuts it, each point
/// mapped with `toScreen`, then every point within `tolerance` (in both x and y, strictly) of the last
/// point kept left out, except each piece's first and last. Identical to doing that point by point, but a
/// run of iterates inside the box and within the tolerance of the last kept point is left out whole, so a
/// path that settles into a pixel costs a few boxes, not its length.
/// With `coverCell` > 0, a path of at least kDensePathPoints points also leaves out each run (not holding
/// the path's last point) inside the box whose screen box lies wholly in square cells of that size that
/// hold a kept point or touch one that does: the piece ends before it and the next starts at its last
/// iterate. Every iterate left out that way is within 2 sqrt(2) coverCell of a kept point.
std::vector<ScreenPiece> screenPath(const PathLod& lod, const ViewBox& box, const ScreenMap& toScreen,
                                    float tolerance, float coverCell = 0);

/// The points a walk along the path keeps that leaves out every point closer than `radius` to the last
/// one kept ((p - last).norm() < radius): the first, the last, each at least `radius` from the last kept,
/// and every non-finite one (after which the next point is kept again). drapeOnSurface leaves out
/// exactly those (with a fifth of a grid cell), so it draws the same lines from these as from the path.
/// With `coverCell` > 0, a path of at least kDensePathPoints points also leaves out each run (not holding
/// the last point) inside `coverArea` whose box lies wholly in square cells of that size (in the plane)
/// that hold a kept point or touch one that does: a NaN breaks the line there (drapeOnSurface cuts at
/// one) and the next run starts at the left-out run's last iterate.
std::vector<Vec2> thinPath(const PathLod& lod, double radius, double coverCell = 0,
                           const ViewBox& coverArea = {});

}  // namespace gradscape
