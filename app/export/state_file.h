#pragma once
// The state file: what the window shows, as JSON, for scripts and end-to-end tests to check.

#include "session.h"

#include <string>

namespace gradscape {

/// Writes the session's state (landscape, view, plot geometry, every optimizer's start point in plane
/// and window coordinates, its path's first point and length; the views shown, the 3D camera, where the
/// surface was drawn, its grid, and where each start point appears on it) to `path`, atomically.
/// `framesDrawn`: how many frames the window has drawn so far, so a script can tell an idle window that
/// draws nothing from one that redraws the same picture.
void writeStateFile(const std::string& path, const Session& session, const Snapshot& snapshot,
                    const std::string& lastScreenshot, long long framesDrawn);

}  // namespace gradscape
