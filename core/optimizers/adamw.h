#pragma once
// AdamW, as torch.optim.AdamW: Adam with decoupled weight decay (default lambda = 0.01).
//
// Update rule (lecture 3):  x' = x_{t-1} - eta * lambda * x_{t-1}        (shrink, independent of g)
//                           m_t, v_t, m^_t, v^_t as in Adam, from g_t = grad f(x_{t-1}) alone
//                           x_t = x' - eta * m^_t / (sqrt(v^_t) + eps)
// Unlike Adam's L2, the decay is not divided by sqrt(v^): every weight shrinks at the same rate.

#include "optimizers/adaptive_moments.h"
#include "optimizers/step_board.h"
#include "optimizers/stepped_optimizer.h"

namespace gradscape {

/// AdamW's moments and update on a vector of type V (see optimizers/update_rule.h).
template <class V>
struct AdamWRule {
    /// The decay is decoupled: the moments see grad f alone.
    static constexpr GradientForm gradientForm = GradientForm::Raw;

    AdaptiveMoments<V> moments;

    void reset() { moments.reset(); }

    template <class F>
    V update(const F&, const V& x, const V& gradient, double eta, long /*step*/, const Hyperparameters& h) {
        const V shrunk = x * (1 - eta * h.weightDecay);
        return shrunk + moments.step(gradient, eta, h);
    }
};

class AdamW final : public SteppedOptimizer<AdamW> {
  public:
    template <class V>
    using Rule = AdamWRule<V>;
    static constexpr GradientForm gradientForm = Rule<Vec2>::gradientForm;

    using SteppedOptimizer::SteppedOptimizer;
    void reset() override { rule_.reset(), steps_ = 0; }
    OptimizerState state() const override {
        const AdaptiveMoments<Vec2>& moments = rule_.moments;
        return {{{"first moment m", moments.first}, {"second moment v", moments.second(hyperparameters_)}}, {}, ""};
    }

    template <class F>
    Vec2 update(const F& f, const Vec2& x, const Vec2& gradient, double eta) {
        return rule_.update(f, x, gradient, eta, steps_, hyperparameters_);
    }

    /// Step k worked out term by term, for the step-by-step view.
    static void explain(const StepContext& c, StepBoard& b) { explainAdaptiveMomentStep(c, b, true); }
    /// Adaptive: no fixed learning-rate bound.
    static StabilityForm stability() { return noFixedBound(kAdaptiveMomentsNoBound); }

  private:
    Rule<Vec2> rule_;
};

}  // namespace gradscape
