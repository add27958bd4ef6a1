#pragma once
// BFGS: a quasi-Newton method that learns the inverse Hessian from gradient changes, with Armijo
// backtracking line search (which may also double an accepted first step).
//
// Update rule (lecture):  d_t = -B_t g_t;   x_{t+1} = x_t + a_t d_t   (a_t: Armijo, first trial eta)
//                         s = x_{t+1} - x_t,  y = g_{t+1} - g_t,  rho = 1 / (y^T s)
//                         B_{t+1} = (I - rho s y^T) B_t (I - rho y s^T) + rho s s^T
// B_0 = I, rescaled to (y^T s / y^T y) I before the first update; pairs with y^T s <= 0 are skipped.
// On a Problem of n parameters B is a dense n x n matrix; past limits::kMaxBfgsParameters BFGS refuses and
// points to L-BFGS.

#include "optimizers/line_search.h"
#include "optimizers/step_board.h"
#include "optimizers/stepped_optimizer.h"
#include "support/input_limits.h"

#include <utility>

namespace gradscape {

/// BFGS's inverse Hessian estimate and memory of the previous step, and its update on a vector of type V
/// (see optimizers/update_rule.h). On a Problem the estimate is a dense n x n matrix, so n is limited
/// (limits::kMaxBfgsParameters).
template <class V>
struct BfgsRule {
    using Matrix = SquareMatrixOf<V>;
    static constexpr GradientForm gradientForm = GradientForm::WithWeightDecay;
    /// Up to this many parameters B_{t+1} is computed in the product form above, as the lecture writes it
    /// (so a two-parameter Problem walks the 2D racer's bits); past it in the expanded rank-two form
    /// B - rho (s u^T + u s^T) + (rho^2 y^T u + rho) s s^T with u = B y, the same matrix in O(n^2) instead
    /// of O(n^3) work.
    static constexpr Eigen::Index kProductFormMaxParameters = 16;

    Matrix inverseHessian = identityState<Matrix>();
    V previousX = zeroState<V>(), previousGradient = zeroState<V>();
    bool havePrevious = false;
    long updates = 0;

    void reset() { *this = {}; }

    /// Why n parameters are too many (the n x n estimate), or "".
    static std::string dimensionComplaint(long n) {
        return denseMatrixComplaint("bfgs", "inverse Hessian estimate", n, limits::kMaxBfgsParameters);
    }

    template <class F>
    V update(const F& f, const V& x, const V& g, double eta, long /*step*/, const Hyperparameters& h) {
        const Eigen::Index n = x.size();
        if constexpr (V::SizeAtCompileTime == Eigen::Dynamic) {
            if (inverseHessian.rows() != n) inverseHessian.setIdentity(n, n);
        }
        if (havePrevious) learn(x - previousX, g - previousGradient);
        V d = -inverseHessian * g;
        // A lost curvature estimate can point uphill (or nowhere): start again from the identity.
        if ((!(g.dot(d) < 0) && g.squaredNorm() > 0) || !d.allFinite())
            inverseHessian.setIdentity(n, n), d = -g;
        previousX = x, previousGradient = g, havePrevious = true;
        return x + armijoStep(f, x, g, d, eta, h.weightDecay, LineSearchExpansion::Yes) * d;
    }

  private:
    void learn(const V& s, const V& y) {
        const Eigen::Index n = s.size();
        const double sy = s.dot(y);
        if (!(sy > 1e-12 * s.norm() * y.norm())) return;
        if (updates == 0 && y.dot(y) > 0) inverseHessian = (sy / y.dot(y)) * Matrix::Identity(n, n);
        const double rho = 1 / sy;
        Matrix updated;
        if (n <= kProductFormMaxParameters) {
            const Matrix left = Matrix::Identity(n, n) - rho * s * y.transpose();
            updated = left * inverseHessian * left.transpose() + rho * s * s.transpose();
        } else {
            const V u = inverseHessian * y;
            updated = inverseHessian;
            updated.noalias() -= (rho * s) * u.transpose();
            updated.noalias() -= (rho * u) * s.transpose();
            updated.noalias() += ((rho * rho * y.dot(u) + rho) * s) * s.transpose();
        }
        // At the minimum s and y shrink towards underflow; an update from them is noise, or infinite.
        if (!updated.allFinite()) return;
        inverseHessian = std::move(updated);
        ++updates;
    }
};

class Bfgs final : public SteppedOptimizer<Bfgs> {
  public:
    template <class V>
    using Rule = BfgsRule<V>;

    using SteppedOptimizer::SteppedOptimizer;
    void reset() override { rule_.reset(), steps_ = 0; }
    OptimizerState state() const override {
        return {{},
                {{"inverse Hessian estimate B", rule_.inverseHessian}},
                std::to_string(rule_.updates) + " updates"};
    }

    template <class F>
    Vec2 update(const F& f, const Vec2& x, const Vec2& g, double eta) {
        return rule_.update(f, x, g, eta, steps_, hyperparameters_);
    }

    /// Step k worked out term by term, for the step-by-step view.
    static void explain(const StepContext& c, StepBoard& b) { explainQuasiNewtonStep(c, b, false); }
    /// The line search picks the step: no fixed learning-rate bound.
    static StabilityForm stability() {
        return noFixedBound(
            "line search picks the step (eta is only the first trial): no fixed learning-rate bound");
    }

  private:
    Rule<Vec2> rule_;
};

}  // namespace gradscape
