#pragma once
// Newton's method, with optional damping and optional Armijo line search.
//
// Update rule (lecture):  x_{t+1} = x_t - eta * (H(x_t) + delta I)^{-1} grad f(x_t)     (eta = 1: pure
// Newton) On a quadratic with positive definite H one full step lands on the minimum. On an indefinite H the
// step still goes to the stationary point of the quadratic model: Newton heads for saddles, and the
// note says so. On a singular H (no unique step) it takes a gradient step instead, and says so.
// Stability: x' = x - eta (A + delta I)^-1 A x (the Hessian frozen at the point); every direction
// shrinks by 1 - eta lambda / (lambda + delta).
// On a Problem of n parameters the same step, the Hessian built from n Hessian-vector products; past
// limits::kMaxNewtonParameters Newton refuses (an n x n Hessian each step) and points to L-BFGS.

#include "optimizers/line_search.h"
#include "optimizers/stability.h"
#include "optimizers/step_board.h"
#include "optimizers/stepped_optimizer.h"

#include "support/input_limits.h"

#include <Eigen/Cholesky>
#include <Eigen/Eigenvalues>

#include <cstdio>

namespace gradscape {

/// Whether a damped 2x2 Hessian has no usable inverse: then Newton takes a gradient step.
inline bool singularDampedHessian(const Mat2& dampedHessian) {
    const double determinant = dampedHessian.determinant();
    const double scale = dampedHessian.cwiseAbs().maxCoeff();
    return !std::isfinite(determinant) || std::abs(determinant) <= 1e-12 * scale * scale;
}

/// Newton's direction, damped Hessian and note, and its update on a vector of type V (see
/// optimizers/update_rule.h). A 2x2 system (a 2D landscape, or a two-parameter Problem) is solved in
/// closed form, so both walk the same bits; a larger one by an LDLT factorization (pivoted), whose
/// diagonal's signs count the negative eigenvalues. On a Problem the Hessian is the full batch's,
/// symmetrized from n Hessian-vector products (Problem::hessianAt), and n is limited
/// (limits::kMaxNewtonParameters).
template <class V>
struct NewtonRule {
    using Matrix = SquareMatrixOf<V>;
    static constexpr GradientForm gradientForm = GradientForm::WithWeightDecay;

    V direction = zeroState<V>();
    Matrix hessian = zeroState<Matrix>();  ///< H(x) + (delta + lambda) I at the latest step.
    std::string note;

    void reset() { *this = {}; }

    /// Why n parameters are too many (the n x n Hessian), or "".
    static std::string dimensionComplaint(long n) {
        return denseMatrixComplaint("newton", "Hessian", n, limits::kMaxNewtonParameters);
    }

    template <class F>
    V update(const F& f, const V& x, const V& g, double eta, long /*step*/, const Hyperparameters& h) {
        const Eigen::Index n = x.size();
        hessian = f.hessianAt(x) + (h.damping + h.weightDecay) * Matrix::Identity(n, n);
        if constexpr (V::SizeAtCompileTime == 2) {
            directionOf2x2(hessian, g, direction);
        } else if (n == 2) {
            Vec2 d;
            directionOf2x2(Mat2(hessian), Vec2(g), d);
            direction = d;
        } else {
            directionByLdlt(g);
        }
        if (!h.lineSearch) return x + eta * direction;
        if (!(g.dot(direction) < 0)) {
            note += note.empty() ? "" : "; ";
            note += "not a descent direction: line search along -gradient";
            direction = -g;
        }
        return x + armijoStep(f, x, g, direction, eta, h.weightDecay) * direction;
    }

  private:
    // d = -(damped)^-1 g in closed form, or -g where it is singular; the note says which, and when the
    // damped Hessian is indefinite.
    void directionOf2x2(const Mat2& damped, const Vec2& g, Vec2& d) {
        if (singularDampedHessian(damped)) {
            note = "singular Hessian: no Newton step exists, took a gradient step";
            d = -g;
        } else {
            d = -damped.inverse() * g;
            const Eigen::Vector2d eigenvalues = Eigen::SelfAdjointEigenSolver<Mat2>(damped).eigenvalues();
            note.clear();
            if (eigenvalues.minCoeff() < 0) {
                char text[160];
                std::snprintf(
                    text, sizeof text,
                    "indefinite Hessian (eigenvalues %.3g, %.3g): the step heads for a saddle point",
                    eigenvalues[0], eigenvalues[1]);
                note = text;
            }
        }
    }

    // The same for n parameters: LDLT of the damped Hessian (singular when it fails, is not finite, or its
    // reciprocal condition number is under 1e-12, as the 2x2 test's |det| <= 1e-12 scale^2); the negative
    // entries of its D are the negative eigenvalues (Sylvester's law of inertia).
    void directionByLdlt(const V& g) {
        const Eigen::LDLT<Eigen::MatrixXd> ldlt(hessian);
        if (!hessian.allFinite() || ldlt.info() != Eigen::Success || !(ldlt.rcond() > 1e-12)) {
            note = "singular Hessian: no Newton step exists, took a gradient step";
            direction = -g;
            return;
        }
        direction = -ldlt.solve(g);
        note.clear();
        const long negative = (ldlt.vectorD().array() < 0).count();
        if (negative > 0)
            note = "indefinite Hessian (" + std::to_string(negative) + " of " + std::to_string(g.size()) +
                   " eigenvalues negative): the step heads for a saddle point";
    }
};

class Newton final : public SteppedOptimizer<Newton> {
  public:
    template <class V>
    using Rule = NewtonRule<V>;

    using SteppedOptimizer::SteppedOptimizer;
    void reset() override { rule_.reset(), steps_ = 0; }
    OptimizerState state() const override {
        return {{{"Newton direction", rule_.direction}}, {{"Hessian", rule_.hessian}}, rule_.note};
    }

    /// Whether the damped Hessian has no usable inverse: then Newton takes a gradient step.
    static bool singular(const Mat2& dampedHessian) { return singularDampedHessian(dampedHessian); }

    template <class F>
    Vec2 update(const F& f, const Vec2& x, const Vec2& g, double eta) {
        return rule_.update(f, x, g, eta, steps_, hyperparameters_);
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

    Rule<Vec2> rule_;
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
