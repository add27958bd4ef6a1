#pragma once
// The parts of a map cell's summary that the scalar path (summarizeRun, maps/map.cpp) and the lanes path
// (maps/map_lanes.cpp) share, so both sum a run up with the very same arithmetic.

#include "landscapes/landscape.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

namespace gradscape {

/// The distance from p to q as summarizeRun measures it: |p - q|.
inline double distanceBetween(const Vec2& p, const Vec2& q) { return (p - q).norm(); }

/// The index of the known minimum nearest p (the first of equally near ones), or -1 when none is known.
inline int nearestMinimum(const std::vector<Vec2>& minima, const Vec2& p) {
    int best = -1;
    double bestDistance = std::numeric_limits<double>::infinity();
    for (std::size_t m = 0; m < minima.size(); ++m) {
        const double d = distanceBetween(minima[m], p);
        if (d < bestDistance) bestDistance = d, best = static_cast<int>(m);
    }
    return best;
}

/// The measured contraction rate of a run of `count` iterates (MapCell::rate says how), where
/// distanceAt(k) is iterate k's distance to the target minimum. Reads only the distances it needs
/// (the first, the tail above the floor, and the two windows), each computed when read; NaN when it
/// cannot be measured. A caller that knows every iterate from `settledFrom` on to be the same may say
/// so: the tail's search then passes them in one step when that one is below the floor (the same
/// answer as reading each of them).
template <class DistanceAt>
double measuredRate(std::size_t count, const DistanceAt& distanceAt, std::size_t settledFrom = SIZE_MAX) {
    constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
    if (count < 3) return kNaN;
    const double first = distanceAt(0);
    if (!(first > 0)) return kNaN;
    const double floor = std::max(1e-10 * first, 1e-13);
    std::size_t b = count - 1;
    if (b > settledFrom && !(distanceAt(settledFrom) > floor)) b = settledFrom;
    while (b > 0 && !(distanceAt(b) > floor))
        --b;
    const std::size_t a = b / 2;
    if (b - a < 2) return kNaN;
    const std::size_t window = std::max<std::size_t>(1, (b - a) / 4);
    const auto envelope = [&](std::size_t k) {
        double e = 0;
        for (std::size_t i = k - std::min(k, window); i <= k; ++i)
            e = std::max(e, i == 0 ? first : distanceAt(i));
        return e;
    };
    return std::pow(envelope(b) / envelope(a), 1.0 / double(b - a));
}

}  // namespace gradscape
