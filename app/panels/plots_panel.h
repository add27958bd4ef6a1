#pragma once
// The plots panel: loss, gradient norm and distance to the nearest known minimum against the step, one
// line per enabled optimizer in its colour.

#include "panels/maps_panel.h"
#include "session.h"
#include "views/line_plot.h"

#include <map>
#include <memory>
#include <vector>

namespace gradscape {

/// A racer's predicted distances d0 rho^k (dashed in the distance plot), kept between frames and extended
/// as its path grows, with their summary, so a long prediction is not recomputed every frame.
struct PredictedDistances {
    double start = 0, rate = 0;  ///< d0 and rho: another of either starts the values again.
    std::vector<double> values;
    SeriesSummary summary;
};

/// What the plots panel keeps from one frame to the next: each plot's scale and floor as the user set
/// them (a click on its scale note, or right-click), what each plot worked out of its series, and the
/// racers' predictions by id. The window owns
/// one (PanelsState); each headless renderer owns its own, so a render draws the default scales.
struct PlotsPanelState {
    LinePlotAxis loss, gradient, distance;
    LinePlotMemory lossMemory, gradientMemory, distanceMemory;
    /// Shared with the distance plot's memory, which knows a series by what owns it: a prediction for
    /// another d0 or rho is a new object.
    std::map<int, std::shared_ptr<PredictedDistances>> predictions;
    /// The map panel beside the plots, in the same strip under the views.
    MapsPanelState maps;
};

/// Draws the three plots side by side, filling the current ImGui window's content region. Hovering one
/// shows every optimizer's exact values at the hovered step; the current step is marked.
/// The series and predictions come with the snapshot (PathAnalysis); the panel only reads them. The user's
/// scale choices are kept in `state`. In a window without a background (ImGuiWindowFlags_NoBackground) it
/// draws the window's background and border itself, around the plots only.
void drawPlotsPanel(const Session& session, const Snapshot& snapshot, PlotsPanelState& state);

}  // namespace gradscape
