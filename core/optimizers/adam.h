#pragma once
// Adam, as torch.optim.Adam: bias correction on (switchable), weight decay as L2 added to the gradient.
//
// Update rule (lecture 3):  m_t = beta1 * m_{t-1} + (1 - beta1) * g_t
//                           v_t = beta2 * v_{t-1} + (1 - beta2) * g_t^2
//                           m^_t = m_t / (1 - beta1^t),   v^_t = v_t / (1 - beta2^t)
//                           x_t = x_{t-1} - eta * m^_t / (sqrt(v^_t) + eps)
// with g_t = grad f(x_{t-1}) + lambda * x_{t-1}. The lecture-3 variant puts eps inside: sqrt(v^_t + eps).

#include "optimizers/adaptive_moments.h"
#include "optimizers/step_board.h"
#include "optimizers/stepped_optimizer.h"

namespace gradscape {

class Adam final : public SteppedOptimizer<Adam> {
  public:
    using SteppedOptimizer::SteppedOptimizer;
    void reset() override { moments_.reset(), steps_ = 0; }
    OptimizerState state() const override {
        return {{{"first moment m", moments_.first}, {"second moment v", moments_.second(hyperparameters_)}},
                {},
                ""};
    }

    template <class F>
    Vec2 update(const F&, const Vec2& x, const Vec2& g, double eta) {
        return x + moments_.step(g, eta, hyperparameters_);
    }

    /// Step k worked out term by term, for the step-by-step view.
    static void explain(const StepContext& c, StepBoard& b) { explainAdaptiveMomentStep(c, b, false); }
    /// Adaptive: no fixed learning-rate bound.
    static StabilityForm stability() { return noFixedBound(kAdaptiveMomentsNoBound); }

  private:
    AdaptiveMoments moments_;
};

}  // namespace gradscape
