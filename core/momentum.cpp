#include "momentum.h"

namespace gradscape {

Vec2 Momentum::step(const Landscape&, const Vec2& x, const Vec2& gradient) {
    const Hyperparameters& h = hyperparameters_;
    const Vec2 g = gradient + h.weightDecay * x;
    // torch.optim.SGD seeds the buffer with the first gradient, undamped.
    velocity_ = steps_ == 0 ? g : Vec2(h.momentum * velocity_ + (1 - h.dampening) * g);
    ++steps_;
    return x - h.learningRate * velocity_;
}

}  // namespace gradscape
