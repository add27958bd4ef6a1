#pragma once
// What a teacher plots against the step for each path: the loss, the gradient norm and the distance to the
// nearest known minimum. Long paths make the gradient norm costly to recompute every publish, so a cache
// extends each path's series as it grows, with the min/max summaries the plots read them through
// (view/series_summary.h).

#include "landscapes/landscape.h"
#include "optimizers/trajectory.h"
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
/// iterate, except distanceToMinimum, which is empty when the landscape knows no minimum.
struct PathSeries {
    std::vector<double> loss;
    std::vector<double> gradientNorm;
    std::vector<double> distanceToMinimum;
    /// Each series' summary, extended with it: a plot reads its range and columns from these, not from
    /// every value. A summary may describe more steps than its series (see prefix).
    SeriesSummary lossSummary, gradientNormSummary, distanceSummary;

    /// The series of the path's first `count` iterates (a cut path's): the values up to there, the
    /// summaries as they are (their answers about a prefix are the prefix's own).
    PathSeries prefix(std::size_t count) const;
};

/// The series of one path, kept between publishes and extended as the path grows. Each path's
/// PathAnalyser holds one, so a removed path's cache goes with it.
///
/// Snapshots publish a new Trajectory object whenever a path changed, a grown path included, so a new
/// trajectory reuses the cached values of every step whose iterate is the same point as before (the values
/// depend on the point and the landscape only). Only the steps after the first differing iterate are
/// computed (metricsAt). Not thread-safe: one reader thread.
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
