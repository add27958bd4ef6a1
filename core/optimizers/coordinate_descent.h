#pragma once
// Cyclic coordinate descent: one axis per step, in turn.
//
// Update rule (lecture):  i = t mod 2;   x_i <- x_i - eta * df/dx_i(x);   the other coordinate stays
// On n parameters i = t mod n: one coordinate per step, in turn.
// Paths are staircases of axis-parallel moves; on a rotated ill-conditioned bowl they crawl.
// Stability: one two-step cycle (I - eta e_y e_y' A)(I - eta e_x e_x' A) acts as a fixed matrix.

#include "optimizers/stability.h"
#include "optimizers/step_board.h"
#include "optimizers/stepped_optimizer.h"

#include <algorithm>
#include <vector>

namespace gradscape {

/// Coordinate descent's update on a vector of type V (see optimizers/update_rule.h); it keeps no state.
template <class V>
struct CoordinateDescentRule {
    /// Weight decay is added on the one axis that moves: coordinate descent takes grad f raw.
    static constexpr GradientForm gradientForm = GradientForm::Raw;

    void reset() {}

    template <class F>
    V update(const F&, const V& x, const V& gradient, double eta, long step, const Hyperparameters& h) {
        const Eigen::Index axis = static_cast<Eigen::Index>((step - 1) % x.size());  // step counts this one
        V next = x;
        next[axis] -= eta * (gradient[axis] + h.weightDecay * x[axis]);
        return next;
    }
};

class CoordinateDescent final : public SteppedOptimizer<CoordinateDescent> {
  public:
    template <class V>
    using Rule = CoordinateDescentRule<V>;
    static constexpr GradientForm gradientForm = Rule<Vec2>::gradientForm;

    using SteppedOptimizer::SteppedOptimizer;
    void reset() override { steps_ = 0; }
    OptimizerState state() const override { return {}; }

    template <class F>
    Vec2 update(const F& f, const Vec2& x, const Vec2& gradient, double eta) {
        return rule_.update(f, x, gradient, eta, steps_, hyperparameters_);
    }

    /// Step k worked out term by term, for the step-by-step view.
    static void explain(const StepContext& c, StepBoard& b);
    /// One cycle along x, then y; the bound is the first eta where the cycle's spectral radius reaches 1.
    static StabilityForm stability() { return {"", &cycle, &boundAt, 2}; }

  private:
    static Eigen::MatrixXd cycle(const Mat2& a, const Hyperparameters&, double eta) {
        Mat2 alongX = Mat2::Identity(), alongY = Mat2::Identity();
        alongX.row(0) -= eta * a.row(0);
        alongY.row(1) -= eta * a.row(1);
        return alongY * alongX;
    }
    static void boundAt(const LinearizedStep& step, StabilityAnalysis& result);

    [[no_unique_address]] Rule<Vec2> rule_;
};

// The cycle M = [[u, -s], [-s u, w + s^2]] (u = 1 - eta A11, w = 1 - eta A22, s = eta A12) has trace
// u + w + s^2 and determinant u w. By Jury's test it is stable while |u w| < 1, 1 - tr + det =
// eta^2 det A > 0 and 1 + tr + det > 0; the bound is the first eta where one fails.
inline void CoordinateDescent::boundAt(const LinearizedStep& step, StabilityAnalysis& result) {
    if (unstableEverywhere(step, result)) return;
    const Mat2& a = step.a;
    const double p = a(0, 0), q = 0.5 * (a(0, 1) + a(1, 0)), r = a(1, 1);
    // The positive roots of a eta^2 + b eta + c.
    std::vector<double> candidates;
    auto positiveRoots = [&](double qa, double qb, double qc) {
        if (qa == 0) {
            if (qb != 0 && -qc / qb > 0) candidates.push_back(-qc / qb);
            return;
        }
        const double discriminant = qb * qb - 4 * qa * qc;
        if (discriminant < 0) return;
        const double s = std::sqrt(discriminant);
        for (double root : {(-qb - s) / (2 * qa), (-qb + s) / (2 * qa)})
            if (root > 0) candidates.push_back(root);
    };
    positiveRoots(p * r + q * q, -2 * (p + r), 4);  // 1 + tr + det = 0
    positiveRoots(p * r, -(p + r), 0);              // u w = 1
    positiveRoots(p * r, -(p + r), 2);              // u w = -1
    std::sort(candidates.begin(), candidates.end());
    const int flat = flatDirections(a, 0);
    for (double eta : candidates)
        if (spectralRadius(cycle(a, step.h, eta * (1 + 1e-7)), flat) > 1) {
            result.learningRateBound = eta;
            break;
        }
    result.boundFormula =
        "first eta where the two-step cycle's spectral radius reaches 1 "
        "(at least 2 / max_i " +
        curvatureName(step.h, "H_ii") + ")";
    if (!result.learningRateBound) result.why = "no bound: the two-step cycle never becomes unstable here";
}

inline void CoordinateDescent::explain(const StepContext& c, StepBoard& b) {
    b.learningRate(c);
    const int axis = c.k % 2;
    b.scalar("axis i", "k mod 2   (0: x, 1: y)", axis);
    const Vec2 g = b.gradientTerms(c);
    b.scalar(axis == 0 ? "partial derivative g_x" : "partial derivative g_y", "the i-th coordinate of g_k",
             g[axis]);
    Vec2 step = Vec2::Zero();
    step[axis] = -c.eta * g[axis];
    b.vector("step", "-eta * g_i e_i   (the other coordinate stays)", step);
    b.arrow(StepPart::RawGradient, "-eta g (raw gradient)", -c.eta * g, false);
    b.arrow(StepPart::Rescaled, axis == 0 ? "-eta g_x e_x (one axis)" : "-eta g_y e_y (one axis)", step,
            true);
    b.partsAddUp(true);
}

}  // namespace gradscape
