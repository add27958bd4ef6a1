#pragma once
// The race replayed from step 0: what an animation's frames show. Frame i of N shows every path up to
// step round(i * steps / (N - 1)), so the first frame is the start points and the last the race as it is.

#include "race/solver.h"

#include <memory>

namespace gradscape {

/// The step frame `frame` of `frameCount` (>= 2) shows, for a race of `steps` steps:
/// round(frame * steps / (frameCount - 1)), from 0 at the first frame to `steps` at the last.
int replayStep(int frame, int frameCount, int steps);

/// The snapshot as it was at step `step`: each path cut to its first step + 1 points (a path that
/// diverged later is not yet diverged), stepCount = step, each cut path's analysis worked out for the cut
/// path (as much as the snapshot's was). Landscapes and settings are shared, not copied.
std::shared_ptr<const Snapshot> snapshotAtStep(const Snapshot& snapshot, int step);

}  // namespace gradscape
