#pragma once
// AdamW, as torch.optim.AdamW: Adam with decoupled weight decay (default lambda = 0.01).
//
// Update rule (lecture 3):  x' = x_{t-1} - eta * lambda * x_{t-1}        (shrink, independent of g)
//                           m_t, v_t, m^_t, v^_t as in Adam, from g_t = grad f(x_{t-1}) alone
//                           x_t = x' - eta * m^_t / (sqrt(v^_t) + eps)
// Unlike Adam's L2, the decay is not divided by sqrt(v^): every weight shrinks at the same rate.

#include "optimizers/adaptive_moments.h"
#include "optimizers/step_board.h"
#include "optimizers/stepped_optimizer.h"

namespace gradscape {

class AdamW final : public SteppedOptimizer<AdamW> {
  public:
    /// The decay is decoupled: the moments see grad f alone.
    static constexpr GradientForm gradientForm = GradientForm::Raw;

    using SteppedOptimizer::SteppedOptimizer;
    void reset() override { moments_.reset(), steps_ = 0; }
    OptimizerState state() const override {
        return {{{"first moment m", moments_.first}, {"second moment v", moments_.second(hyperparameters_)}},
                {},
                ""};
    }

    template <class F>
    Vec2 update(const F&, const Vec2& x, const Vec2& gradient, double eta) {
        const Vec2 shrunk = x * (1 - eta * hyperparameters_.weightDecay);
        return shrunk + moments_.step(gradient, eta, hyperparameters_);
    }

    /// Step k worked out term by term, for the step-by-step view.
    static void explain(const StepContext& c, StepBoard& b) { explainAdaptiveMomentStep(c, b, true); }
    /// Adaptive: no fixed learning-rate bound.
    static StabilityForm stability() { return noFixedBound(kAdaptiveMomentsNoBound); }

  private:
    AdaptiveMoments moments_;
};

}  // namespace gradscape
