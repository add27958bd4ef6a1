#pragma once
// SignSGD: only the sign of each gradient coordinate is used.
//
// Update rule (lecture 3):  x_{t+1} = x_t - eta * sign(g_t)
// Every step has the same length per coordinate, so near a minimum it chatters back and forth.

#include "optimizers/optimizer.h"

namespace gradscape {

class SignSgd final : public SteppedOptimizer<SignSgd> {
  public:
    using SteppedOptimizer::SteppedOptimizer;
    void reset() override { steps_ = 0; }
    OptimizerState state() const override { return {}; }

    template <class F>
    Vec2 stepWith(const F&, const Vec2& x, const Vec2& gradient) {
        const double eta = currentLearningRate();
        ++steps_;
        const Vec2 g = gradient + hyperparameters_.weightDecay * x;
        const Vec2 sign((g.x() > 0) - (g.x() < 0), (g.y() > 0) - (g.y() < 0));
        return x - eta * sign;
    }
};

}  // namespace gradscape
