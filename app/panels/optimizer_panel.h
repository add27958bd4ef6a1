#pragma once
// The control panel's part for optimizers: adding one, and each one's settings.

#include "session.h"

namespace gradscape {

/// A kind picker and an Add button; the new optimizer follows the shared start. `selected` is the
/// catalog row the picker shows, kept by the caller between frames.
void addOptimizerControls(Session& session, int& selected);

/// One optimizer: colour, on/off, its update rule, hyperparameters (a slider and a typed value each),
/// its switches between torch's and the lecture's forms, schedule, start, state note, Remove.
void optimizerSection(Session& session, const Snapshot& snapshot, const PathSnapshot& path);

}  // namespace gradscape
