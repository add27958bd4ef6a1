#pragma once
// The overlay toggles in the control panel, and their keys.

#include "key_bindings.h"
#include "session.h"

namespace gradscape {

/// Checkboxes for each overlay of ViewSettings::overlays, with what each shows.
void drawOverlaySection(Session& session, const Snapshot& snapshot);

/// Toggles the gradient field, step parts, curvature at the cursor or Taylor model; returns whether the
/// action was one of them.
bool handleOverlayAction(Session& session, const Snapshot& snapshot, Action action);

}  // namespace gradscape
