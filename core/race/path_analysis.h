#pragma once
// What the views show of one path beyond its iterates: the stability of its settings at its latest iterate
// and at its start, its latest and next steps explained term by term, and its per-step metrics. The solver
// works these out on its own thread when it publishes, each only when its inputs changed and only what a
// view asked for (explaining a step replays the run, so it is never done for nothing); the views only read
// them from the snapshot.

#include "landscapes/landscape.h"
#include "optimizers/optimizer.h"
#include "optimizers/stability.h"
#include "optimizers/step_explanation.h"
#include "optimizers/trajectory.h"
#include "race/path_metrics.h"

#include <memory>
#include <optional>
#include <string>

namespace gradscape {

/// Which analyses the solver works out for every path (see PathAnalysis); each costs time on the solver
/// thread, so a window asks for what it shows and a bare solver computes none.
struct AnalysisRequest {
    bool stability = false;  ///< PathAnalysis::stabilityAtLatest and stabilityAtStart.
    bool metrics = false;    ///< PathAnalysis::series (the plots).
    bool nextSteps = false;  ///< PathAnalysis::nextStep of every enabled path (the step-parts overlay).
    int latestStepOf =
        0;  ///< The path whose PathAnalysis::latestStep is explained (the step panel); 0: none.

    bool operator==(const AnalysisRequest&) const = default;
};

/// One step explained, or why it cannot be.
struct ExplainedStep {
    StepExplanation explanation;
    std::string error;  ///< Why there is no explanation; "" when there is one.
};

/// What is derived from one path of a snapshot; each part is empty when it was not asked for.
struct PathAnalysis {
    /// The optimizer's update map linearized at the latest iterate (the optimizer panel's bound); nullopt
    /// on an empty path.
    std::optional<StabilityAnalysis> stabilityAtLatest;
    /// The same at the start x_0 (the plots' predicted contraction d0 rho^k); nullopt on an empty path.
    std::optional<StabilityAnalysis> stabilityAtStart;
    std::shared_ptr<const PathSeries> series;  ///< Loss, gradient norm and distance per step.
    std::optional<ExplainedStep> latestStep;   ///< Step stepToExplain(path), for the path asked for.
    std::optional<ExplainedStep> nextStep;     ///< Step path.steps(): the one the optimizer takes next.
};

/// The step the step panel explains for a path: the latest step taken, x_{n-1} -> x_n (the first step
/// x_0 -> x_1 before any is taken, and the step that diverged on a diverged path).
int stepToExplain(const Trajectory& path);

/// explainStep with its refusal as a sentence; a switched-off or empty path is not explained.
ExplainedStep explainPathStep(const OptimizerSettings& settings, const Landscape& landscape,
                              const Trajectory& path, int step);

/// The analysis of one path kept between publishes on the solver thread: each part is recomputed only when
/// its inputs changed (a new trajectory, other settings or landscape, another request). Not thread-safe.
class PathAnalyser {
  public:
    /// The analysis of `trajectory` (never null), produced by `settings` on `landscape`; the same pointer
    /// as last time when nothing it depends on changed. A path the solver is still extending
    /// (`complete` false) gets no step explained: each replays the run from its start, and the path
    /// changes every few milliseconds until it is complete.
    std::shared_ptr<const PathAnalysis> update(const AnalysisRequest& request,
                                               const OptimizerSettings& settings,
                                               const std::shared_ptr<const Landscape>& landscape,
                                               const std::shared_ptr<const Trajectory>& trajectory,
                                               bool complete = true);

  private:
    AnalysisRequest request_;
    OptimizerSettings settings_;
    std::shared_ptr<const Landscape> landscape_;
    std::shared_ptr<const Trajectory> trajectory_;
    bool complete_ = true;
    std::shared_ptr<const PathAnalysis> analysis_;
    PathMetricsCache metrics_;
};

/// The analysis of `cut`, the path that `whole` describes cut to an earlier step (a replayed frame): what
/// `request` asks for, recomputed for the cut path; its series are prefixes of the whole ones.
std::shared_ptr<const PathAnalysis> analysisOfCutPath(const AnalysisRequest& request,
                                                      const PathAnalysis& whole,
                                                      const OptimizerSettings& settings,
                                                      const Landscape& landscape, const Trajectory& cut);

}  // namespace gradscape
