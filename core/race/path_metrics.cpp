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
    series_.loss.resize(reused);
    series_.gradientNorm.resize(reused);
    const bool minimaKnown = !landscape->knownMinima().empty();
    series_.distanceToMinimum.resize(minimaKnown ? reused : 0);
    for (size_t k = reused; k < points.size(); ++k) {
        const StepMetrics m = metricsAt(*landscape, *trajectory, static_cast<int>(k));
        series_.loss.push_back(m.loss);
        series_.gradientNorm.push_back(m.gradientNorm);
        if (minimaKnown) series_.distanceToMinimum.push_back(m.distanceToMinimum);
    }
    computedSteps_ += static_cast<long long>(points.size() - reused);
    landscape_ = landscape;
    trajectory_ = trajectory;
    return series_;
}

std::vector<SeriesPoint> decimateByColumn(std::span<const double> values, int lastStep, int columns) {
    std::vector<SeriesPoint> out;
    const int count = static_cast<int>(values.size());
    // Appends in step order, never the same step twice.
    auto keep = [&](int step) {
        if (out.empty() || step > out.back().step) out.push_back({step, values[static_cast<size_t>(step)]});
    };
    if (columns < 1 || count <= 2 * columns) {
        for (int k = 0; k < count; ++k)
            if (std::isfinite(values[static_cast<size_t>(k)])) keep(k);
        return out;
    }
    int first = 0, last = count - 1;
    while (first < count && !std::isfinite(values[static_cast<size_t>(first)]))
        ++first;
    while (last > first && !std::isfinite(values[static_cast<size_t>(last)]))
        --last;
    if (first >= count) return out;
    const long long span = std::max(lastStep, count - 1) + 1LL;
    keep(first);
    int column = -1, lowest = -1, highest = -1;
    auto flush = [&] {
        if (lowest < 0) return;
        keep(std::min(lowest, highest));
        keep(std::max(lowest, highest));
    };
    for (int k = first; k <= last; ++k) {
        const double v = values[static_cast<size_t>(k)];
        if (!std::isfinite(v)) continue;
        const int c = static_cast<int>(k * static_cast<long long>(columns) / span);
        if (c != column) {
            flush();
            column = c, lowest = highest = k;
        } else {
            if (v < values[static_cast<size_t>(lowest)]) lowest = k;
            if (v > values[static_cast<size_t>(highest)]) highest = k;
        }
    }
    flush();
    keep(last);
    return out;
}

}  // namespace gradscape
