#pragma once
// The window's autosave: the race is kept in the user's state directory (core/scene/autosave_slot.h), written
// atomically a few seconds after each change and on a clean exit; after a window that ended abnormally
// the next one offers to restore its race.

#include "scene/autosave_slot.h"
#include "key_bindings.h"
#include "session.h"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace gradscape {

class WindowAutosave {
  public:
    /// `interval`: how long after a change the race is saved (0: at the next frame). Claims the
    /// autosave in stateDirectory(); what stops it (no state folder, another window owns it, a folder
    /// that cannot be written) goes to the status line and the window runs on without autosaving.
    WindowAutosave(Session& session, std::chrono::milliseconds interval);

    /// The offer to restore the previous window's race, a modal drawn outside any window after every
    /// other one (like the File dialogs, see scene_menu.h). Enter restores, Escape starts fresh.
    /// Returns the race to restore, read and checked; the loop opens it between frames.
    std::optional<Scene> drawOffer(Session& session, const std::vector<KeyPress>& keys);

    /// Between frames: saves the race when it changed and the interval has passed since the last save.
    /// A failure goes to the status line once; the next interval tries again.
    void afterFrame(Session& session);

    /// A clean exit: saves the race and marks the session as ended, so the next window offers nothing.
    void finish(Session& session);

  private:
    void save(Session& session);

    std::optional<AutosaveSlot> slot_;
    std::chrono::milliseconds interval_;
    std::chrono::steady_clock::time_point lastCheck_{}, lastTouch_{};
    std::string lastSaved_, lastError_;
    bool offerOpened_ = false;
};

/// The autosave interval: $GRADSCAPE_AUTOSAVE_MS when set (tests and the kill -9 loop use 0), else 3 s.
std::chrono::milliseconds autosaveInterval();

}  // namespace gradscape
