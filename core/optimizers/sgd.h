#pragma once
// Stochastic gradient descent: a minibatch gradient on data landscapes, a noisy gradient on formulas.
//
// Update rule (lecture):  x_{t+1} = x_t - eta * g~_t
//   data landscape:     g~_t = (1/|B_t|) sum_{i in B_t} grad l_i(x_t), B_t the next minibatch of an
//                       epoch-wise reshuffled pass over the samples
//   formula landscape:  g~_t = grad f(x_t) + sigma * xi_t,  xi_t ~ N(0, I), standing in for that noise
//   network (N dims):   g~_t = the gradient of the run's minibatch (torch.optim.SGD on a DataLoader's
//                       batches), or the full batch; no noise
// The same seed gives the same path. Stability: gradient descent's, in expectation.

#include "landscapes/minibatch.h"
#include "optimizers/stability.h"
#include "optimizers/step_board.h"
#include "optimizers/stepped_optimizer.h"

#include <optional>
#include <random>

namespace gradscape {

/// SGD's generator, noise and (on a 2D data landscape) minibatches, and its update on a vector of type V
/// (see optimizers/update_rule.h). The generator is seeded on the first step after a reset, so a rule
/// needs no hyperparameters to be built.
///
/// On a Problem with samples (a network), the run deals the minibatches (advanceParameterPath's
/// BatchSchedule, the same batches for every racer, as torch's loop feeds every optimizer): the gradient
/// handed in is already the batch's, and SGD is gradient descent on it, as torch.optim.SGD. On a Problem
/// without samples the noise stands in for them, as on a 2D formula.
template <class V>
struct SgdRule {
    static constexpr GradientForm gradientForm = GradientForm::Raw;

    std::mt19937_64 random;
    std::normal_distribution<double> normal;
    V lastNoise = zeroState<V>();                 ///< The latest step's noise or sampling error.
    std::optional<MinibatchSampler> minibatches;  ///< A 2D data landscape's (V = Vec2 only).

    void reset() { lastNoise = zeroState<V>(), minibatches.reset(); }

    template <class F>
    V update(const F& f, const V& x, const V& gradient, double eta, long step, const Hyperparameters& h) {
        if (step == 1) [[unlikely]]
            start(h);
        sizeLike(lastNoise, x);
        if constexpr (requires { f.samples(); }) {
            if (const int n = static_cast<int>(f.samples().size()); n > 0) {
                if (!minibatches) minibatches.emplace(n, h.batchSize, h.seed);
                const V g = f.minibatchGradientAt(x, minibatches->next());
                lastNoise = g - gradient;  // the minibatch's sampling error, for the views
                return x - eta * (g + h.weightDecay * x);
            }
        } else {
            if (f.sampleCount() > 0) return x - eta * (gradient + h.weightDecay * x);
        }
        lastNoise = h.noise * standardNormals(x, normal, random);
        return x - eta * (gradient + lastNoise + h.weightDecay * x);
    }

  private:
    // Seeds the generator for a new run; kept out of the stepping loop, which it would slow.
    [[gnu::noinline, gnu::cold]] void start(const Hyperparameters& h) {
        random.seed(h.seed), normal.reset(), minibatches.reset();
    }
};

class StochasticGradientDescent final : public SteppedOptimizer<StochasticGradientDescent> {
  public:
    template <class V>
    using Rule = SgdRule<V>;
    /// Weight decay is added after the noise (torch's order on the noisy gradient): SGD takes grad f raw.
    static constexpr GradientForm gradientForm = Rule<Vec2>::gradientForm;

    using SteppedOptimizer::SteppedOptimizer;
    void reset() override { rule_.reset(), steps_ = 0; }
    OptimizerState state() const override {
        return {{{"gradient noise", rule_.lastNoise}},
                {},
                rule_.minibatches ? "epoch " + std::to_string(rule_.minibatches->epoch()) : std::string()};
    }

    template <class F>
    Vec2 update(const F& f, const Vec2& x, const Vec2& gradient, double eta) {
        return rule_.update(f, x, gradient, eta, steps_, hyperparameters_);
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
    Rule<Vec2> rule_;
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
