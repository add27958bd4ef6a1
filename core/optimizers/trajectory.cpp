#include "optimizers/trajectory.h"

#include "optimizers/optimizer.h"

namespace gradscape {

std::string Trajectory::divergenceMessage() const {
    return diverged() ? "diverged at step " + std::to_string(divergedAtStep) : std::string();
}

Trajectory startTrajectory(const Landscape& landscape, const Vec2& start) {
    Trajectory trajectory;
    const double loss = landscape.valueAt(start);
    if (!isUsableIterate(start, loss)) {
        trajectory.divergedAtStep = 0;
        return trajectory;
    }
    trajectory.points.push_back(start);
    trajectory.losses.push_back(loss);
    return trajectory;
}

void advanceTrajectory(Trajectory& trajectory, Optimizer& optimizer, const Landscape& landscape,
                       int targetSteps) {
    optimizer.advance(trajectory, landscape, targetSteps);
}

}  // namespace gradscape
