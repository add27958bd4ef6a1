#pragma once
// Presenting to a room: the Display section (UI scale, theme, fullscreen, hiding the panels), the Help
// window listing every key, and the keys of those actions.

#include "key_bindings.h"
#include "session.h"

namespace gradscape {

/// What the Display section keeps between frames.
struct DisplaySectionState {
    /// The UI scale slider's value while it is dragged: the font atlas is rebuilt between frames, so the
    /// scale applies when the slider is let go.
    float pendingUiScale = 1;
};

/// The Display section of the control panel: UI scale 1x-3x, theme, fullscreen, hide panels.
void drawDisplaySection(Session& session, DisplaySectionState& state);

/// The Help window, while session.viewSettings.presentation.helpOpen: every action with its keys, from
/// keyBindings(). Records its rectangle as the control "help-window".
void drawHelpWindow(Session& session, ImVec2 displaySize);

/// Applies a presentation action (scale, fullscreen, hide panels, theme, help); returns whether it was
/// one.
bool handlePresentationAction(Session& session, Action action);

}  // namespace gradscape
