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
    PathSeries cut;
    auto first = [&](const std::vector<double>& values) {
        return std::vector<double>(
            values.begin(), values.begin() + static_cast<std::ptrdiff_t>(std::min(values.size(), count)));
    };
    cut.loss = first(loss);
    cut.gradientNorm = first(gradientNorm);
    cut.distanceToMinimum = first(distanceToMinimum);
    cut.lossSummary = lossSummary, cut.gradientNormSummary = gradientNormSummary;
    cut.distanceSummary = distanceSummary;
    return cut;
}

const PathSeries& PathMetricsCache::update(const std::shared_ptr<const Landscape>& landscape,
                                           const std::shared_ptr<const Trajectory>& trajectory) {
    if (trajectory_ == trajectory && landscape_ == landscape) return series_;

    // Steps whose iterate is unchanged keep their values; a grown path shares its whole prefix.
    const auto& points = trajectory->points;
    size_t reused = 0;
    if (landscape_ == landscape && trajectory_) {
        const auto& before = trajectory_->points;
        const size_t common = std::min(before.size(), points.size());
        while (reused < common && before[reused] == points[reused])
            ++reused;
    }
    reused = std::min({reused, series_.loss.size(), series_.gradientNorm.size()});
    const bool minimaKnown = !landscape->knownMinima().empty();
    if (reused < series_.loss.size() || series_.distanceToMinimum.size() != (minimaKnown ? reused : 0)) {
        // Another path (or landscape) from some step on: the summaries start again from the kept steps.
        series_.loss.resize(reused);
        series_.gradientNorm.resize(reused);
        series_.distanceToMinimum.resize(minimaKnown ? reused : 0);
        series_.lossSummary = {}, series_.gradientNormSummary = {}, series_.distanceSummary = {};
        series_.lossSummary.extend(series_.loss);
        series_.gradientNormSummary.extend(series_.gradientNorm);
        series_.distanceSummary.extend(series_.distanceToMinimum);
    }
    for (size_t k = reused; k < points.size(); ++k) {
        const StepMetrics m = metricsAt(*landscape, *trajectory, static_cast<int>(k));
        series_.loss.push_back(m.loss);
        series_.lossSummary.push_back(m.loss);
        series_.gradientNorm.push_back(m.gradientNorm);
        series_.gradientNormSummary.push_back(m.gradientNorm);
        if (minimaKnown) {
            series_.distanceToMinimum.push_back(m.distanceToMinimum);
            series_.distanceSummary.push_back(m.distanceToMinimum);
        }
    }
    computedSteps_ += static_cast<long long>(points.size() - reused);
    landscape_ = landscape;
    trajectory_ = trajectory;
    return series_;
}

}  // namespace gradscape
