#pragma once
// L-BFGS: BFGS that keeps only the last m pairs (s, y) instead of a matrix, with Armijo line search.
//
// Update rule (lecture):  d_t = -H_t g_t by the two-loop recursion over the stored pairs, with
//                         H_0 = (s^T y / y^T y) I from the newest pair;   x_{t+1} = x_t + a_t d_t
// Memory m is torch.optim.LBFGS's history_size (default 100); one gradscape step is one iteration.

#include "optimizers/line_search.h"
#include "optimizers/step_board.h"
#include "optimizers/stepped_optimizer.h"

#include <deque>

namespace gradscape {

class Lbfgs final : public SteppedOptimizer<Lbfgs> {
  public:
    using SteppedOptimizer::SteppedOptimizer;
    void reset() override { steps_ = 0, pairs_.clear(), havePrevious_ = false, direction_.setZero(); }
    OptimizerState state() const override {
        OptimizerState state;
        state.vectors = {{"direction d", direction_}};
        if (!pairs_.empty()) {
            state.vectors.push_back({"newest s", pairs_.back().s});
            state.vectors.push_back({"newest y", pairs_.back().y});
        }
        state.note = std::to_string(pairs_.size()) + " of " + std::to_string(hyperparameters_.memory) +
                     " pairs stored";
        return state;
    }

    template <class F>
    Vec2 update(const F& f, const Vec2& x, const Vec2& g, double eta) {
        if (havePrevious_) remember(x - previousX_, g - previousGradient_);
        Vec2 d = -twoLoop(g);
        // A direction that does not descend means the stored curvature misleads: forget it (but keep it
        // once converged, where g = 0 and no direction descends).
        if (!(g.dot(d) < 0) && g.squaredNorm() > 0) pairs_.clear(), d = -g;
        previousX_ = x, previousGradient_ = g, havePrevious_ = true, direction_ = d;
        return x + armijoStep(f, x, g, d, eta, hyperparameters_.weightDecay, LineSearchExpansion::Yes) * d;
    }

    /// Step k worked out term by term, for the step-by-step view.
    static void explain(const StepContext& c, StepBoard& b) { explainQuasiNewtonStep(c, b, true); }
    /// The line search picks the step: no fixed learning-rate bound.
    static StabilityForm stability() {
        return noFixedBound(
            "line search picks the step (eta is only the first trial): no fixed learning-rate bound");
    }

  private:
    struct Pair {
        Vec2 s, y;
        double rho;
    };
    void remember(const Vec2& s, const Vec2& y) {
        const double sy = s.dot(y);
        if (!(sy > 1e-12 * s.norm() * y.norm())) return;
        pairs_.push_back({s, y, 1 / sy});
        while (static_cast<int>(pairs_.size()) > hyperparameters_.memory)
            pairs_.pop_front();
    }
    Vec2 twoLoop(const Vec2& g) const {
        Vec2 q = g;
        double alphas[kMaxMemory];
        for (int i = static_cast<int>(pairs_.size()) - 1; i >= 0; --i) {
            alphas[i] = pairs_[i].rho * pairs_[i].s.dot(q);
            q -= alphas[i] * pairs_[i].y;
        }
        if (!pairs_.empty()) q *= pairs_.back().s.dot(pairs_.back().y) / pairs_.back().y.squaredNorm();
        for (size_t i = 0; i < pairs_.size(); ++i) {
            const double beta = pairs_[i].rho * pairs_[i].y.dot(q);
            q += (alphas[i] - beta) * pairs_[i].s;
        }
        return q;
    }

    std::deque<Pair> pairs_;
    Vec2 direction_ = Vec2::Zero();  ///< The latest step's direction, for the step-by-step view.
    Vec2 previousX_ = Vec2::Zero(), previousGradient_ = Vec2::Zero();
    bool havePrevious_ = false;
};

}  // namespace gradscape
