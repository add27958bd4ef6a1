#pragma once
// SignSGD: only the sign of each gradient coordinate is used.
//
// Update rule (lecture 3):  x_{t+1} = x_t - eta * sign(g_t)
// Every step has the same length per coordinate, so near a minimum it chatters back and forth.

#include "optimizers/step_board.h"
#include "optimizers/stepped_optimizer.h"

namespace gradscape {

class SignSgd final : public SteppedOptimizer<SignSgd> {
  public:
    using SteppedOptimizer::SteppedOptimizer;
    void reset() override { steps_ = 0; }
    OptimizerState state() const override { return {}; }

    /// (sign g_x, sign g_y), each -1, 0 or 1.
    static Vec2 sign(const Vec2& g) {
        return {static_cast<double>((g.x() > 0) - (g.x() < 0)),
                static_cast<double>((g.y() > 0) - (g.y() < 0))};
    }

    template <class F>
    Vec2 update(const F&, const Vec2& x, const Vec2& g, double eta) {
        return x - eta * sign(g);
    }

    /// Step k worked out term by term, for the step-by-step view.
    static void explain(const StepContext& c, StepBoard& b);
    /// Sign steps have no learning-rate bound.
    static StabilityForm stability() {
        return noFixedBound(
            "sign steps: every step moves each coordinate by eta whatever the gradient, so it never diverges "
            "and never settles closer than about eta; no learning-rate bound");
    }
};

inline void SignSgd::explain(const StepContext& c, StepBoard& b) {
    b.learningRate(c);
    const Vec2 g = b.gradientTerms(c);
    b.vector("sign(g_k)", "sign of each coordinate of g_k", sign(g));
    const Vec2 step = -c.eta * sign(g);
    b.vector("step", "-eta * sign(g_k)", step);
    b.arrow(StepPart::RawGradient, "-eta g (raw gradient)", -c.eta * g, false);
    b.arrow(StepPart::Rescaled, "-eta sign(g) (sign step)", step, true);
    b.partsAddUp(true);
}

}  // namespace gradscape
