#pragma once
// Random search, the lecture's "idea #1": try a random point near the best so far, keep it if better.
//
// Update rule (lecture):  c = x_t + eta * xi,  xi ~ N(0, I);   x_{t+1} = c if f(c) < f(x_t), else x_t
// Needs no gradient at all; eta is the sampling radius. Seeded, so a run can be repeated.

#include "optimizers/optimizer.h"

#include <random>

namespace gradscape {

class RandomSearch final : public SteppedOptimizer<RandomSearch> {
  public:
    explicit RandomSearch(const Hyperparameters& h) : SteppedOptimizer(h) { reset(); }
    void reset() override {
        steps_ = 0;
        accepted_ = 0;
        random_.seed(hyperparameters_.seed);
        normal_.reset();
    }
    OptimizerState state() const override {
        return {{}, {}, std::to_string(accepted_) + " of " + std::to_string(steps_) + " samples accepted"};
    }

    template <class F>
    Vec2 stepWith(const F& f, const Vec2& x, const Vec2&) {
        const double radius = currentLearningRate();
        ++steps_;
        const double n1 = normal_(random_), n2 = normal_(random_);
        const Vec2 candidate = x + radius * Vec2(n1, n2);
        if (!(f.valueAt(candidate) < f.valueAt(x))) return x;
        ++accepted_;
        return candidate;
    }

  private:
    std::mt19937_64 random_;
    std::normal_distribution<double> normal_;
    long accepted_ = 0;
};

}  // namespace gradscape
