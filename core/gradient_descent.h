#pragma once
// Full-batch gradient descent, as torch.optim.SGD with momentum 0.
//
// Update rule (lecture): x_{t+1} = x_t - eta * grad f(x_t)
// With weight decay lambda: g_t = grad f(x_t) + lambda * x_t.

#include "optimizer.h"

namespace gradscape {

/// x <- x - learningRate * (grad f(x) + weightDecay * x).
class GradientDescent final : public Optimizer {
  public:
    using Optimizer::Optimizer;
    void reset() override {}
    Vec2 step(const Landscape& landscape, const Vec2& x, const Vec2& gradient) override;
    std::vector<OptimizerStateVector> state() const override { return {}; }
};

}  // namespace gradscape
