#pragma once
// The File menu: open and save scene files by typing a path into a small dialog (there are no native
// file dialogs), plus the lesson browser.

#include "key_bindings.h"
#include "panels/lesson_browser.h"
#include "session.h"

#include <optional>
#include <vector>

namespace gradscape {

/// What the File menu keeps between frames; its owner (the window's PanelsState) holds it.
struct SceneMenuState {
    enum class Dialog { None, Open, Save };
    Dialog requested = Dialog::None;      ///< The dialog asked for by a key or the menu, opened next frame.
    char typedPath[1024] = "scene.json";  ///< The path being typed, kept from one dialog to the next.
    LessonBrowserState lessons;           ///< The lesson browser the menu opens.
};

/// Draws the "File" button and its menu (Open scene..., Save scene as..., Lessons...) in the control
/// panel; a choice opens its dialog in drawFileDialogs.
void drawFileMenu(Session& session, SceneMenuState& state);

/// The modal dialogs: the path dialogs and the lesson browser. Called every frame outside any window and
/// after every other window, whether or not the panels are shown: ImGui 1.86 asserts when a window
/// appears while a modal sits on its popup stack undrawn, or in the frame the modal first appears.
/// Saving writes session.toScene() atomically; opening loads and checks the whole file and returns the
/// scene for the loop to put in place between frames. What happened, or why it was refused (whatever
/// was thrown), goes to the status line; a refused file changes nothing. `keys` confirm (Enter) or
/// cancel (Escape) a dialog: ImGui 1.86 misses a key pressed and released within one frame.
std::optional<Scene> drawFileDialogs(Session& session, SceneMenuState& state,
                                     const std::vector<KeyPress>& keys);

/// Ctrl+O asks for a scene to open, Ctrl+S for a path to save to (the dialogs open on the next frame).
void handleFileKey(SceneMenuState& state, int key, int mods);

}  // namespace gradscape
