#include "view/path_clipping.h"

#include <algorithm>
#include <cmath>

namespace gradscape {

std::optional<std::pair<double, double>> clipSegmentToBox(const ViewBox& box, const Vec2& a, const Vec2& b) {
    // Liang-Barsky: each side of the box cuts the parameter range [t0, t1] of a + t (b - a).
    double t0 = 0, t1 = 1;
    const Vec2 d = b - a;
    const double p[4] = {-d.x(), d.x(), -d.y(), d.y()};
    const double q[4] = {a.x() - box.xMin, box.xMax - a.x(), a.y() - box.yMin, box.yMax - a.y()};
    for (int i = 0; i < 4; ++i) {
        if (p[i] == 0) {
            if (q[i] < 0) return std::nullopt;  // parallel to this side and outside it
            continue;
        }
        const double t = q[i] / p[i];
        if (p[i] < 0)
            t0 = std::max(t0, t);
        else
            t1 = std::min(t1, t);
        if (t0 > t1) return std::nullopt;
    }
    return std::pair{t0, t1};
}

namespace {

// One body for both containers of points: they are read in order only.
template <class Points>
std::vector<ClippedPiece> clipPoints(const Points& points, const ViewBox& box) {
    std::vector<ClippedPiece> pieces(1);
    const auto cut = [&] {
        if (!pieces.back().points.empty()) pieces.emplace_back();
    };
    const auto add = [&](Vec2 p, bool iterate) {
        // Where a step crosses the edge: put back on it, whatever the rounding.
        if (!iterate) p = {std::clamp(p.x(), box.xMin, box.xMax), std::clamp(p.y(), box.yMin, box.yMax)};
        pieces.back().points.push_back(p);
        pieces.back().iterate.push_back(iterate);
    };
    const double diagonal = std::hypot(box.width(), box.height());
    std::optional<Vec2> last;
    for (const Vec2& p : points) {
        if (!p.allFinite()) {
            cut(), last.reset();
            continue;
        }
        if (!last) {
            if (box.contains(p)) add(p, true);
            last = p;
            continue;
        }
        // A step a million times longer than the box crosses it where rounding says: left out.
        const auto inside =
            (p - *last).norm() < 1e6 * diagonal ? clipSegmentToBox(box, *last, p) : std::nullopt;
        if (!inside) {
            cut(), last = p;
            continue;
        }
        const auto [t0, t1] = *inside;
        const Vec2 from = *last, step = p - *last;
        if (t0 > 0) cut(), add(from + t0 * step, false);
        add(t1 < 1 ? Vec2(from + t1 * step) : p, t1 >= 1);
        if (t1 < 1) cut();
        last = p;
    }
    std::erase_if(pieces, [](const ClippedPiece& piece) { return piece.points.empty(); });
    return pieces;
}

}  // namespace

std::vector<ClippedPiece> clipPathToBox(const std::vector<Vec2>& points, const ViewBox& box) {
    return clipPoints(points, box);
}

std::vector<ClippedPiece> clipPathToBox(const ChunkedVector<Vec2>& points, const ViewBox& box) {
    return clipPoints(points, box);
}

}  // namespace gradscape
