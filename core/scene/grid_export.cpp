#include "scene/grid_export.h"

#include "support/input_limits.h"
#include "support/parallel_rows.h"

#include <cmath>
#include <cstdio>
#include <functional>
#include <stdexcept>
#include <string>

namespace gradscape {
namespace {

// An empty grid of `box` at `side` points a side, refused as the header says.
LossGrid emptyGrid(const ViewBox& box, int side) {
    if (side < 2 || side > limits::kMaxGridCsvSide)
        throw std::invalid_argument("grid: " + std::to_string(side) + " points a side; it takes 2 to " +
                                    std::to_string(limits::kMaxGridCsvSide));
    if (!std::isfinite(box.xMin) || !std::isfinite(box.xMax) || !std::isfinite(box.yMin) ||
        !std::isfinite(box.yMax) || !(box.width() > 0) || !(box.height() > 0))
        throw std::invalid_argument("grid: the box must be finite and wider and taller than 0");
    LossGrid grid;
    grid.box = box;
    grid.side = side;
    grid.values.resize(static_cast<std::size_t>(side) * static_cast<std::size_t>(side));
    return grid;
}

// `fillRow(j, values of row j)` for every row, the rows split over `threads`.
void fillRows(LossGrid& grid, int threads, const std::function<void(int, double*)>& fillRow) {
    const int workers = std::max(1, threads);
    forEachBand(evenBands(grid.side, workers), workers, [&](std::size_t, int begin, int end) {
        for (int j = begin; j < end; ++j)
            fillRow(j, grid.values.data() + static_cast<std::size_t>(j) * static_cast<std::size_t>(grid.side));
    });
}

}  // namespace

double LossGrid::xAt(int i) const {
    // The last point is the box's edge itself, not xMin plus a rounded width.
    return i == side - 1 ? box.xMax : box.xMin + box.width() * i / (side - 1);
}

double LossGrid::yAt(int j) const {
    return j == side - 1 ? box.yMax : box.yMin + box.height() * j / (side - 1);
}

LossGrid landscapeGrid(const Landscape& landscape, const ViewBox& box, int side, int threads) {
    LossGrid grid = emptyGrid(box, side);
    fillRows(grid, threads, [&](int j, double* row) {
        for (int i = 0; i < grid.side; ++i)
            row[i] = landscape.valueAt(Vec2(grid.xAt(i), grid.yAt(j)));
    });
    return grid;
}

LossGrid planeGrid(const Problem& problem, const LossPlane& plane, const ViewBox& box, int side, int threads) {
    const Eigen::Index n = problem.dimension();
    if (plane.origin.size() != n || plane.first.size() != n || plane.second.size() != n)
        throw std::invalid_argument("grid: the plane's vectors do not have the problem's dimension");
    LossGrid grid = emptyGrid(box, side);
    grid.xName = "a", grid.yName = "b";
    fillRows(grid, threads, [&](int j, double* row) {
        std::vector<Vec2> coordinates;
        coordinates.reserve(static_cast<std::size_t>(grid.side));
        for (int i = 0; i < grid.side; ++i)
            coordinates.emplace_back(grid.xAt(i), grid.yAt(j));
        problem.valuesOnPlane(plane.origin, plane.first, plane.second, coordinates,
                              std::span<double>(row, static_cast<std::size_t>(grid.side)));
    });
    return grid;
}

void writeGridCsv(std::ostream& out, const LossGrid& grid) {
    out << grid.xName << ',' << grid.yName << ",loss\n";
    char row[96];
    for (int j = 0; j < grid.side; ++j)
        for (int i = 0; i < grid.side; ++i) {
            std::snprintf(row, sizeof row, "%.17g,%.17g,%.17g\n", grid.xAt(i), grid.yAt(j),
                          grid.values[static_cast<std::size_t>(j) * static_cast<std::size_t>(grid.side) +
                                      static_cast<std::size_t>(i)]);
            out << row;
        }
}

}  // namespace gradscape
