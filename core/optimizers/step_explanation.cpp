// Replays an optimizer to step k, takes the one step, and has the catalog row of its kind write the
// step out term by term (each optimizer's header holds its own explanation).

#include "optimizers/step_explanation.h"

#include "optimizers/step_board.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace gradscape {

StepExplanation explainStep(const OptimizerSettings& settings, const Landscape& f, const Trajectory& path,
                            int step) {
    if (step < 0 || step > path.steps())
        throw std::invalid_argument("step must be in [0, " + std::to_string(std::max(path.steps(), 0)) +
                                    "], got " + std::to_string(step));
    std::unique_ptr<Optimizer> optimizer = makeOptimizer(settings.kind, settings.hyperparameters);
    Trajectory replay = startTrajectory(f, settings.start);
    optimizer->advance(replay, f, step);
    const size_t k = static_cast<size_t>(step);
    if (replay.steps() != step || replay.points[k] != path.points[k])
        throw std::invalid_argument("the path was not produced by these settings: replaying " +
                                    settings.kind + " does not reach its iterate at step " +
                                    std::to_string(step));

    StepExplanation e;
    e.kind = settings.kind;
    e.updateRule = updateRuleFor(settings);
    e.step = step;
    e.from = replay.points[k];
    e.lossFrom = replay.losses[k];
    StepContext c{settings, settings.hyperparameters, f, replay};
    c.k = step;
    c.x = e.from;
    f.valueAndGradientAt(c.x, c.gradient);
    c.eta = scheduledLearningRate(settings.hyperparameters, step);
    c.before = optimizer->state();

    // The step as the solver takes it (the same fast advance), so x_{k+1} is the path's to the bit.
    optimizer->advance(replay, f, step + 1);
    c.after = optimizer->state();
    if (replay.steps() == step + 1) {
        e.to = replay.points[k + 1];
        e.lossTo = replay.losses[k + 1];
    } else {
        // A diverged iterate is never recorded: take the step again to see where it went.
        std::unique_ptr<Optimizer> again = makeOptimizer(settings.kind, settings.hyperparameters);
        Trajectory scratch = startTrajectory(f, settings.start);
        again->advance(scratch, f, step);
        e.to = again->step(f, c.x, c.gradient);
        e.lossTo = f.valueAt(e.to);
        e.diverges = true;
    }
    e.stepTaken = e.to - e.from;
    c.taken = e.stepTaken;
    e.note = c.after.note;

    StepBoard board(e);
    optimizerInfo(settings.kind).explain(c, board);
    board.vector("step taken", "x_{k+1} - x_k", e.stepTaken);
    board.vector("next iterate x_{k+1}", "x_k + step", e.to);
    board.arrow(StepPart::StepTaken, "x_{k+1} - x_k (step taken)", e.stepTaken, false);
    // Views never get a NaN: a diverged step has numbers in its table but nothing to draw.
    if (e.diverges) e.arrows.clear(), e.partsAddUp = false;
    return e;
}

std::string formatVector(const Vec2& v, int precision) {
    char text[96];
    std::snprintf(text, sizeof text, "(%.*g, %.*g)", precision, v.x(), precision, v.y());
    return text;
}

std::string formatTermValue(const StepTerm& term, int precision) {
    char text[160];
    switch (term.kind) {
        case StepTerm::Kind::Scalar:
            std::snprintf(text, sizeof text, "%.*g", precision, term.scalar);
            return text;
        case StepTerm::Kind::Vector:
            return formatVector(term.vector, precision);
        case StepTerm::Kind::Matrix:
            std::snprintf(text, sizeof text, "[[%.*g, %.*g], [%.*g, %.*g]]", precision, term.matrix(0, 0),
                          precision, term.matrix(0, 1), precision, term.matrix(1, 0), precision,
                          term.matrix(1, 1));
            return text;
    }
    return "";
}

}  // namespace gradscape
