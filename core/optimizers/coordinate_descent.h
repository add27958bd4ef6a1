#pragma once
// Cyclic coordinate descent: one axis per step, in turn.
//
// Update rule (lecture):  i = t mod 2;   x_i <- x_i - eta * df/dx_i(x);   the other coordinate stays
// Paths are staircases of axis-parallel moves; on a rotated ill-conditioned bowl they crawl.

#include "optimizers/optimizer.h"

namespace gradscape {

class CoordinateDescent final : public SteppedOptimizer<CoordinateDescent> {
  public:
    using SteppedOptimizer::SteppedOptimizer;
    void reset() override { steps_ = 0; }
    OptimizerState state() const override { return {}; }

    template <class F>
    Vec2 stepWith(const F&, const Vec2& x, const Vec2& gradient) {
        const double eta = currentLearningRate();
        const int axis = static_cast<int>(steps_ % 2);
        ++steps_;
        Vec2 next = x;
        next[axis] -= eta * (gradient[axis] + hyperparameters_.weightDecay * x[axis]);
        return next;
    }
};

}  // namespace gradscape
