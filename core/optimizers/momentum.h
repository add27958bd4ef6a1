#pragma once
// Heavy-ball momentum, as torch.optim.SGD(momentum=mu, dampening=d).
//
// Update rule (lecture):   v_{t+1} = rho * v_t + grad f(x_t)
//                          x_{t+1} = x_t - eta * v_{t+1}
// torch.optim.SGD writes v_{t+1} = mu * v_t + (1 - dampening) * g_t, with v_1 = g_1 on the first step.
// Dampening = mu gives the lecture's EMA form z = beta * z + (1 - beta) * g (a low-pass filter of g);
// dampeningFollowsMomentum keeps that form whatever mu is set to.

#include "optimizers/optimizer.h"

namespace gradscape {

class Momentum final : public SteppedOptimizer<Momentum> {
  public:
    using SteppedOptimizer::SteppedOptimizer;
    void reset() override { velocity_.setZero(), steps_ = 0; }
    OptimizerState state() const override { return {{{"velocity", velocity_}}, {}, ""}; }

    template <class F>
    Vec2 stepWith(const F&, const Vec2& x, const Vec2& gradient) {
        const Hyperparameters& h = hyperparameters_;
        const double eta = currentLearningRate();
        const Vec2 g = gradient + h.weightDecay * x;
        // torch.optim.SGD seeds the buffer with the first gradient, undamped.
        velocity_ = steps_ == 0 ? g : Vec2(h.momentum * velocity_ + (1 - effectiveDampening(h)) * g);
        ++steps_;
        return x - eta * velocity_;
    }

  private:
    Vec2 velocity_ = Vec2::Zero();
};

}  // namespace gradscape
