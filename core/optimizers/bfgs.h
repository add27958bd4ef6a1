#pragma once
// BFGS: a quasi-Newton method that learns the inverse Hessian from gradient changes, with Armijo
// backtracking line search (which may also double an accepted first step).
//
// Update rule (lecture):  d_t = -B_t g_t;   x_{t+1} = x_t + a_t d_t   (a_t: Armijo, first trial eta)
//                         s = x_{t+1} - x_t,  y = g_{t+1} - g_t,  rho = 1 / (y^T s)
//                         B_{t+1} = (I - rho s y^T) B_t (I - rho y s^T) + rho s s^T
// B_0 = I, rescaled to (y^T s / y^T y) I before the first update; pairs with y^T s <= 0 are skipped.

#include "optimizers/line_search.h"
#include "optimizers/step_board.h"
#include "optimizers/stepped_optimizer.h"

namespace gradscape {

class Bfgs final : public SteppedOptimizer<Bfgs> {
  public:
    using SteppedOptimizer::SteppedOptimizer;
    void reset() override { steps_ = 0, inverseHessian_.setIdentity(), updates_ = 0, havePrevious_ = false; }
    OptimizerState state() const override {
        return {{}, {{"inverse Hessian estimate B", inverseHessian_}}, std::to_string(updates_) + " updates"};
    }

    template <class F>
    Vec2 update(const F& f, const Vec2& x, const Vec2& g, double eta) {
        if (havePrevious_) learn(x - previousX_, g - previousGradient_);
        Vec2 d = -inverseHessian_ * g;
        // A lost curvature estimate can point uphill (or nowhere): start again from the identity.
        if ((!(g.dot(d) < 0) && g.squaredNorm() > 0) || !d.allFinite()) inverseHessian_.setIdentity(), d = -g;
        previousX_ = x, previousGradient_ = g, havePrevious_ = true;
        return x + armijoStep(f, x, g, d, eta, hyperparameters_.weightDecay, LineSearchExpansion::Yes) * d;
    }

    /// Step k worked out term by term, for the step-by-step view.
    static void explain(const StepContext& c, StepBoard& b) { explainQuasiNewtonStep(c, b, false); }
    /// The line search picks the step: no fixed learning-rate bound.
    static StabilityForm stability() {
        return noFixedBound(
            "line search picks the step (eta is only the first trial): no fixed learning-rate bound");
    }

  private:
    void learn(const Vec2& s, const Vec2& y) {
        const double sy = s.dot(y);
        if (!(sy > 1e-12 * s.norm() * y.norm())) return;
        if (updates_ == 0 && y.dot(y) > 0) inverseHessian_ = (sy / y.dot(y)) * Mat2::Identity();
        const double rho = 1 / sy;
        const Mat2 left = Mat2::Identity() - rho * s * y.transpose();
        const Mat2 updated = left * inverseHessian_ * left.transpose() + rho * s * s.transpose();
        // At the minimum s and y shrink towards underflow; an update from them is noise, or infinite.
        if (!updated.allFinite()) return;
        inverseHessian_ = updated;
        ++updates_;
    }

    Mat2 inverseHessian_ = Mat2::Identity();
    Vec2 previousX_ = Vec2::Zero(), previousGradient_ = Vec2::Zero();
    bool havePrevious_ = false;
    long updates_ = 0;
};

}  // namespace gradscape
