#pragma once
// The control panel: landscape picker, each optimizer's settings, play/pause/step/reset, the legend.

#include "key_bindings.h"
#include "landscapes/formula_landscape.h"
#include "panels/network_panel.h"
#include "session.h"

#include <string>

namespace gradscape {

/// What the control panel keeps between frames; its owner (the window's PanelsState) holds it.
struct ControlPanelState {
    /// The formula box's text as typed, applied on Enter.
    char formula[kMaxFormulaLength + 1] = "";
    /// The landscape the box was last filled from ("formula:TEXT" or "built-in:NAME"): the box follows the
    /// landscape in use, but not the user's typing.
    std::string formulaFilledFrom;
    int addKind = 0;  ///< The catalog row the "Add optimizer" picker shows.
    NetworkPanelState network;  ///< The network section's form.
};

/// Draws the panel into the current ImGui window; changes go through the session's methods.
void drawControlPanel(Session& session, const Snapshot& snapshot, ControlPanelState& state);

/// Drives the race from the keyboard: play/pause, step, reset; returns whether the action was one.
bool handleRaceAction(Session& session, Action action);

}  // namespace gradscape
