#pragma once
// What a teacher plots against the step for each path: the loss, the gradient norm and the distance to the
// nearest known minimum. Long paths make the gradient norm costly to recompute every publish, so a cache
// extends each path's series as it grows, with the min/max summaries the plots read them through
// (view/series_summary.h).

#include "landscapes/landscape.h"
#include "optimizers/trajectory.h"
#include "support/chunked_vector.h"
#include "view/series_summary.h"

#include <memory>
#include <span>
#include <vector>

namespace gradscape {

/// The quantities of one iterate x_k of a path.
struct StepMetrics {
    int step = 0;
    double loss = 0;               ///< f(x_k).
    double gradientNorm = 0;       ///< |grad f(x_k)|, the Euclidean norm.
    double distanceToMinimum = 0;  ///< |x_k - m| for the nearest known minimum m; NaN when none is known.
};

/// The distance from p to the nearest of `minima`; NaN when the list is empty.
double distanceToNearest(const std::vector<Vec2>& minima, const Vec2& p);

/// The quantities at step `step` of `trajectory` on `landscape`, computed directly for that step (what
/// PathMetricsCache computes for each step it has not seen).
/// The step must be in [0, trajectory.steps()].
StepMetrics metricsAt(const Landscape& landscape, const Trajectory& trajectory, int step);

/// Per-step series of one path: element k belongs to step k. Every series has one element per recorded
/// iterate, except distanceToMinimum, which is empty when the landscape knows no minimum. In chunked
/// storage, as the trajectory's iterates: a copy (each publish makes one) shares every chunk, and the loss
/// is the trajectory's own losses, shared.
struct PathSeries {
    ChunkedVector<double> loss;
    ChunkedVector<double> gradientNorm;
    ChunkedVector<double> distanceToMinimum;
    /// Each series' summary, extended with it: a plot reads its range and columns from these, not from
    /// every value. A summary may describe more steps than its series (see prefix).
    SeriesSummary lossSummary, gradientNormSummary, distanceSummary;

    /// The series of the path's first `count` iterates (a cut path's): the values up to there, sharing
    /// their chunks, and the summaries as they are (their answers about a prefix are the prefix's own).
    PathSeries prefix(std::size_t count) const;
};

/// The series of one path, kept between publishes and extended as the path grows. Each path's
/// PathAnalyser holds one, so a removed path's cache goes with it.
///
/// Snapshots publish a new Trajectory object whenever a path changed, a grown path included. A grown
/// path holds the iterates it had in the same chunks (ChunkedVector::sharedPrefix tells how many in
/// O(chunks), without comparing a point): their values are kept (they depend on the point and the
/// landscape only) and only the new steps are computed (metricsAt), their summaries extended. A path
/// computed again (a moved start, other settings) is new storage: its series start again. Not
/// thread-safe: one writer thread; the copies it hands out may be read on any thread.
class PathMetricsCache {
  public:
    /// The series of `trajectory` on `landscape`. The reference stays valid until the next call.
    const PathSeries& update(const std::shared_ptr<const Landscape>& landscape,
                             const std::shared_ptr<const Trajectory>& trajectory);
    /// How many steps' gradient norms were computed since construction (to observe reuse in tests).
    long long computedSteps() const { return computedSteps_; }

  private:
    std::shared_ptr<const Landscape> landscape_;
    std::shared_ptr<const Trajectory> trajectory_;
    PathSeries series_;
    long long computedSteps_ = 0;
};

}  // namespace gradscape
