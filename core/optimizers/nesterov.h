#pragma once
// Nesterov momentum, as torch.optim.SGD(momentum=mu, nesterov=True), or the lecture's look-ahead form.
//
// torch.optim (default):  b_{t+1} = mu * b_t + g_t  (b_1 = g_1);   x_{t+1} = x_t - eta * (g_t + mu * b_{t+1})
// Lecture (look-ahead):   v_{t+1} = rho * v_t - eta * grad f(x_t + rho * v_t);   x_{t+1} = x_t + v_{t+1}
// The look-ahead form evaluates the gradient where momentum is about to carry the point.

#include "optimizers/optimizer.h"

namespace gradscape {

class Nesterov final : public SteppedOptimizer<Nesterov> {
  public:
    using SteppedOptimizer::SteppedOptimizer;
    void reset() override { velocity_.setZero(), steps_ = 0; }
    OptimizerState state() const override {
        return {{{hyperparameters_.lookAhead ? "velocity v" : "momentum buffer b", velocity_}}, {}, ""};
    }

    template <class F>
    Vec2 stepWith(const F& f, const Vec2& x, const Vec2& gradient) {
        const Hyperparameters& h = hyperparameters_;
        const double eta = currentLearningRate();
        if (h.lookAhead) {
            const Vec2 ahead = x + h.momentum * velocity_;
            velocity_ = h.momentum * velocity_ - eta * (f.gradientAt(ahead) + h.weightDecay * ahead);
            ++steps_;
            return x + velocity_;
        }
        const Vec2 g = gradient + h.weightDecay * x;
        velocity_ = steps_ == 0 ? g : Vec2(h.momentum * velocity_ + g);
        ++steps_;
        return x - eta * (g + h.momentum * velocity_);
    }

  private:
    Vec2 velocity_ = Vec2::Zero();
};

}  // namespace gradscape
