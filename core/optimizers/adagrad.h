#pragma once
// AdaGrad, as torch.optim.Adagrad (lr_decay 0, initial accumulator 0).
//
// Update rule (lecture):  G_t = G_{t-1} + g_t * g_t          (per coordinate)
//                         x_{t+1} = x_t - eta * g_t / (sqrt(G_t) + eps)
// Steps shrink in directions that have seen large gradients, and never grow back.

#include "optimizers/step_board.h"
#include "optimizers/stepped_optimizer.h"

namespace gradscape {

/// AdaGrad's accumulator and update on a vector of type V (see optimizers/update_rule.h).
template <class V>
struct AdaGradRule {
    static constexpr GradientForm gradientForm = GradientForm::WithWeightDecay;

    V sumOfSquares = zeroState<V>();

    void reset() { *this = {}; }

    template <class F>
    V update(const F&, const V& x, const V& g, double eta, long /*step*/, const Hyperparameters& h) {
        sizeLike(sumOfSquares, x);
        sumOfSquares += g.cwiseProduct(g);
        return x + (-eta * g).cwiseQuotient((sumOfSquares.cwiseSqrt().array() + h.epsilon).matrix());  // torch order
    }
};

class AdaGrad final : public SteppedOptimizer<AdaGrad> {
  public:
    template <class V>
    using Rule = AdaGradRule<V>;

    using SteppedOptimizer::SteppedOptimizer;
    void reset() override { rule_.reset(), steps_ = 0; }
    OptimizerState state() const override { return {{{"accumulated squares G", rule_.sumOfSquares}}, {}, ""}; }

    template <class F>
    Vec2 update(const F& f, const Vec2& x, const Vec2& g, double eta) {
        return rule_.update(f, x, g, eta, steps_, hyperparameters_);
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
    Rule<Vec2> rule_;
};

}  // namespace gradscape
