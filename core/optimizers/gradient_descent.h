#pragma once
// Full-batch gradient descent, as torch.optim.SGD with momentum 0.
//
// Update rule (lecture):  x_{t+1} = x_t - eta * grad f(x_t)
// With weight decay lambda the gradient is g_t = grad f(x_t) + lambda x_t. With line search on, the step
// eta is only the first trial: it is halved until the Armijo condition holds.

#include "optimizers/line_search.h"
#include "optimizers/optimizer.h"

namespace gradscape {

class GradientDescent final : public SteppedOptimizer<GradientDescent> {
  public:
    using SteppedOptimizer::SteppedOptimizer;
    void reset() override { steps_ = 0; }
    OptimizerState state() const override { return {}; }

    template <class F>
    Vec2 stepWith(const F& f, const Vec2& x, const Vec2& gradient) {
        const Hyperparameters& h = hyperparameters_;
        const double eta = currentLearningRate();
        ++steps_;
        const Vec2 g = gradient + h.weightDecay * x;
        if (!h.lineSearch) return x - eta * g;
        return x - armijoStep(f, x, g, -g, eta, h.weightDecay) * g;
    }
};

}  // namespace gradscape
