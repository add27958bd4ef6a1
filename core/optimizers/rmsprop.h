#pragma once
// RMSProp, as torch.optim.RMSprop (centered off, momentum 0).
//
// Update rule (lecture):  s_t = alpha * s_{t-1} + (1 - alpha) * g_t * g_t
//                         x_{t+1} = x_t - eta * g_t / (sqrt(s_t) + eps)
// AdaGrad with a leaky accumulator: old gradients are forgotten, so steps can grow again.

#include "optimizers/step_board.h"
#include "optimizers/stepped_optimizer.h"

namespace gradscape {

class RmsProp final : public SteppedOptimizer<RmsProp> {
  public:
    using SteppedOptimizer::SteppedOptimizer;
    void reset() override { squareAverage_.setZero(), steps_ = 0; }
    OptimizerState state() const override { return {{{"mean square s", squareAverage_}}, {}, ""}; }

    template <class F>
    Vec2 update(const F&, const Vec2& x, const Vec2& g, double eta) {
        const Hyperparameters& h = hyperparameters_;
        // torch's operation order (addcmul: (c a) b, addcdiv: (c a) / b): near the minimum RMSProp
        // chatters, and there the last bit of one rounding decides the next hundred steps.
        squareAverage_ = squareAverage_ * h.alpha + ((1 - h.alpha) * g).cwiseProduct(g);
        return x + (-eta * g).cwiseQuotient((squareAverage_.cwiseSqrt().array() + h.epsilon).matrix());
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
    Vec2 squareAverage_ = Vec2::Zero();
};

}  // namespace gradscape
