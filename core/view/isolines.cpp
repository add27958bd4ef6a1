#include "view/isolines.h"

#include <algorithm>
#include <cmath>

namespace gradscape {

std::vector<IsolineSegment> isolines(const std::function<double(const Vec2&)>& f, const ViewBox& box,
                                     int columns, const std::vector<double>& levels) {
    const int nx = std::max(columns, 2);
    const int ny = std::max(2, static_cast<int>(std::lround(nx * box.height() / box.width())));
    const double dx = box.width() / (nx - 1), dy = box.height() / (ny - 1);
    auto at = [&](int i, int j) { return Vec2(box.xMin + i * dx, box.yMin + j * dy); };
    std::vector<double> values(static_cast<size_t>(nx) * ny);
    for (int j = 0; j < ny; ++j)
        for (int i = 0; i < nx; ++i)
            values[static_cast<size_t>(j) * nx + i] = f(at(i, j));

    std::vector<IsolineSegment> segments;
    for (int j = 0; j + 1 < ny; ++j)
        for (int i = 0; i + 1 < nx; ++i) {
            // Corners counter-clockwise from the bottom left.
            const Vec2 p[4] = {at(i, j), at(i + 1, j), at(i + 1, j + 1), at(i, j + 1)};
            const double v[4] = {values[size_t(j) * nx + i], values[size_t(j) * nx + i + 1],
                                 values[size_t(j + 1) * nx + i + 1], values[size_t(j + 1) * nx + i]};
            if (!std::all_of(v, v + 4, [](double x) { return std::isfinite(x); })) continue;
            for (double level : levels) {
                // Where the level crosses each edge (edge e runs from corner e to corner e + 1).
                Vec2 crossing[4];
                int count = 0;
                for (int e = 0; e < 4; ++e) {
                    const double a = v[e] - level, b = v[(e + 1) % 4] - level;
                    if ((a < 0) == (b < 0)) continue;
                    const double t = a / (a - b);
                    crossing[count++] = p[e] + t * (p[(e + 1) % 4] - p[e]);
                }
                if (count == 2) {
                    segments.push_back({crossing[0], crossing[1], i, j});
                } else if (count == 4) {
                    // A saddle cell: pair the crossings so that the centre's side stays connected.
                    const double centre = (v[0] + v[1] + v[2] + v[3]) / 4 - level;
                    const bool firstCornerSameAsCentre = (v[0] - level < 0) == (centre < 0);
                    // Edges 0..3 in order; pairing (0,1)(2,3) isolates corners 1 and 3, (3,0)(1,2) corners 0
                    // and 2.
                    if (firstCornerSameAsCentre) {
                        segments.push_back({crossing[0], crossing[1], i, j});
                        segments.push_back({crossing[2], crossing[3], i, j});
                    } else {
                        segments.push_back({crossing[3], crossing[0], i, j});
                        segments.push_back({crossing[1], crossing[2], i, j});
                    }
                }
            }
        }
    return segments;
}

std::vector<double> logSpacedLevels(double minimum, double maximum, int count) {
    std::vector<double> levels;
    const double range = maximum - minimum;
    if (!(range > 0) || count < 2) return levels;
    const double s = range / 1000;
    for (int k = 1; k < count; ++k)
        levels.push_back(minimum + s * (std::pow(1 + range / s, double(k) / count) - 1));
    return levels;
}

}  // namespace gradscape
