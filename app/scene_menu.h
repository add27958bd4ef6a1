#pragma once
// The File menu: open and save scene files by typing a path into a small dialog (there are no native
// file dialogs), plus the lesson browser.

#include "session.h"
#include "ui_frame.h"

#include <optional>

namespace gradscape {

/// Draws the "File" button and its menu (Open scene..., Save scene as..., Lessons...) and the path
/// dialogs. Saving writes session.toScene() atomically; opening loads and checks the whole file and
/// returns the scene for the loop to put in place between frames. What happened, or why it was refused,
/// goes to the status line; a refused file changes nothing. `keys` confirm (Enter) or cancel (Escape)
/// a dialog: ImGui 1.86 misses a key pressed and released within one frame.
std::optional<Scene> drawFileMenu(Session& session, const std::vector<KeyPress>& keys);

/// Ctrl+O asks for a scene to open, Ctrl+S for a path to save to (the dialogs open on the next frame).
void handleFileKey(int key, int mods);

}  // namespace gradscape
