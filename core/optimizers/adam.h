#pragma once
// Adam, as torch.optim.Adam: bias correction on (switchable), weight decay as L2 added to the gradient.
//
// Update rule (lecture 3):  m_t = beta1 * m_{t-1} + (1 - beta1) * g_t
//                           v_t = beta2 * v_{t-1} + (1 - beta2) * g_t^2
//                           m^_t = m_t / (1 - beta1^t),   v^_t = v_t / (1 - beta2^t)
//                           x_t = x_{t-1} - eta * m^_t / (sqrt(v^_t) + eps)
// with g_t = grad f(x_{t-1}) + lambda * x_{t-1}. The lecture-3 variant puts eps inside: sqrt(v^_t + eps).

#include "optimizers/adaptive_moments.h"
#include "optimizers/step_board.h"
#include "optimizers/stepped_optimizer.h"

namespace gradscape {

/// Adam's moments and update on a vector of type V (see optimizers/update_rule.h).
template <class V>
struct AdamRule {
    static constexpr GradientForm gradientForm = GradientForm::WithWeightDecay;

    AdaptiveMoments<V> moments;

    void reset() { moments.reset(); }

    template <class F>
    V update(const F&, const V& x, const V& g, double eta, long /*step*/, const Hyperparameters& h) {
        return x + moments.step(g, eta, h);
    }
};

class Adam final : public SteppedOptimizer<Adam> {
  public:
    template <class V>
    using Rule = AdamRule<V>;

    using SteppedOptimizer::SteppedOptimizer;
    void reset() override { rule_.reset(), steps_ = 0; }
    OptimizerState state() const override {
        const AdaptiveMoments<Vec2>& moments = rule_.moments;
        return {{{"first moment m", moments.first}, {"second moment v", moments.second(hyperparameters_)}}, {}, ""};
    }

    template <class F>
    Vec2 update(const F& f, const Vec2& x, const Vec2& g, double eta) {
        return rule_.update(f, x, g, eta, steps_, hyperparameters_);
    }

    /// Step k worked out term by term, for the step-by-step view.
    static void explain(const StepContext& c, StepBoard& b) { explainAdaptiveMomentStep(c, b, false); }
    /// Adaptive: no fixed learning-rate bound.
    static StabilityForm stability() { return noFixedBound(kAdaptiveMomentsNoBound); }

  private:
    Rule<Vec2> rule_;
};

}  // namespace gradscape
