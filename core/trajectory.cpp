#include "trajectory.h"

#include <cmath>

namespace gradscape {
namespace {

bool isUsable(const Vec2& p, double loss) {
    return std::isfinite(p.x()) && std::isfinite(p.y()) && std::isfinite(loss) &&
           std::abs(p.x()) <= kDivergenceRadius && std::abs(p.y()) <= kDivergenceRadius;
}

}  // namespace

std::string Trajectory::divergenceMessage() const {
    return diverged() ? "diverged at step " + std::to_string(divergedAtStep) : std::string();
}

Trajectory startTrajectory(const Landscape& landscape, const Vec2& start) {
    Trajectory trajectory;
    const double loss = landscape.valueAt(start);
    if (!isUsable(start, loss)) {
        trajectory.divergedAtStep = 0;
        return trajectory;
    }
    trajectory.points.push_back(start);
    trajectory.losses.push_back(loss);
    return trajectory;
}

void advanceTrajectory(Trajectory& trajectory, Optimizer& optimizer, const Landscape& landscape,
                       int targetSteps) {
    if (trajectory.diverged() || trajectory.points.empty() || trajectory.steps() >= targetSteps) return;
    trajectory.points.reserve(targetSteps + 1);
    trajectory.losses.reserve(targetSteps + 1);
    Vec2 x = trajectory.points.back();
    Vec2 gradient;
    landscape.valueAndGradientAt(x, gradient);
    for (int step = trajectory.steps() + 1; step <= targetSteps; ++step) {
        x = optimizer.step(landscape, x, gradient);
        const double loss = landscape.valueAndGradientAt(x, gradient);
        // A diverged iterate is never recorded, so no NaN ever reaches a view.
        if (!isUsable(x, loss)) {
            trajectory.divergedAtStep = step;
            return;
        }
        trajectory.points.push_back(x);
        trajectory.losses.push_back(loss);
    }
}

}  // namespace gradscape
