#pragma once
// The 2D contour view: landscape colours and isolines, axes, minima, and every optimizer's path.

#include "contour_painter.h"
#include "session.h"

namespace gradscape {

struct PlotOptions {
    bool interactive = true;  ///< Drag start points, pan, zoom and hover; off for headless renders.
    bool legend = true;
    int maxGridSide = 1024;  ///< The grid is sampled at the plot's pixel size, up to this many cells a side.
};

/// Draws the view into the current ImGui window, filling its content region, and handles the mouse.
/// Records where the data area went in session.plot.
void drawPlot(Session& session, const Snapshot& snapshot, ContourPainter& contours,
              const PlotOptions& options);

/// The view box grown along one axis so that x and y get the same scale in a width x height area.
ViewBox fitAspect(const ViewBox& box, float width, float height);

/// Tick positions at a "nice" spacing (1, 2 or 5 times a power of ten) covering [lo, hi].
std::vector<double> niceTicks(double lo, double hi, int targetCount);

}  // namespace gradscape
