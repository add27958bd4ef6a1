#include "gradient_descent.h"

namespace gradscape {

Vec2 GradientDescent::step(const Landscape&, const Vec2& x, const Vec2& gradient) {
    const Hyperparameters& h = hyperparameters_;
    return x - h.learningRate * (gradient + h.weightDecay * x);
}

}  // namespace gradscape
