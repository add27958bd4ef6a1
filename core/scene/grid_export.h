#pragma once
// A loss sampled on a grid as CSV, for slides and other plotting tools: a 2D landscape over a box as
// x,y,loss, or a network's loss on its plane as a,b,loss (render --grid-csv). The values are exact doubles,
// not the views' floats: a landscape's valueAt, a plane's Problem::valuesOnPlane.

#include "landscapes/landscape.h"
#include "landscapes/problem.h"
#include "view/loss_plane.h"

#include <ostream>
#include <string>
#include <vector>

namespace gradscape {

/// A loss at side x side points spanning a box, its corners included.
struct LossGrid {
    ViewBox box;
    int side = 0;
    std::string xName = "x", yName = "y";  ///< The coordinates' column names: a and b on a plane.
    /// Row by row from yMin up, x growing within a row: values[j * side + i] is the loss at (xAt(i), yAt(j)).
    std::vector<double> values;

    /// The i-th x of the grid: xMin at 0, xMax at side - 1.
    double xAt(int i) const;
    double yAt(int j) const;
};

/// The landscape's value at every grid point of `box`, on `threads` threads (rows over threads). Throws
/// std::invalid_argument unless `side` is in [2, limits::kMaxGridCsvSide] and the box is finite and not
/// empty.
LossGrid landscapeGrid(const Landscape& landscape, const ViewBox& box, int side, int threads = 1);

/// The problem's loss L(origin + a first + b second) at every grid point (a, b) of `box` on `plane`
/// (Problem::valuesOnPlane, a row at a time). Throws as landscapeGrid, and when the plane's vectors do not
/// have the problem's dimension.
LossGrid planeGrid(const Problem& problem, const LossPlane& plane, const ViewBox& box, int side, int threads = 1);

/// CSV: the header "x,y,loss" (the grid's names), then one row per point in the order of `values`, every
/// number with 17 significant digits (a loss that is not finite as nan or inf).
void writeGridCsv(std::ostream& out, const LossGrid& grid);

}  // namespace gradscape
