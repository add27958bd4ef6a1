#pragma once
// SignSGD: only the sign of each gradient coordinate is used.
//
// Update rule (lecture 3):  x_{t+1} = x_t - eta * sign(g_t)
// Every step has the same length per coordinate, so near a minimum it chatters back and forth.

#include "optimizers/step_board.h"
#include "optimizers/stepped_optimizer.h"

namespace gradscape {

/// SignSGD's update on a vector of type V (see optimizers/update_rule.h); it keeps no state.
template <class V>
struct SignSgdRule {
    static constexpr GradientForm gradientForm = GradientForm::WithWeightDecay;

    void reset() {}

    /// The sign of each coordinate of g: -1, 0 or 1 (0 for a NaN), one coordinate after the other.
    static V sign(const V& g) {
        V result;
        result.resize(g.size());
        for (Eigen::Index i = 0; i < g.size(); ++i) result[i] = static_cast<double>((g[i] > 0) - (g[i] < 0));
        return result;
    }

    template <class F>
    V update(const F&, const V& x, const V& g, double eta, long /*step*/, const Hyperparameters&) {
        return x - eta * sign(g);
    }
};

class SignSgd final : public SteppedOptimizer<SignSgd> {
  public:
    template <class V>
    using Rule = SignSgdRule<V>;

    using SteppedOptimizer::SteppedOptimizer;
    void reset() override { steps_ = 0; }
    OptimizerState state() const override { return {}; }

    /// (sign g_x, sign g_y), each -1, 0 or 1.
    static Vec2 sign(const Vec2& g) { return Rule<Vec2>::sign(g); }

    template <class F>
    Vec2 update(const F& f, const Vec2& x, const Vec2& g, double eta) {
        return rule_.update(f, x, g, eta, steps_, hyperparameters_);
    }

    /// Step k worked out term by term, for the step-by-step view.
    static void explain(const StepContext& c, StepBoard& b);
    /// Sign steps have no learning-rate bound.
    static StabilityForm stability() {
        return noFixedBound(
            "sign steps: every step moves each coordinate by eta whatever the gradient, so it never diverges "
            "and never settles closer than about eta; no learning-rate bound");
    }

  private:
    [[no_unique_address]] Rule<Vec2> rule_;
};

inline void SignSgd::explain(const StepContext& c, StepBoard& b) {
    b.learningRate(c);
    const Vec2 g = b.gradientTerms(c);
    b.vector("sign(g_k)", "sign of each coordinate of g_k", sign(g));
    const Vec2 step = -c.eta * sign(g);
    b.vector("step", "-eta * sign(g_k)", step);
    b.arrow(StepPart::RawGradient, "-eta g (raw gradient)", -c.eta * g, false);
    b.arrow(StepPart::Rescaled, "-eta sign(g) (sign step)", step, true);
    b.partsAddUp(true);
}

}  // namespace gradscape
