#pragma once
// The plots panel: loss, gradient norm and distance to the nearest known minimum against the step, one
// line per enabled optimizer in its colour.

#include "session.h"

namespace gradscape {

/// Draws the three plots side by side, filling the current ImGui window's content region. Hovering one
/// shows every optimizer's exact values at the hovered step; the current step is marked.
/// The series and predictions come with the snapshot (PathAnalysis); the panel only reads them.
void drawPlotsPanel(const Session& session, const Snapshot& snapshot);

}  // namespace gradscape
