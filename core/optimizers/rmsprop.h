#pragma once
// RMSProp, as torch.optim.RMSprop (centered off, momentum 0).
//
// Update rule (lecture):  s_t = alpha * s_{t-1} + (1 - alpha) * g_t * g_t
//                         x_{t+1} = x_t - eta * g_t / (sqrt(s_t) + eps)
// AdaGrad with a leaky accumulator: old gradients are forgotten, so steps can grow again.

#include "optimizers/optimizer.h"

namespace gradscape {

class RmsProp final : public SteppedOptimizer<RmsProp> {
  public:
    using SteppedOptimizer::SteppedOptimizer;
    void reset() override { squareAverage_.setZero(), steps_ = 0; }
    OptimizerState state() const override { return {{{"mean square s", squareAverage_}}, {}, ""}; }

    template <class F>
    Vec2 stepWith(const F&, const Vec2& x, const Vec2& gradient) {
        const Hyperparameters& h = hyperparameters_;
        const double eta = currentLearningRate();
        ++steps_;
        const Vec2 g = gradient + h.weightDecay * x;
        // torch's operation order (addcmul: (c a) b, addcdiv: (c a) / b): near the minimum RMSProp
        // chatters, and there the last bit of one rounding decides the next hundred steps.
        squareAverage_ = squareAverage_ * h.alpha + ((1 - h.alpha) * g).cwiseProduct(g);
        return x + (-eta * g).cwiseQuotient((squareAverage_.cwiseSqrt().array() + h.epsilon).matrix());
    }

  private:
    Vec2 squareAverage_ = Vec2::Zero();
};

}  // namespace gradscape
