#pragma once
// L-BFGS: BFGS that keeps only the last m pairs (s, y) instead of a matrix, with Armijo line search.
//
// Update rule (lecture):  d_t = -H_t g_t by the two-loop recursion over the stored pairs, with
//                         H_0 = (s^T y / y^T y) I from the newest pair;   x_{t+1} = x_t + a_t d_t
// Memory m is torch.optim.LBFGS's history_size (default 100); one gradscape step is one iteration.
// On n parameters the pairs are n-vectors: m pairs cost 2 m n numbers, so L-BFGS takes any network.

#include "optimizers/line_search.h"
#include "optimizers/step_board.h"
#include "optimizers/stepped_optimizer.h"

#include <deque>

namespace gradscape {

/// L-BFGS's stored pairs and memory of the previous step, and its update on a vector of type V (see
/// optimizers/update_rule.h): m pairs of two n-vectors, so any n.
template <class V>
struct LbfgsRule {
    static constexpr GradientForm gradientForm = GradientForm::WithWeightDecay;

    struct Pair {
        V s, y;
        double rho;
    };

    std::deque<Pair> pairs;
    V direction = zeroState<V>();  ///< The latest step's direction, for the step-by-step view.
    V previousX = zeroState<V>(), previousGradient = zeroState<V>();
    bool havePrevious = false;

    void reset() { *this = {}; }

    template <class F>
    V update(const F& f, const V& x, const V& g, double eta, long /*step*/, const Hyperparameters& h) {
        if (havePrevious) remember(x - previousX, g - previousGradient, h.memory);
        V d = -twoLoop(g);
        // A direction that does not descend means the stored curvature misleads: forget it (but keep it
        // once converged, where g = 0 and no direction descends).
        if (!(g.dot(d) < 0) && g.squaredNorm() > 0) pairs.clear(), d = -g;
        previousX = x, previousGradient = g, havePrevious = true, direction = d;
        return x + armijoStep(f, x, g, d, eta, h.weightDecay, LineSearchExpansion::Yes) * d;
    }

  private:
    void remember(const V& s, const V& y, int memory) {
        const double sy = s.dot(y);
        if (!(sy > 1e-12 * s.norm() * y.norm())) return;
        pairs.push_back({s, y, 1 / sy});
        while (static_cast<int>(pairs.size()) > memory)
            pairs.pop_front();
    }
    V twoLoop(const V& g) const {
        V q = g;
        double alphas[kMaxMemory];
        for (int i = static_cast<int>(pairs.size()) - 1; i >= 0; --i) {
            alphas[i] = pairs[i].rho * pairs[i].s.dot(q);
            q -= alphas[i] * pairs[i].y;
        }
        if (!pairs.empty()) q *= pairs.back().s.dot(pairs.back().y) / pairs.back().y.squaredNorm();
        for (size_t i = 0; i < pairs.size(); ++i) {
            const double beta = pairs[i].rho * pairs[i].y.dot(q);
            q += (alphas[i] - beta) * pairs[i].s;
        }
        return q;
    }
};

class Lbfgs final : public SteppedOptimizer<Lbfgs> {
  public:
    template <class V>
    using Rule = LbfgsRule<V>;

    using SteppedOptimizer::SteppedOptimizer;
    void reset() override { rule_.reset(), steps_ = 0; }
    OptimizerState state() const override {
        OptimizerState state;
        state.vectors = {{"direction d", rule_.direction}};
        if (!rule_.pairs.empty()) {
            state.vectors.push_back({"newest s", rule_.pairs.back().s});
            state.vectors.push_back({"newest y", rule_.pairs.back().y});
        }
        state.note = std::to_string(rule_.pairs.size()) + " of " + std::to_string(hyperparameters_.memory) +
                     " pairs stored";
        return state;
    }

    template <class F>
    Vec2 update(const F& f, const Vec2& x, const Vec2& g, double eta) {
        return rule_.update(f, x, g, eta, steps_, hyperparameters_);
    }

    /// Step k worked out term by term, for the step-by-step view.
    static void explain(const StepContext& c, StepBoard& b) { explainQuasiNewtonStep(c, b, true); }
    /// The line search picks the step: no fixed learning-rate bound.
    static StabilityForm stability() {
        return noFixedBound(
            "line search picks the step (eta is only the first trial): no fixed learning-rate bound");
    }

  private:
    Rule<Vec2> rule_;
};

}  // namespace gradscape
