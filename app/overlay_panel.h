#pragma once
// The overlay toggles in the control panel, and their keys.

#include "session.h"

namespace gradscape {

/// Checkboxes for each overlay of ViewSettings::overlays, with what each shows.
void drawOverlaySection(Session& session, const Snapshot& snapshot);

/// G gradient field, D step parts, H curvature at the cursor, T Taylor model (a GLFW key code); returns
/// whether the key was one of them.
bool handleOverlayKey(Session& session, const Snapshot& snapshot, int key);

}  // namespace gradscape
