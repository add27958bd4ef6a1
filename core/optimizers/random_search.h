#pragma once
// Random search, the lecture's "idea #1": try a random point near the best so far, keep it if better.
//
// Update rule (lecture):  c = x_t + eta * xi,  xi ~ N(0, I);   x_{t+1} = c if f(c) < f(x_t), else x_t
// Needs no gradient at all; eta is the sampling radius. Seeded, so a run can be repeated. On n parameters
// xi has n coordinates, drawn in order.

#include "optimizers/step_board.h"
#include "optimizers/stepped_optimizer.h"

#include <random>

namespace gradscape {

/// Random search's generator and count of accepted samples, and its update on a vector of type V (see
/// optimizers/update_rule.h). The generator is seeded on the first step after a reset.
template <class V>
struct RandomSearchRule {
    /// It reads no gradient (and has no weight decay).
    static constexpr GradientForm gradientForm = GradientForm::Raw;

    std::mt19937_64 random;
    std::normal_distribution<double> normal;
    long accepted = 0;

    void reset() { accepted = 0; }

    /// eta is the sampling radius. On a Problem, f(c) and f(x_t) are the loss of the run's minibatch.
    template <class F>
    V update(const F& f, const V& x, const V&, double radius, long step, const Hyperparameters& h) {
        if (step == 1) [[unlikely]]
            start(h);
        const V xi = standardNormals(x, normal, random);
        const V candidate = x + radius * xi;
        if (!(f.valueAt(candidate) < f.valueAt(x))) return x;
        ++accepted;
        return candidate;
    }

  private:
    // Seeds the generator for a new run; kept out of the stepping loop, which it would slow by 8%.
    [[gnu::noinline, gnu::cold]] void start(const Hyperparameters& h) {
        random.seed(h.seed), normal.reset(), accepted = 0;
    }
};

class RandomSearch final : public SteppedOptimizer<RandomSearch> {
  public:
    template <class V>
    using Rule = RandomSearchRule<V>;
    static constexpr GradientForm gradientForm = Rule<Vec2>::gradientForm;

    using SteppedOptimizer::SteppedOptimizer;
    void reset() override { rule_.reset(), steps_ = 0; }
    OptimizerState state() const override {
        return {{}, {}, std::to_string(rule_.accepted) + " of " + std::to_string(steps_) + " samples accepted"};
    }

    template <class F>
    Vec2 update(const F& f, const Vec2& x, const Vec2& g, double radius) {
        return rule_.update(f, x, g, radius, steps_, hyperparameters_);
    }

    /// Step k worked out term by term, for the step-by-step view.
    static void explain(const StepContext& c, StepBoard& b);
    /// Only improvements are accepted: no bound.
    static StabilityForm stability() {
        return noFixedBound(
            "eta is a sampling radius and only improvements are accepted: the loss never rises; no bound");
    }

  private:
    Rule<Vec2> rule_;
};

// The sample of step k is drawn again from a generator seeded as RandomSearch seeds its own: two
// standard normals per step, in the same order.
inline void RandomSearch::explain(const StepContext& c, StepBoard& b) {
    b.learningRate(c, "sampling radius");
    std::mt19937_64 random(c.h.seed);
    std::normal_distribution<double> normal;
    for (long i = 0; i < 2L * c.k; ++i)
        normal(random);
    const double n1 = normal(random), n2 = normal(random);
    const Vec2 xi(n1, n2);
    const Vec2 candidate = c.x + c.eta * xi;
    const double here = c.f.valueAt(c.x), there = c.f.valueAt(candidate);
    const bool accepted = there < here;
    b.vector("sample xi_k", "xi_k ~ N(0, I)", xi);
    b.vector("candidate c", "x_k + eta * xi_k", candidate);
    b.scalar("f(x_k)", "f(x_k)", here);
    b.scalar("f(c)", accepted ? "f(c) < f(x_k): accepted" : "f(c) >= f(x_k): rejected, x stays", there);
    b.vector("step", accepted ? "c - x_k" : "0", accepted ? Vec2(candidate - c.x) : Vec2::Zero());
    b.arrow(StepPart::Noise, "eta xi (the sample)", c.eta * xi, false);
    if (accepted) b.arrow(StepPart::Rescaled, "eta xi (accepted)", c.eta * xi, true);
    b.partsAddUp(true);
}

}  // namespace gradscape
