#pragma once
// The race's legend, shared by the contour view and the 3D view: the landscape's name (and formula where
// it fits), then one entry per enabled racer (its colour, its label, its loss and step or why it
// diverged), in the corner of the view where it hides the fewest marks.

#include "session.h"

#include <imgui.h>

#include <string>
#include <vector>

namespace gradscape {

/// The legend's line for each racer, in order: its label (racerLabels: its own, or its kind's title plus
/// the settings that differ from the other racers of its kind), with "  (lr X)" where the label does not
/// already name the learning rate.
std::vector<std::string> legendTitles(const std::vector<OptimizerSettings>& racers);

/// The corner of the area [areaMin, areaMax] (inset by `margin`) where a box of `size` covers the
/// fewest of `marks`: top right, top left, bottom right, bottom left, the first of those on a tie.
/// Returns the box's top-left corner.
ImVec2 leastCoveredCorner(ImVec2 areaMin, ImVec2 areaMax, ImVec2 size, float margin,
                          const std::vector<ImVec2>& marks);

/// What the legend is drawn into and what it should keep clear of.
struct LegendFrame {
    ImVec2 areaMin, areaMax;     ///< The view's data area, in window pixels.
    std::vector<ImVec2> marks;   ///< Screen points the legend should not hide (iterates, starts, minima).
    std::string headingSuffix;   ///< After the landscape's name, such as "  (log height)".
};

/// Draws the legend of the snapshot's enabled racers into frame's area. Where the full legend (two lines
/// per racer) would cover much of a small area, each racer keeps only its label line.
void drawRaceLegend(ImDrawList* list, const Session& session, const Snapshot& snapshot,
                    const LegendFrame& frame);

}  // namespace gradscape
