#pragma once
// The control panel: landscape picker, each optimizer's settings, play/pause/step/reset, the legend.

#include "key_bindings.h"
#include "session.h"

namespace gradscape {

/// Draws the panel into the current ImGui window; changes go through the session's methods.
void drawControlPanel(Session& session, const Snapshot& snapshot);

/// Drives the race from the keyboard: play/pause, step, reset; returns whether the action was one.
bool handleRaceAction(Session& session, Action action);

}  // namespace gradscape
