#pragma once
// The base every concrete optimizer derives from, and the loop that steps it without a virtual call.
//
// SteppedOptimizer takes the part of a step every method shares (startStep, optimizers/update_rule.h): it
// reads the scheduled learning rate eta_k, counts the step, adds L2 weight decay into the gradient
// (g = grad f(x) + lambda x), and hands the rest to Derived::update(f, x, g, eta). A method whose gradient
// is not that declares so with `static constexpr GradientForm gradientForm = GradientForm::Raw;` and
// receives grad f(x) itself. runSteps inlines the whole step, landscape included, into one loop per
// concrete landscape type. The element-wise methods keep their state and update in a Rule over the vector
// type, which ParameterStepper (optimizers/parameter_optimizer.h) also steps on vectors of any size.

#include "landscapes/classic_landscapes.h"
#include "optimizers/optimizer.h"
#include "optimizers/update_rule.h"

#include <algorithm>
#include <span>

namespace gradscape {

/// Records iterates until `targetSteps` or divergence, calling Derived::stepWith(f, x, g) with the
/// landscape's concrete type, so one step costs no virtual call. Flattened: the whole step, landscape
/// included, is inlined into the loop (the dependency chain of one step is then the only limit).
template <class Derived, class F>
[[gnu::flatten]] void runSteps(Derived& optimizer, const F& f, Trajectory& trajectory, int targetSteps) {
    if (trajectory.diverged() || trajectory.points.empty() || trajectory.steps() >= targetSteps) return;
    const size_t end = static_cast<size_t>(targetSteps) + 1;
    Vec2 x = trajectory.points.back();
    Vec2 gradient;
    f.valueAndGradientAt(x, gradient);
    // A chunk's worth at a time through raw pointers: the inner loop is the step and two stores.
    for (size_t k = trajectory.points.size(); k < end;) {
        const std::span<Vec2> points = trajectory.points.appendSpace();
        const std::span<double> losses = trajectory.losses.appendSpace();
        const size_t run = std::min({points.size(), losses.size(), end - k});
        Vec2* const p = points.data();
        double* const l = losses.data();
        size_t i = 0;
        for (; i < run; ++i) {
            x = optimizer.stepWith(f, x, gradient);
            const double loss = f.valueAndGradientAt(x, gradient);
            // A diverged iterate is never recorded, so no NaN ever reaches a view.
            if (!isUsableIterate(x, loss)) {
                trajectory.divergedAtStep = static_cast<int>(k + i);
                break;
            }
            p[i] = x;
            l[i] = loss;
        }
        trajectory.points.commitAppend(i);
        trajectory.losses.commitAppend(i);
        if (i < run) return;
        k += run;
    }
}

/// The base of every concrete optimizer: the shared start of a step (learning rate, step count,
/// weight decay), then Derived::update; step() and advance() come from it.
template <class Derived>
class SteppedOptimizer : public Optimizer {
  public:
    using Optimizer::Optimizer;

    /// The gradient form Derived::update receives; a derived class redeclares it to change it.
    static constexpr GradientForm gradientForm = GradientForm::WithWeightDecay;

    /// One step from x: eta_k from the schedule (before the count moves), the count, then
    /// Derived::update(f, x, g, eta_k) with g as Derived::gradientForm says. During update,
    /// stepsTaken() already counts this step (1 on the first).
    template <class F>
    Vec2 stepWith(const F& f, const Vec2& x, const Vec2& gradient) {
        return startStep<Derived::gradientForm>(hyperparameters_, steps_, x, gradient,
                                                [&](const Vec2& g, double eta) {
                                                    return static_cast<Derived&>(*this).update(f, x, g, eta);
                                                });
    }

    Vec2 step(const Landscape& landscape, const Vec2& x, const Vec2& gradient) final {
        return stepWith(landscape, x, gradient);
    }

    void advance(Trajectory& trajectory, const Landscape& landscape, int targetSteps) final {
        withConcreteLandscape(landscape, [&](const auto& f) {
            runSteps(static_cast<Derived&>(*this), f, trajectory, targetSteps);
        });
    }
};

}  // namespace gradscape
