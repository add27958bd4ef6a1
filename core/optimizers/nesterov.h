#pragma once
// Nesterov momentum, as torch.optim.SGD(momentum=mu, nesterov=True), or the lecture's look-ahead form.
//
// torch.optim (default):  b_{t+1} = mu * b_t + g_t  (b_1 = g_1);   x_{t+1} = x_t - eta * (g_t + mu * b_{t+1})
// Lecture (look-ahead):   v_{t+1} = rho * v_t - eta * grad f(x_t + rho * v_t);   x_{t+1} = x_t + v_{t+1}
// The look-ahead form evaluates the gradient where momentum is about to carry the point.
// Stability (both forms): per eigenvalue z^2 - (1 + mu)(1 - eta lambda) z + mu (1 - eta lambda),
// stable while eta < (2 + 2mu) / ((1 + 2mu) lambda_max).

#include "optimizers/stability.h"
#include "optimizers/step_board.h"
#include "optimizers/stepped_optimizer.h"

namespace gradscape {

/// Nesterov's buffer (torch's form) or velocity (the look-ahead form) and update on a vector of type V
/// (see optimizers/update_rule.h).
template <class V>
struct NesterovRule {
    static constexpr GradientForm gradientForm = GradientForm::WithWeightDecay;

    V velocity = zeroState<V>();

    void reset() { *this = {}; }

    /// g is unused in the look-ahead form, which reads the gradient (and weight decay) at x + rho v.
    template <class F>
    V update(const F& f, const V& x, const V& g, double eta, long step, const Hyperparameters& h) {
        sizeLike(velocity, x);
        if (h.lookAhead) {
            const V ahead = x + h.momentum * velocity;
            velocity = h.momentum * velocity - eta * (f.gradientAt(ahead) + h.weightDecay * ahead);
            return x + velocity;
        }
        velocity = step == 1 ? g : V(h.momentum * velocity + g);
        return x - eta * (g + h.momentum * velocity);
    }
};

class Nesterov final : public SteppedOptimizer<Nesterov> {
  public:
    template <class V>
    using Rule = NesterovRule<V>;

    using SteppedOptimizer::SteppedOptimizer;
    void reset() override { rule_.reset(), steps_ = 0; }
    OptimizerState state() const override {
        return {{{hyperparameters_.lookAhead ? "velocity v" : "momentum buffer b", rule_.velocity}}, {}, ""};
    }

    template <class F>
    Vec2 update(const F& f, const Vec2& x, const Vec2& g, double eta) {
        return rule_.update(f, x, g, eta, steps_, hyperparameters_);
    }

    /// Step k worked out term by term, for the step-by-step view.
    static void explain(const StepContext& c, StepBoard& b);
    /// torch's b' = mu b + A x, x' = x - eta ((1 + mu) A x + mu^2 b), or the look-ahead
    /// v' = mu v - eta A (x + mu v), x' = x + v'; the same bound for both.
    static StabilityForm stability() { return {"", &iteration, &boundAt}; }

  private:
    static Eigen::MatrixXd iteration(const Mat2& a, const Hyperparameters& h, double eta);
    static void boundAt(const LinearizedStep& step, StabilityAnalysis& result);

    Rule<Vec2> rule_;
};

inline Eigen::MatrixXd Nesterov::iteration(const Mat2& a, const Hyperparameters& h, double eta) {
    const Mat2 identity = Mat2::Identity();
    const double mu = h.momentum;
    Eigen::MatrixXd m(4, 4);
    if (h.lookAhead) {  // v' = mu v - eta A (x + mu v);  x' = x + v'
        const Mat2 shrink = identity - eta * a;
        m << shrink, mu * shrink, -eta * a, mu * shrink;
    } else {  // b' = mu b + A x;  x' = x - eta ((1 + mu) A x + mu^2 b)
        m << identity - eta * (1 + mu) * a, -eta * mu * mu * identity, a, mu * identity;
    }
    return m;
}

// Per eigenvalue, h = eta lambda, both forms: z^2 - (1 + mu)(1 - h) z + mu (1 - h). Jury: h > 0,
// |mu (1 - h)| < 1 and 1 + (1 + 2mu)(1 - h) > 0, so h < (2 + 2mu) / (1 + 2mu).
inline void Nesterov::boundAt(const LinearizedStep& step, StabilityAnalysis& result) {
    if (unstableEverywhere(step, result)) return;
    const double mu = step.h.momentum;
    result.learningRateBound = (2 + 2 * mu) / ((1 + 2 * mu) * step.lambdaMax());
    result.boundFormula = "(2 + 2mu) / ((1 + 2mu) " + curvatureName(step.h) + ")";
}

inline void Nesterov::explain(const StepContext& c, StepBoard& b) {
    const Hyperparameters& h = c.h;
    b.learningRate(c);
    if (h.lookAhead) {
        b.scalar("momentum rho", "rho", h.momentum);
        const Vec2 previous = stateVector(c.before, "velocity v");
        const Vec2 velocity = stateVector(c.after, "velocity v");
        const Vec2 ahead = c.x + h.momentum * previous;
        const Vec2 gradientAhead = c.f.gradientAt(ahead);
        b.vector("velocity v_k", "velocity after step k", previous);
        b.vector("look-ahead point", "x_k + rho * v_k", ahead);
        b.vector("gradient at the look-ahead point", "grad f(x_k + rho * v_k)", gradientAhead);
        if (h.weightDecay != 0)
            b.vector("L2 weight decay", "lambda * (x_k + rho * v_k)", h.weightDecay * ahead);
        b.vector("velocity v_{k+1}", "rho * v_k - eta * grad f(x_k + rho * v_k)", velocity);
        b.vector("step", "v_{k+1}", velocity);
        b.arrow(StepPart::Momentum, "rho v_k (momentum part)", h.momentum * previous, true);
        b.arrow(StepPart::RawGradient, "-eta grad f(x + rho v) (gradient at the look-ahead)",
                -c.eta * gradientAhead, true);
        if (h.weightDecay != 0)
            b.arrow(StepPart::WeightDecay, "-eta lambda (x + rho v) (L2 weight decay)",
                    -c.eta * h.weightDecay * ahead, true);
        b.partsAddUp(true);
        return;
    }
    b.scalar("momentum mu", "mu", h.momentum);
    const Vec2 g = b.gradientTerms(c);
    const Vec2 previous = stateVector(c.before, "momentum buffer b");
    const Vec2 buffer = stateVector(c.after, "momentum buffer b");
    if (c.k > 0) b.vector("momentum buffer b_k", "buffer after step k", previous);
    b.vector("momentum buffer b_{k+1}", c.k == 0 ? "g_0   (the first step seeds b with g)" : "mu * b_k + g_k",
             buffer);
    b.vector("step", "-eta * (g_k + mu * b_{k+1})", -c.eta * (g + h.momentum * buffer));
    b.gradientArrows(c, -c.eta, "-eta", true);
    b.arrow(StepPart::Momentum, "-eta mu b_{k+1} (momentum part)", -c.eta * h.momentum * buffer, true);
    b.partsAddUp(true);
}

}  // namespace gradscape
