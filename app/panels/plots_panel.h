#pragma once
// The plots panel: loss, gradient norm and distance to the nearest known minimum against the step, one
// line per enabled optimizer in its colour.

#include "session.h"
#include "views/line_plot.h"

namespace gradscape {

/// What the plots panel keeps from one frame to the next: each plot's scale and floor as the user set
/// them (a click on its scale note, or right-click). The window owns one (PanelsState); each headless
/// renderer owns its own, so a render draws the default scales.
struct PlotsPanelState {
    LinePlotAxis loss, gradient, distance;
};

/// Draws the three plots side by side, filling the current ImGui window's content region. Hovering one
/// shows every optimizer's exact values at the hovered step; the current step is marked.
/// The series and predictions come with the snapshot (PathAnalysis); the panel only reads them. The user's
/// scale choices are kept in `state`.
void drawPlotsPanel(const Session& session, const Snapshot& snapshot, PlotsPanelState& state);

}  // namespace gradscape
