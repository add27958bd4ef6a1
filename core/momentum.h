#pragma once
// Heavy-ball momentum, as torch.optim.SGD(momentum=mu, dampening=d).
//
// Update rule (lecture):   v_{t+1} = rho * v_t + grad f(x_t)
//                          x_{t+1} = x_t - eta * v_{t+1}
// torch.optim.SGD writes v_{t+1} = mu * v_t + (1 - dampening) * g_t, with v_1 = g_1 on the first step.
// Dampening = beta gives the lecture's EMA form z = beta * z + (1 - beta) * g.

#include "optimizer.h"

namespace gradscape {

/// Gradient descent with a velocity that remembers past gradients.
class Momentum final : public Optimizer {
  public:
    using Optimizer::Optimizer;
    void reset() override { velocity_.setZero(), steps_ = 0; }
    Vec2 step(const Landscape& landscape, const Vec2& x, const Vec2& gradient) override;
    std::vector<OptimizerStateVector> state() const override { return {{"velocity", velocity_}}; }

  private:
    Vec2 velocity_ = Vec2::Zero();
    long steps_ = 0;
};

}  // namespace gradscape
