#pragma once
// A run of one optimizer from a start point: every iterate, its loss, and whether it diverged.
// Iterates live in chunked storage (support/chunked_vector.h): copying a trajectory shares what it holds,
// so a snapshot of a million-step path costs a pointer per chunk, not the path.

#include "landscapes/landscape.h"
#include "support/chunked_vector.h"

#include <cmath>
#include <string>

namespace gradscape {

class Optimizer;

/// Iterates further than this from the origin count as divergence.
inline constexpr double kDivergenceRadius = 1e6;

/// The recorded path of one optimizer: points[0] is the start, points[k] the iterate after step k.
struct Trajectory {
    ChunkedVector<Vec2> points;
    ChunkedVector<double> losses;  ///< losses[k] = f(points[k]).
    int divergedAtStep = -1;  ///< The step whose result was NaN, Inf or beyond kDivergenceRadius; -1 if none.

    int steps() const { return static_cast<int>(points.size()) - 1; }
    bool diverged() const { return divergedAtStep >= 0; }
    /// "diverged at step k", or "" when the run has not diverged.
    std::string divergenceMessage() const;
};

/// Whether an iterate may be recorded: finite, within kDivergenceRadius, with a finite loss.
inline bool isUsableIterate(const Vec2& p, double loss) {
    return std::isfinite(loss) && std::abs(p.x()) <= kDivergenceRadius &&
           std::abs(p.y()) <= kDivergenceRadius;
}

/// A trajectory holding only its start point (with its loss); a start that is itself not finite is
/// recorded as diverged at step 0.
Trajectory startTrajectory(const Landscape& landscape, const Vec2& start);

/// Steps the optimizer until the trajectory has `targetSteps` steps or diverges. The optimizer must
/// hold the state left by the trajectory's last step (or be freshly reset for a new trajectory).
void advanceTrajectory(Trajectory& trajectory, Optimizer& optimizer, const Landscape& landscape,
                       int targetSteps);

}  // namespace gradscape
