#pragma once
// The lessons: scene files in assets/lessons (NN-name.json) that carry a title, an explanation, a key
// formula and "try this" prompts. A browser lists them; keys 1-9 open the first nine; a panel shows the
// open lesson's text beside the race.

#include "session.h"
#include "frames/ui_frame.h"

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

/// Asks the browser to open on the next frame (the File menu's "Lessons...", or L).
void requestLessonBrowser();

/// The browser popup; returns the chosen lesson's scene, loaded and checked (a refusal goes to the
/// status line). Escape among `keys` closes it.
std::optional<Scene> drawLessonBrowser(Session& session, const std::vector<KeyPress>& keys);

/// The open lesson's title, explanation, formula and prompts; nothing for a plain scene.
void drawLessonPanel(const Session& session);

/// Keys 1-9 open the first nine lessons; L opens the browser. Returns the scene to open.
std::optional<Scene> handleLessonKey(Session& session, int key);

}  // namespace gradscape
