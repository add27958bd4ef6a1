#pragma once
// Stochastic gradient descent: a minibatch gradient on data landscapes, a noisy gradient on formulas.
//
// Update rule (lecture):  x_{t+1} = x_t - eta * g~_t
//   data landscape:     g~_t = (1/|B_t|) sum_{i in B_t} grad l_i(x_t), B_t the next minibatch of an
//                       epoch-wise reshuffled pass over the samples
//   formula landscape:  g~_t = grad f(x_t) + sigma * xi_t,  xi_t ~ N(0, I), standing in for that noise
// The same seed gives the same path.

#include "landscapes/minibatch.h"
#include "optimizers/optimizer.h"

#include <optional>

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
        minibatches_.reset();
    }
    OptimizerState state() const override {
        return {{{"gradient noise", lastNoise_}},
                {},
                minibatches_ ? "epoch " + std::to_string(minibatches_->epoch()) : std::string()};
    }

    template <class F>
    Vec2 stepWith(const F& f, const Vec2& x, const Vec2& gradient) {
        const Hyperparameters& h = hyperparameters_;
        const double eta = currentLearningRate();
        ++steps_;
        if (const int n = static_cast<int>(f.samples().size()); n > 0) {
            if (!minibatches_) minibatches_.emplace(n, h.batchSize, h.seed);
            const Vec2 g = f.minibatchGradientAt(x, minibatches_->next());
            lastNoise_ = g - gradient;  // the minibatch's sampling error, for the views
            return x - eta * (g + h.weightDecay * x);
        }
        const double n1 = normal_(random_), n2 = normal_(random_);
        lastNoise_ = h.noise * Vec2(n1, n2);
        return x - eta * (gradient + lastNoise_ + h.weightDecay * x);
    }

  private:
    std::mt19937_64 random_;
    std::normal_distribution<double> normal_;
    Vec2 lastNoise_ = Vec2::Zero();
    std::optional<MinibatchSampler> minibatches_;
};

}  // namespace gradscape
