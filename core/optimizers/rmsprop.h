#pragma once
// RMSProp, as torch.optim.RMSprop (centered off, momentum 0).
//
// Update rule (lecture):  s_t = alpha * s_{t-1} + (1 - alpha) * g_t * g_t
//                         x_{t+1} = x_t - eta * g_t / (sqrt(s_t) + eps)
// AdaGrad with a leaky accumulator: old gradients are forgotten, so steps can grow again.

#include "optimizers/step_board.h"
#include "optimizers/stepped_optimizer.h"

namespace gradscape {

/// RMSProp's running mean square and update on a vector of type V (see optimizers/update_rule.h).
template <class V>
struct RmsPropRule {
    static constexpr GradientForm gradientForm = GradientForm::WithWeightDecay;

    V squareAverage = zeroState<V>();

    void reset() { *this = {}; }

    template <class F>
    V update(const F&, const V& x, const V& g, double eta, long /*step*/, const Hyperparameters& h) {
        sizeLike(squareAverage, x);
        // torch's operation order (addcmul: (c a) b, addcdiv: (c a) / b): near the minimum RMSProp
        // chatters, and there the last bit of one rounding decides the next hundred steps.
        squareAverage = squareAverage * h.alpha + ((1 - h.alpha) * g).cwiseProduct(g);
        return x + (-eta * g).cwiseQuotient((squareAverage.cwiseSqrt().array() + h.epsilon).matrix());
    }
};

class RmsProp final : public SteppedOptimizer<RmsProp> {
  public:
    template <class V>
    using Rule = RmsPropRule<V>;

    using SteppedOptimizer::SteppedOptimizer;
    void reset() override { rule_.reset(), steps_ = 0; }
    OptimizerState state() const override { return {{{"mean square s", rule_.squareAverage}}, {}, ""}; }

    template <class F>
    Vec2 update(const F& f, const Vec2& x, const Vec2& g, double eta) {
        return rule_.update(f, x, g, eta, steps_, hyperparameters_);
    }

    /// Step k worked out term by term, for the step-by-step view.
    static void explain(const StepContext& c, StepBoard& b) { explainAccumulatorStep(c, b, true); }
    /// Adaptive: no fixed learning-rate bound.
    static StabilityForm stability() {
        return noFixedBound(
            "adaptive: each coordinate's step is divided by the running RMS of its gradient, so a step is "
            "about eta long whatever the curvature; no fixed learning-rate bound");
    }

  private:
    Rule<Vec2> rule_;
};

}  // namespace gradscape
