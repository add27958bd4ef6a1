#pragma once
// The step-by-step section: one optimizer of the race advanced a step at a time, its latest step
// worked out term by term with this step's numbers, as a teacher works an example on the board.

#include "session.h"
#include "optimizers/step_explanation.h"

#include <memory>
#include <string>

namespace gradscape {

/// The step the panel explains for a path: the latest step taken, x_{n-1} -> x_n (the first step
/// x_0 -> x_1 before any is taken, and the step that diverged on a diverged path).
int stepToExplain(const Trajectory& path);

/// The explanation of path's stepToExplain, or an error sentence; cached per (trajectory, step), so
/// drawing every frame replays the run only when the path has moved on.
struct StepPanelEntry {
    std::shared_ptr<const Trajectory> trajectory;
    int step = -1;
    StepExplanation explanation;
    std::string error;  ///< Why there is no explanation; "" when there is one.
};
const StepPanelEntry& explainLatestStep(const Snapshot& snapshot, const PathSnapshot& path);

/// Draws the section's contents: the optimizer picker (session.views.stepByStepId), "Next step"
/// (pausing a playing race first) and the table of this step's terms.
void drawStepByStep(Session& session, const Snapshot& snapshot);

}  // namespace gradscape
