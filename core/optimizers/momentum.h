#pragma once
// Heavy-ball momentum, as torch.optim.SGD(momentum=mu, dampening=d).
//
// Update rule (lecture):   v_{t+1} = rho * v_t + grad f(x_t)
//                          x_{t+1} = x_t - eta * v_{t+1}
// torch.optim.SGD writes v_{t+1} = mu * v_t + (1 - dampening) * g_t, with v_1 = g_1 on the first step.
// Dampening = mu gives the lecture's EMA form z = beta * z + (1 - beta) * g (a low-pass filter of g);
// dampeningFollowsMomentum keeps that form whatever mu is set to.
// Stability: v' = mu v + (1 - d) A x,  x' = x - eta v', stable while eta < 2(1 + mu) / ((1 - d) lambda_max).

#include "optimizers/stability.h"
#include "optimizers/step_board.h"
#include "optimizers/stepped_optimizer.h"

namespace gradscape {

/// Heavy-ball momentum's velocity and update on a vector of type V (see optimizers/update_rule.h); the
/// EMA form is effectiveDampening's.
template <class V>
struct MomentumRule {
    static constexpr GradientForm gradientForm = GradientForm::WithWeightDecay;

    V velocity = zeroState<V>();

    void reset() { *this = {}; }

    template <class F>
    V update(const F&, const V& x, const V& g, double eta, long step, const Hyperparameters& h) {
        sizeLike(velocity, x);
        // torch.optim.SGD seeds the buffer with the first gradient, undamped.
        velocity = step == 1 ? g : V(h.momentum * velocity + (1 - effectiveDampening(h)) * g);
        return x - eta * velocity;
    }
};

class Momentum final : public SteppedOptimizer<Momentum> {
  public:
    template <class V>
    using Rule = MomentumRule<V>;

    using SteppedOptimizer::SteppedOptimizer;
    void reset() override { rule_.reset(), steps_ = 0; }
    OptimizerState state() const override { return {{{"velocity", rule_.velocity}}, {}, ""}; }

    template <class F>
    Vec2 update(const F& f, const Vec2& x, const Vec2& g, double eta) {
        return rule_.update(f, x, g, eta, steps_, hyperparameters_);
    }

    /// Step k worked out term by term, for the step-by-step view.
    static void explain(const StepContext& c, StepBoard& b);
    /// The heavy ball on (x, v): per eigenvalue z^2 - (1 + mu - eta c lambda) z + mu, c = 1 - dampening.
    static StabilityForm stability() { return {"", &iteration, &boundAt}; }

  private:
    static Eigen::MatrixXd iteration(const Mat2& a, const Hyperparameters& h, double eta);
    static void boundAt(const LinearizedStep& step, StabilityAnalysis& result);

    Rule<Vec2> rule_;
};

// v' = mu v + c A x;  x' = x - eta v'  (c = 1 - dampening)
inline Eigen::MatrixXd Momentum::iteration(const Mat2& a, const Hyperparameters& h, double eta) {
    const Mat2 identity = Mat2::Identity();
    const double mu = h.momentum, c = 1 - effectiveDampening(h);
    Eigen::MatrixXd m(4, 4);
    m << identity - eta * c * a, -eta * mu * identity, c * a, mu * identity;
    return m;
}

// Per eigenvalue: z^2 - (1 + mu - eta c lambda) z + mu; Jury: 0 < eta c lambda < 2 (1 + mu).
inline void Momentum::boundAt(const LinearizedStep& step, StabilityAnalysis& result) {
    if (unstableEverywhere(step, result)) return;
    const Hyperparameters& h = step.h;
    const double c = 1 - effectiveDampening(h);
    if (!(c > 0)) {
        result.why =
            "no bound: with dampening 1 no gradient enters the velocity, so the point stops after "
            "its first step";
        return;
    }
    result.learningRateBound = 2 * (1 + h.momentum) / (c * step.lambdaMax());
    result.boundFormula = "2(1 + mu) / " + (h.dampeningFollowsMomentum ? "((1 - mu) " + curvatureName(h) + ")"
                                            : c < 1                    ? "((1 - d) " + curvatureName(h) + ")"
                                                                       : curvatureName(h));
}

inline void Momentum::explain(const StepContext& c, StepBoard& b) {
    const Hyperparameters& h = c.h;
    b.learningRate(c);
    b.scalar("momentum mu", "mu", h.momentum);
    if (effectiveDampening(h) != 0) b.scalar("dampening", "dampening", effectiveDampening(h));
    b.gradientTerms(c);
    const Vec2 previous = stateVector(c.before, "velocity");
    const Vec2 velocity = stateVector(c.after, "velocity");
    const bool first = c.k == 0;
    // torch.optim.SGD seeds the buffer with the first gradient, undamped.
    const double gradientWeight = first ? 1.0 : 1 - effectiveDampening(h);
    const double momentumWeight = first ? 0.0 : h.momentum;
    if (!first) b.vector("velocity v_k", "velocity after step k", previous);
    b.vector("velocity v_{k+1}",
             first ? "g_0   (the first step seeds v with g)" : "mu * v_k + (1 - dampening) * g_k", velocity);
    b.vector("step", "-eta * v_{k+1}", -c.eta * velocity);
    b.gradientArrows(c, -c.eta * gradientWeight, first ? "-eta" : "-eta (1-dampening)", true);
    b.arrow(StepPart::Momentum, "-eta mu v_k (momentum part)", -c.eta * momentumWeight * previous, true);
    b.partsAddUp(true);
}

}  // namespace gradscape
