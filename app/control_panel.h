#pragma once
// The control panel: landscape picker, each optimizer's settings, play/pause/step/reset, the legend.

#include "session.h"

namespace gradscape {

/// Draws the panel into the current ImGui window; changes go to the solver as commands.
void drawControlPanel(Session& session, const Snapshot& snapshot);

/// Drives the race from the keyboard: Space play/pause, Right step, R reset (a GLFW key code).
void handleRaceKey(Session& session, const Snapshot& snapshot, int key);

}  // namespace gradscape
