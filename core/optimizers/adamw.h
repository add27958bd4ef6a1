#pragma once
// AdamW, as torch.optim.AdamW: Adam with decoupled weight decay (default lambda = 0.01).
//
// Update rule (lecture 3):  x' = x_{t-1} - eta * lambda * x_{t-1}        (shrink, independent of g)
//                           m_t, v_t, m^_t, v^_t as in Adam, from g_t = grad f(x_{t-1}) alone
//                           x_t = x' - eta * m^_t / (sqrt(v^_t) + eps)
// Unlike Adam's L2, the decay is not divided by sqrt(v^): every weight shrinks at the same rate.

#include "optimizers/adaptive_moments.h"
#include "optimizers/optimizer.h"

namespace gradscape {

class AdamW final : public SteppedOptimizer<AdamW> {
  public:
    using SteppedOptimizer::SteppedOptimizer;
    void reset() override { moments_.reset(), steps_ = 0; }
    OptimizerState state() const override {
        return {{{"first moment m", moments_.first}, {"second moment v", moments_.second(hyperparameters_)}},
                {},
                ""};
    }

    template <class F>
    Vec2 stepWith(const F&, const Vec2& x, const Vec2& gradient) {
        const double eta = currentLearningRate();
        ++steps_;
        const Vec2 shrunk = x * (1 - eta * hyperparameters_.weightDecay);
        return shrunk + moments_.step(gradient, eta, hyperparameters_);
    }

  private:
    AdaptiveMoments moments_;
};

}  // namespace gradscape
