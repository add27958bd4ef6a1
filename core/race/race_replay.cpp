#include "race/race_replay.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace gradscape {

int replayStep(int frame, int frameCount, int steps) {
    if (frameCount < 2) throw std::invalid_argument("an animation needs at least 2 frames");
    const double exact = static_cast<double>(frame) * steps / (frameCount - 1);
    return std::clamp(static_cast<int>(std::lround(exact)), 0, steps);
}

std::shared_ptr<const Snapshot> snapshotAtStep(const Snapshot& snapshot, int step) {
    auto past = std::make_shared<Snapshot>(snapshot);
    past->stepCount = std::min(step, snapshot.stepCount);
    past->playing = false;
    for (PathSnapshot& path : past->paths) {
        const Trajectory& whole = *path.trajectory;
        if (static_cast<int>(whole.points.size()) <= step + 1 &&
            (!whole.diverged() || whole.divergedAtStep <= step))
            continue;  // nothing after this step: the path is shared as it is
        // A copy shares the whole path's chunks; cutting it copies only the chunk holding the new end.
        auto cut = std::make_shared<Trajectory>(whole);
        const size_t kept = std::min(whole.points.size(), static_cast<size_t>(step) + 1);
        cut->points.truncate(kept);
        cut->losses.truncate(kept);
        cut->divergedAtStep = whole.divergedAtStep <= step ? whole.divergedAtStep : -1;
        path.analysis =
            analysisOfCutPath(snapshot.analyses, *path.analysis, path.settings, *snapshot.landscape, *cut);
        path.trajectory = std::move(cut);
    }
    return past;
}

}  // namespace gradscape
