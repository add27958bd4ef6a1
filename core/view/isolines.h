#pragma once
// Isolines of a sampled function by marching squares, and the log-spaced levels the contour view uses.

#include "landscapes/landscape.h"

#include <functional>
#include <vector>

namespace gradscape {

/// One piece of an isoline inside one cell of the sampling lattice.
struct IsolineSegment {
    Vec2 a, b;
    int column = 0, row = 0;  ///< The cell it crosses; views dash a line by the cell's parity.
};

/// The isolines f = level of `f` sampled at columns x columns of lattice points over `box` (rows in
/// proportion to the box's aspect, at least 2 each way), by marching squares with linear interpolation
/// along cell edges. A cell with a non-finite corner is skipped. A saddle cell (opposite corners on the
/// same side) is split by the value at its centre.
std::vector<IsolineSegment> isolines(const std::function<double(const Vec2&)>& f, const ViewBox& box,
                                     int columns, const std::vector<double>& levels);

/// The levels where the contour view draws its isolines: `count` levels log-spaced above the minimum,
/// f_k = min + s ((1 + range / s)^(k / count) - 1) with s = range / 1000, k = 1 .. count - 1 (the
/// same as shaders/contour.frag, so a model's isolines line up with the landscape's).
std::vector<double> logSpacedLevels(double minimum, double maximum, int count);

}  // namespace gradscape
