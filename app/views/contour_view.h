#pragma once
// The 2D contour view: landscape colours and isolines, axes, minima, and every optimizer's path.

#include "render/contour_painter.h"
#include "view/path_clipping.h"
#include "session.h"

namespace gradscape {

struct ContourViewOptions {
    bool interactive = true;  ///< Drag start points, pan, zoom and hover; off for headless renders.
    bool legend = true;
    /// The legend's corner is chosen from this race's iterates instead of the frame's: a recording passes
    /// the whole race, so the legend stays put from the first frame to the last. Null: the frame's own.
    const Snapshot* legendRace = nullptr;
    int maxGridSide = 1024;  ///< The grid is sampled at the plot's pixel size, up to this many cells a side.
};

/// Draws the view into the current ImGui window, filling its content region, and handles the mouse.
/// Records where the data area went in session.layout.contourArea.
void drawContourView(Session& session, const Snapshot& snapshot, ContourPainter& contours,
              const ContourViewOptions& options);

/// The view box grown along one axis so that x and y get the same scale in a width x height area.
ViewBox fitAspect(const ViewBox& box, float width, float height);

/// What Fit view shows: the landscape's display box, grown (with a 5% margin) to take in every start
/// point outside it, so the whole landscape and where each racer starts are in view.
ViewBox fitViewBox(const ViewBox& displayBox, const std::vector<Vec2>& starts);

/// Fit view (the F key and the button): session.viewBox becomes fitViewBox of the landscape's display box
/// and every enabled racer's start.
void fitView(Session& session, const Snapshot& snapshot);

/// Tick positions at a "nice" spacing (1, 2 or 5 times a power of ten) covering [lo, hi].
std::vector<double> niceTicks(double lo, double hi, int targetCount);

}  // namespace gradscape
