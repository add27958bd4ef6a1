#pragma once
// The File menu: open and save scene files by typing a path into a small dialog (there are no native
// file dialogs), plus the lesson browser.

#include "session.h"
#include "frames/ui_frame.h"

#include <optional>

namespace gradscape {

/// Draws the "File" button and its menu (Open scene..., Save scene as..., Lessons...) in the control
/// panel; a choice opens its dialog in drawFileDialogs.
void drawFileMenu(Session& session);

/// The modal dialogs: the path dialogs and the lesson browser. Called every frame outside any window and
/// after every other window, whether or not the panels are shown: ImGui 1.86 asserts when a window
/// appears while a modal sits on its popup stack undrawn, or in the frame the modal first appears.
/// Saving writes session.toScene() atomically; opening loads and checks the whole file and returns the
/// scene for the loop to put in place between frames. What happened, or why it was refused (whatever
/// was thrown), goes to the status line; a refused file changes nothing. `keys` confirm (Enter) or
/// cancel (Escape) a dialog: ImGui 1.86 misses a key pressed and released within one frame.
std::optional<Scene> drawFileDialogs(Session& session, const std::vector<KeyPress>& keys);

/// Ctrl+O asks for a scene to open, Ctrl+S for a path to save to (the dialogs open on the next frame).
void handleFileKey(int key, int mods);

}  // namespace gradscape
