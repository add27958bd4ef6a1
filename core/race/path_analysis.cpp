#include "race/path_analysis.h"

#include <algorithm>

namespace gradscape {
namespace {

// A landscape or optimizer that throws on one point costs that analysis only: the path is still published.
std::optional<StabilityAnalysis> stabilityOrNothing(const Landscape& landscape, const Vec2& at,
                                                    const OptimizerSettings& settings) {
    try {
        return stabilityAt(landscape, at, settings);
    } catch (...) {
        return std::nullopt;
    }
}

bool explainsNextStep(const AnalysisRequest& request, const Trajectory& path) {
    return request.nextSteps && !path.points.empty() && !path.diverged();
}

}  // namespace

int stepToExplain(const Trajectory& path) {
    if (path.diverged()) return path.steps();
    return std::max(path.steps() - 1, 0);
}

ExplainedStep explainPathStep(const OptimizerSettings& settings, const Landscape& landscape,
                              const Trajectory& path, int step) {
    if (!settings.enabled || path.points.empty()) return {{}, "this optimizer is switched off"};
    try {
        return {explainStep(settings, landscape, path, step), ""};
    } catch (const std::exception& e) {
        return {{}, e.what()};
    }
}

std::shared_ptr<const PathAnalysis> PathAnalyser::update(
    const AnalysisRequest& request, const OptimizerSettings& settings,
    const std::shared_ptr<const Landscape>& landscape, const std::shared_ptr<const Trajectory>& trajectory,
    bool complete) {
    const bool sameRun = analysis_ && settings == settings_ && landscape == landscape_;
    if (sameRun && request == request_ && trajectory == trajectory_ && complete == complete_) return analysis_;

    const PathAnalysis* before = sameRun ? analysis_.get() : nullptr;
    const bool samePath = before && trajectory == trajectory_;
    const Trajectory& path = *trajectory;
    auto analysis = std::make_shared<PathAnalysis>();
    if (request.stability && !path.points.empty()) {
        // Each bound depends on the settings, the landscape and its one point only.
        const bool sameLatest = before && !trajectory_->points.empty() &&
                                trajectory_->points.back() == path.points.back() && before->stabilityAtLatest;
        analysis->stabilityAtLatest = sameLatest
                                          ? before->stabilityAtLatest
                                          : stabilityOrNothing(*landscape, path.points.back(), settings);
        const bool sameStart = before && !trajectory_->points.empty() &&
                               trajectory_->points.front() == path.points.front() && before->stabilityAtStart;
        analysis->stabilityAtStart = sameStart
                                         ? before->stabilityAtStart
                                         : stabilityOrNothing(*landscape, path.points.front(), settings);
    }
    if (request.metrics && !path.points.empty()) {
        // The cache extends the series by the steps the path grew; the snapshot gets an immutable copy.
        analysis->series =
            samePath && before->series
                ? before->series
                : std::make_shared<const PathSeries>(metrics_.update(landscape, trajectory));
    }
    if (request.latestStepOf == settings.id && complete) {
        analysis->latestStep = samePath && before->latestStep
                                   ? before->latestStep
                                   : explainPathStep(settings, *landscape, path, stepToExplain(path));
    }
    if (complete && explainsNextStep(request, path)) {
        analysis->nextStep = samePath && before->nextStep
                                 ? before->nextStep
                                 : explainPathStep(settings, *landscape, path, path.steps());
    }
    request_ = request;
    settings_ = settings;
    landscape_ = landscape;
    trajectory_ = trajectory;
    complete_ = complete;
    analysis_ = std::move(analysis);
    return analysis_;
}

std::shared_ptr<const PathAnalysis> analysisOfCutPath(const AnalysisRequest& request,
                                                      const PathAnalysis& whole,
                                                      const OptimizerSettings& settings,
                                                      const Landscape& landscape, const Trajectory& cut) {
    auto analysis = std::make_shared<PathAnalysis>();
    if (whole.stabilityAtLatest && !cut.points.empty())
        analysis->stabilityAtLatest = stabilityOrNothing(landscape, cut.points.back(), settings);
    analysis->stabilityAtStart = whole.stabilityAtStart;
    // Step k's values depend on x_k and the landscape only: the cut path's series are prefixes.
    if (whole.series)
        analysis->series = std::make_shared<const PathSeries>(whole.series->prefix(cut.points.size()));
    if (request.latestStepOf == settings.id)
        analysis->latestStep = explainPathStep(settings, landscape, cut, stepToExplain(cut));
    if (explainsNextStep(request, cut))
        analysis->nextStep = explainPathStep(settings, landscape, cut, cut.steps());
    return analysis;
}

}  // namespace gradscape
