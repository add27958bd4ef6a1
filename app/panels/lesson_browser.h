#pragma once
// The lessons: scene files in assets/lessons (NN-name.json) that carry a title, an explanation, a key
// formula and "try this" prompts. A browser lists them; keys 1-9 open the first nine; a panel shows the
// open lesson's text beside the race.

#include "key_bindings.h"
#include "session.h"

#include <optional>
#include <string>
#include <vector>

namespace gradscape {

/// One lesson file as the browser lists it.
struct LessonFile {
    std::string path;
    std::string title;  ///< The lesson's title, or why the file could not be read.
    bool readable = true;
};

/// Where the lessons are read from: $GRADSCAPE_LESSONS when set, otherwise the source tree's
/// assets/lessons (GRADSCAPE_ASSETS_DIR, defined by the build).
std::string lessonsDirectory();

/// The lesson files (*.json) in `directory`, ordered by file name, each with its title.
std::vector<LessonFile> listLessons(const std::string& directory);

/// What the lesson browser keeps between frames; the File menu's state (scene_menu.h) holds it.
struct LessonBrowserState {
    bool openRequested = false;   ///< Open the popup on the next frame.
    bool closeRequested = false;  ///< A lesson was opened by its number while the browser was up.
    /// The lessons, read on first use and then kept: the list does not change while a class is watching.
    std::optional<std::vector<LessonFile>> lessons;

    /// The lessons in lessonsDirectory(), read the first time they are asked for.
    const std::vector<LessonFile>& list();
};

/// Asks the browser to open on the next frame (the File menu's "Lessons...", or L).
void requestLessonBrowser(LessonBrowserState& state);

/// The browser popup; returns the chosen lesson's scene, loaded and checked (a refusal goes to the
/// status line). Escape among `keys` closes it.
std::optional<Scene> drawLessonBrowser(Session& session, LessonBrowserState& state,
                                       const std::vector<KeyPress>& keys);

/// The open lesson's title, explanation, formula and prompts; nothing for a plain scene.
void drawLessonPanel(const Session& session);

/// Keys 1-9 open the first nine lessons; L opens the browser. Returns the scene to open.
std::optional<Scene> handleLessonKey(Session& session, LessonBrowserState& state, int key);

}  // namespace gradscape
