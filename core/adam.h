#pragma once
// Adam, as torch.optim.Adam (bias correction on, L2 weight decay added to the gradient).
//
// Update rule (lecture 3):  m_t = beta1 * m_{t-1} + (1 - beta1) * g_t
//                           v_t = beta2 * v_{t-1} + (1 - beta2) * g_t^2
//                           m^_t = m_t / (1 - beta1^t),   v^_t = v_t / (1 - beta2^t)
//                           x_t = x_{t-1} - eta * m^_t / (sqrt(v^_t) + eps)
// with g_t = grad f(x_{t-1}) + lambda * x_{t-1} when weight decay lambda is set.

#include "optimizer.h"

namespace gradscape {

/// Adaptive moment estimation: momentum on the gradient, per-coordinate scaling by its RMS.
class Adam final : public Optimizer {
  public:
    using Optimizer::Optimizer;
    void reset() override { firstMoment_.setZero(), secondMoment_.setZero(), steps_ = 0; }
    Vec2 step(const Landscape& landscape, const Vec2& x, const Vec2& gradient) override;
    std::vector<OptimizerStateVector> state() const override {
        return {{"first moment m", firstMoment_}, {"second moment v", secondMoment_}};
    }

  private:
    Vec2 firstMoment_ = Vec2::Zero();
    Vec2 secondMoment_ = Vec2::Zero();
    long steps_ = 0;
};

}  // namespace gradscape
