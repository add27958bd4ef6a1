#pragma once
// Stochastic gradient descent: a minibatch gradient on data landscapes, a noisy gradient on formulas.
//
// Update rule (lecture):  x_{t+1} = x_t - eta * g~_t
//   data landscape:     g~_t = (1/|B_t|) sum_{i in B_t} grad l_i(x_t), B_t the next minibatch of an
//                       epoch-wise reshuffled pass over the samples
//   formula landscape:  g~_t = grad f(x_t) + sigma * xi_t,  xi_t ~ N(0, I), standing in for that noise
// The same seed gives the same path. Stability: gradient descent's, in expectation.

#include "landscapes/minibatch.h"
#include "optimizers/stability.h"
#include "optimizers/step_board.h"
#include "optimizers/stepped_optimizer.h"

#include <optional>
#include <random>

namespace gradscape {

class StochasticGradientDescent final : public SteppedOptimizer<StochasticGradientDescent> {
  public:
    /// Weight decay is added after the noise (torch's order on the noisy gradient): SGD takes grad f raw.
    static constexpr GradientForm gradientForm = GradientForm::Raw;

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
    Vec2 update(const F& f, const Vec2& x, const Vec2& gradient, double eta) {
        const Hyperparameters& h = hyperparameters_;
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

    /// Step k worked out term by term, for the step-by-step view.
    static void explain(const StepContext& c, StepBoard& b);
    /// Gradient descent's x' = (I - eta A) x in expectation; the noise keeps it from settling.
    static StabilityForm stability() {
        return {"", &gradientStepMatrix, [](const LinearizedStep& step, StabilityAnalysis& result) {
                    if (unstableEverywhere(step, result)) return;
                    gradientStepBound(step, result, true);
                    result.note = "in expectation: the gradient noise keeps the iterate from settling";
                }};
    }

  private:
    std::mt19937_64 random_;
    std::normal_distribution<double> normal_;
    Vec2 lastNoise_ = Vec2::Zero();
    std::optional<MinibatchSampler> minibatches_;
};

inline void StochasticGradientDescent::explain(const StepContext& c, StepBoard& b) {
    b.learningRate(c);
    const Vec2 noise = stateVector(c.after, "gradient noise");
    b.vector("gradient grad f(x_k)", "grad f(x_k)", c.gradient);
    const bool data = !c.f.samples().empty();
    if (data) {
        b.vector("minibatch gradient g~_k", "(1/|B_k|) sum_{i in B_k} grad l_i(x_k)", c.gradient + noise);
        b.vector("sampling error", "g~_k - grad f(x_k)", noise);
    } else {
        b.scalar("noise level sigma", "sigma", c.h.noise);
        b.vector("noise sigma xi_k", "sigma * xi_k,  xi_k ~ N(0, I)", noise);
        b.vector("noisy gradient g~_k", "grad f(x_k) + sigma * xi_k", c.gradient + noise);
    }
    if (c.h.weightDecay != 0) b.vector("L2 weight decay lambda x_k", "lambda * x_k", c.h.weightDecay * c.x);
    const Vec2 g = c.gradient + noise + c.h.weightDecay * c.x;
    b.vector("step", c.h.weightDecay != 0 ? "-eta * (g~_k + lambda * x_k)" : "-eta * g~_k", -c.eta * g);
    b.gradientArrows(c, -c.eta, "-eta", true);
    b.arrow(StepPart::Noise, data ? "-eta (g~ - grad f) (minibatch error)" : "-eta sigma xi (noise)",
            -c.eta * noise, true);
    b.partsAddUp(true);
}

}  // namespace gradscape
