#pragma once
// AdaGrad, as torch.optim.Adagrad (lr_decay 0, initial accumulator 0).
//
// Update rule (lecture):  G_t = G_{t-1} + g_t * g_t          (per coordinate)
//                         x_{t+1} = x_t - eta * g_t / (sqrt(G_t) + eps)
// Steps shrink in directions that have seen large gradients, and never grow back.

#include "optimizers/step_board.h"
#include "optimizers/stepped_optimizer.h"

namespace gradscape {

class AdaGrad final : public SteppedOptimizer<AdaGrad> {
  public:
    using SteppedOptimizer::SteppedOptimizer;
    void reset() override { sumOfSquares_.setZero(), steps_ = 0; }
    OptimizerState state() const override { return {{{"accumulated squares G", sumOfSquares_}}, {}, ""}; }

    template <class F>
    Vec2 update(const F&, const Vec2& x, const Vec2& g, double eta) {
        sumOfSquares_ += g.cwiseProduct(g);
        return x +
               (-eta * g).cwiseQuotient(
                   (sumOfSquares_.cwiseSqrt().array() + hyperparameters_.epsilon).matrix());  // torch order
    }

    /// Step k worked out term by term, for the step-by-step view.
    static void explain(const StepContext& c, StepBoard& b) { explainAccumulatorStep(c, b, false); }
    /// Adaptive: no fixed learning-rate bound.
    static StabilityForm stability() {
        return noFixedBound(
            "adaptive: each coordinate's step is divided by the root of its summed squared gradients, so the "
            "step shrinks by itself; no fixed learning-rate bound");
    }

  private:
    Vec2 sumOfSquares_ = Vec2::Zero();
};

}  // namespace gradscape
