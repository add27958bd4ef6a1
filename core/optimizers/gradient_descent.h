#pragma once
// Full-batch gradient descent, as torch.optim.SGD with momentum 0.
//
// Update rule (lecture):  x_{t+1} = x_t - eta * grad f(x_t)
// With weight decay lambda the gradient is g_t = grad f(x_t) + lambda x_t. With line search on, the step
// eta is only the first trial: it is halved until the Armijo condition holds.
// Stability: x' = (I - eta A) x with A = H + lambda I, stable while eta < 2 / lambda_max.

#include "optimizers/line_search.h"
#include "optimizers/stability.h"
#include "optimizers/step_board.h"
#include "optimizers/stepped_optimizer.h"

namespace gradscape {

/// Gradient descent's update on a vector of type V (see optimizers/update_rule.h); it keeps no state.
template <class V>
struct GradientDescentRule {
    static constexpr GradientForm gradientForm = GradientForm::WithWeightDecay;

    void reset() {}

    template <class F>
    V update(const F& f, const V& x, const V& g, double eta, long /*step*/, const Hyperparameters& h) {
        if (!h.lineSearch) return x - eta * g;
        return x - armijoStep(f, x, g, -g, eta, h.weightDecay) * g;
    }
};

class GradientDescent final : public SteppedOptimizer<GradientDescent> {
  public:
    template <class V>
    using Rule = GradientDescentRule<V>;

    using SteppedOptimizer::SteppedOptimizer;
    void reset() override { steps_ = 0; }
    OptimizerState state() const override { return {}; }

    template <class F>
    Vec2 update(const F& f, const Vec2& x, const Vec2& g, double eta) {
        return rule_.update(f, x, g, eta, steps_, hyperparameters_);
    }

    /// Step k worked out term by term, for the step-by-step view.
    static void explain(const StepContext& c, StepBoard& b);
    /// x' = (I - eta A) x; the bound 2 / lambda_max and lecture 2's step along -g.
    static StabilityForm stability() {
        return {"", &gradientStepMatrix, [](const LinearizedStep& step, StabilityAnalysis& result) {
                    if (!unstableEverywhere(step, result)) gradientStepBound(step, result, true);
                }};
    }

  private:
    [[no_unique_address]] Rule<Vec2> rule_;
};

inline void GradientDescent::explain(const StepContext& c, StepBoard& b) {
    b.learningRate(c);
    const Vec2 g = b.gradientTerms(c);
    if (!c.h.lineSearch) {
        b.vector("step", "-eta * g_k", -c.eta * g);
        b.gradientArrows(c, -c.eta, "-eta", true);
        b.partsAddUp(true);
        return;
    }
    const double a = stepLengthAlong(c.taken, -g);
    b.scalar("step length a (Armijo)", "eta / 2^j, the first with phi(x_k - a g_k) <= phi(x_k) - c a |g_k|^2",
             a);
    b.vector("step", "-a * g_k", -a * g);
    b.gradientArrows(c, -c.eta, "-eta", false);
    b.arrow(StepPart::Rescaled, "-a g (after line search)", -a * g, false);
}

}  // namespace gradscape
