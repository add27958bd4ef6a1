#pragma once
// AdaGrad, as torch.optim.Adagrad (lr_decay 0, initial accumulator 0).
//
// Update rule (lecture):  G_t = G_{t-1} + g_t * g_t          (per coordinate)
//                         x_{t+1} = x_t - eta * g_t / (sqrt(G_t) + eps)
// Steps shrink in directions that have seen large gradients, and never grow back.

#include "optimizers/optimizer.h"

namespace gradscape {

class AdaGrad final : public SteppedOptimizer<AdaGrad> {
  public:
    using SteppedOptimizer::SteppedOptimizer;
    void reset() override { sumOfSquares_.setZero(), steps_ = 0; }
    OptimizerState state() const override { return {{{"accumulated squares G", sumOfSquares_}}, {}, ""}; }

    template <class F>
    Vec2 stepWith(const F&, const Vec2& x, const Vec2& gradient) {
        const Hyperparameters& h = hyperparameters_;
        const double eta = currentLearningRate();
        ++steps_;
        const Vec2 g = gradient + h.weightDecay * x;
        sumOfSquares_ += g.cwiseProduct(g);
        return x + (-eta * g).cwiseQuotient(
                       (sumOfSquares_.cwiseSqrt().array() + h.epsilon).matrix());  // torch order
    }

  private:
    Vec2 sumOfSquares_ = Vec2::Zero();
};

}  // namespace gradscape
