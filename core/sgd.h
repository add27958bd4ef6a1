#pragma once
// Stochastic gradient descent on a formula landscape: the exact gradient plus seeded Gaussian noise.
//
// Update rule (lecture):  x_{t+1} = x_t - eta * g~_t,   g~_t = grad f(x_t) + sigma * xi_t,  xi_t ~ N(0, I)
// The noise stands in for the minibatch sampling error of a real data set; the same seed gives the
// same path.

#include "optimizer.h"

#include <random>

namespace gradscape {

class StochasticGradientDescent final : public SteppedOptimizer<StochasticGradientDescent> {
  public:
    explicit StochasticGradientDescent(const Hyperparameters& h) : SteppedOptimizer(h) { reset(); }
    void reset() override {
        steps_ = 0;
        random_.seed(hyperparameters_.seed);
        normal_.reset();
        lastNoise_.setZero();
    }
    OptimizerState state() const override { return {{{"gradient noise", lastNoise_}}, {}, ""}; }

    template <class F>
    Vec2 stepWith(const F&, const Vec2& x, const Vec2& gradient) {
        const Hyperparameters& h = hyperparameters_;
        const double eta = currentLearningRate();
        ++steps_;
        const double n1 = normal_(random_), n2 = normal_(random_);
        lastNoise_ = h.noise * Vec2(n1, n2);
        return x - eta * (gradient + lastNoise_ + h.weightDecay * x);
    }

  private:
    std::mt19937_64 random_;
    std::normal_distribution<double> normal_;
    Vec2 lastNoise_ = Vec2::Zero();
};

}  // namespace gradscape
