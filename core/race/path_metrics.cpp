#include "race/path_metrics.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace gradscape {

double distanceToNearest(const std::vector<Vec2>& minima, const Vec2& p) {
    double best = std::numeric_limits<double>::quiet_NaN();
    for (const Vec2& m : minima) {
        const double d = (p - m).norm();
        if (!(d >= best)) best = d;  // also replaces the initial NaN
    }
    return best;
}

StepMetrics metricsAt(const Landscape& landscape, const Trajectory& trajectory, int step) {
    const Vec2& p = trajectory.points.at(static_cast<size_t>(step));
    return {step, trajectory.losses.at(static_cast<size_t>(step)), landscape.gradientAt(p).norm(),
            distanceToNearest(landscape.knownMinima(), p)};
}

PathSeries PathSeries::prefix(std::size_t count) const {
    PathSeries cut = *this;
    cut.loss.truncate(count);
    cut.gradientNorm.truncate(count);
    cut.distanceToMinimum.truncate(count);
    return cut;
}

namespace {

// `summary` of the first `count` of `values` (those it had of them were the same): from scratch where it
// had more, then extended.
void summarize(SeriesSummary& summary, const ChunkedVector<double>& values, std::size_t count) {
    if (summary.size() > count) summary = {};
    summary.extend(SeriesValues(values).first(count));
}

}  // namespace

const PathSeries& PathMetricsCache::update(const std::shared_ptr<const Landscape>& landscape,
                                           const std::shared_ptr<const Trajectory>& trajectory) {
    if (trajectory_ == trajectory && landscape_ == landscape) return series_;

    // The steps this path holds in the chunks the previous one held keep their values: a grown path all of
    // the previous ones. Another landscape changes every value.
    const auto& points = trajectory->points;
    const size_t reused =
        landscape_ == landscape && trajectory_
            ? std::min({points.sharedPrefix(trajectory_->points), series_.gradientNorm.size()})
            : 0;
    const bool minimaKnown = !landscape->knownMinima().empty();
    series_.gradientNorm.truncate(reused);
    series_.distanceToMinimum.truncate(minimaKnown ? reused : 0);
    summarize(series_.gradientNormSummary, series_.gradientNorm, reused);
    summarize(series_.distanceSummary, series_.distanceToMinimum, series_.distanceToMinimum.size());
    for (size_t k = reused; k < points.size(); ++k) {
        const StepMetrics m = metricsAt(*landscape, *trajectory, static_cast<int>(k));
        series_.gradientNorm.push_back(m.gradientNorm);
        series_.gradientNormSummary.push_back(m.gradientNorm);
        if (minimaKnown) {
            series_.distanceToMinimum.push_back(m.distanceToMinimum);
            series_.distanceSummary.push_back(m.distanceToMinimum);
        }
    }
    // The losses are the trajectory's own (shared, not copied); their summary catches up. The steps of the
    // previous losses still in the same chunks are the same values.
    const size_t sameLosses =
        trajectory_ && landscape_ == landscape ? trajectory->losses.sharedPrefix(trajectory_->losses) : 0;
    series_.loss = trajectory->losses;
    if (sameLosses < series_.lossSummary.size()) series_.lossSummary = {};
    series_.lossSummary.extend(series_.loss);
    computedSteps_ += static_cast<long long>(points.size() - reused);
    landscape_ = landscape;
    trajectory_ = trajectory;
    return series_;
}

}  // namespace gradscape
