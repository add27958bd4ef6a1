#pragma once
// Newton's method, with optional damping and optional Armijo line search.
//
// Update rule (lecture):  x_{t+1} = x_t - eta * (H(x_t) + delta I)^{-1} grad f(x_t)     (eta = 1: pure
// Newton) On a quadratic with positive definite H one full step lands on the minimum. On an indefinite H the
// step still goes to the stationary point of the quadratic model: Newton heads for saddles, and the
// note says so. On a singular H (no unique step) it takes a gradient step instead, and says so.
// Stability: x' = x - eta (A + delta I)^-1 A x (the Hessian frozen at the point); every direction
// shrinks by 1 - eta lambda / (lambda + delta).

#include "optimizers/line_search.h"
#include "optimizers/stability.h"
#include "optimizers/step_board.h"
#include "optimizers/stepped_optimizer.h"

#include <Eigen/Eigenvalues>

#include <cstdio>

namespace gradscape {

class Newton final : public SteppedOptimizer<Newton> {
  public:
    using SteppedOptimizer::SteppedOptimizer;
    void reset() override { steps_ = 0, direction_.setZero(), hessian_.setZero(), note_.clear(); }
    OptimizerState state() const override {
        return {{{"Newton direction", direction_}}, {{"Hessian", hessian_}}, note_};
    }

    /// Whether the damped Hessian has no usable inverse: then Newton takes a gradient step.
    static bool singular(const Mat2& dampedHessian) {
        const double determinant = dampedHessian.determinant();
        const double scale = dampedHessian.cwiseAbs().maxCoeff();
        return !std::isfinite(determinant) || std::abs(determinant) <= 1e-12 * scale * scale;
    }

    template <class F>
    Vec2 update(const F& f, const Vec2& x, const Vec2& g, double eta) {
        const Hyperparameters& h = hyperparameters_;
        hessian_ = f.hessianAt(x) + (h.damping + h.weightDecay) * Mat2::Identity();
        if (singular(hessian_)) {
            note_ = "singular Hessian: no Newton step exists, took a gradient step";
            direction_ = -g;
        } else {
            direction_ = -hessian_.inverse() * g;
            const Eigen::Vector2d eigenvalues = Eigen::SelfAdjointEigenSolver<Mat2>(hessian_).eigenvalues();
            note_.clear();
            if (eigenvalues.minCoeff() < 0) {
                char text[160];
                std::snprintf(
                    text, sizeof text,
                    "indefinite Hessian (eigenvalues %.3g, %.3g): the step heads for a saddle point",
                    eigenvalues[0], eigenvalues[1]);
                note_ = text;
            }
        }
        if (!h.lineSearch) return x + eta * direction_;
        if (!(g.dot(direction_) < 0)) {
            note_ += note_.empty() ? "" : "; ";
            note_ += "not a descent direction: line search along -gradient";
            direction_ = -g;
        }
        return x + armijoStep(f, x, g, direction_, eta, h.weightDecay) * direction_;
    }

    /// Step k worked out term by term, for the step-by-step view.
    static void explain(const StepContext& c, StepBoard& b);
    /// x' = x - eta (A + delta I)^-1 A x, or a gradient step where A + delta I is singular.
    static StabilityForm stability() {
        return {"",
                [](const Mat2& a, const Hyperparameters& h, double eta) -> Eigen::MatrixXd {
                    const Mat2 identity = Mat2::Identity();
                    const Mat2 newtonHessian = a + h.damping * identity;
                    return singular(newtonHessian) ? Mat2(identity - eta * a)
                                                   : Mat2(identity - eta * newtonHessian.inverse() * a);
                },
                &boundAt};
    }

  private:
    static void boundAt(const LinearizedStep& step, StabilityAnalysis& result);

    Vec2 direction_ = Vec2::Zero();
    Mat2 hessian_ = Mat2::Zero();
    std::string note_;
};

inline void Newton::boundAt(const LinearizedStep& step, StabilityAnalysis& result) {
    const Hyperparameters& h = step.h;
    if (singular(step.a + h.damping * Mat2::Identity())) {
        result.note = "singular Hessian: Newton takes a gradient step here";
        if (!unstableEverywhere(step, result)) gradientStepBound(step, result, false);
        return;
    }
    // M = I - eta (A + delta I)^-1 A has eigenvalues 1 - eta lambda / (lambda + delta).
    double largest = -1;
    for (double lambda : step.curvatures) {
        const double ratio = lambda / (lambda + h.damping);
        if (ratio < 0) {
            result.why =
                "unstable at every learning rate: H + wd has an eigenvalue in (-delta, 0), "
                "where the damped Newton step points uphill";
            return;
        }
        largest = std::max(largest, ratio);
    }
    result.learningRateBound = 2 / largest;
    result.boundFormula =
        h.damping == 0 ? "2 (pure Newton: every direction shrinks by 1 - eta)"
        : step.lambdaMin() > 0
            ? std::string(h.weightDecay > 0 ? "2 (lambda_max + wd + delta) / (lambda_max + wd)"
                                            : "2 (lambda_max + delta) / lambda_max")
            : "2 / max_i lambda_i / (lambda_i + delta)";
    if (step.lambdaMin() < 0)
        result.note = "indefinite Hessian: Newton is drawn to the saddle point of its quadratic model";
}

inline void Newton::explain(const StepContext& c, StepBoard& b) {
    const Hyperparameters& h = c.h;
    b.learningRate(c, "step size");
    if (h.damping != 0) b.scalar("damping delta", "delta", h.damping);
    const Vec2 g = b.gradientTerms(c);
    b.matrix("Hessian (damped)", h.weightDecay != 0 ? "H(x_k) + (delta + lambda) I" : "H(x_k) + delta I",
             stateMatrix(c.after, "Hessian"));
    const Vec2 d = stateVector(c.after, "Newton direction");
    b.vector("Newton direction d", "-(H + delta I)^-1 g_k", d);
    b.arrow(StepPart::RawGradient, "-eta g (raw gradient)", -c.eta * g, false);
    if (!h.lineSearch) {
        b.vector("step", "eta * d", c.eta * d);
        b.arrow(StepPart::Rescaled, "eta d (Newton step)", c.eta * d, true);
        b.partsAddUp(true);
        return;
    }
    const double a = stepLengthAlong(c.taken, d);
    b.scalar("step length a (Armijo)", "eta / 2^j, the first with phi(x_k + a d) <= phi(x_k) + c a g.d", a);
    b.vector("step", "a * d", a * d);
    b.arrow(StepPart::Rescaled, "a d (Newton step, line search)", a * d, false);
}

}  // namespace gradscape
