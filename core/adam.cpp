#include "adam.h"

#include <cmath>

namespace gradscape {

Vec2 Adam::step(const Landscape&, const Vec2& x, const Vec2& gradient) {
    const Hyperparameters& h = hyperparameters_;
    const Vec2 g = gradient + h.weightDecay * x;
    ++steps_;
    firstMoment_ = h.beta1 * firstMoment_ + (1 - h.beta1) * g;
    secondMoment_ = h.beta2 * secondMoment_ + (1 - h.beta2) * g.cwiseProduct(g);
    // Same order of operations as torch.optim.Adam, so trajectories agree to the last bits.
    const double biasCorrection1 = 1 - std::pow(h.beta1, static_cast<double>(steps_));
    const double biasCorrection2Sqrt = std::sqrt(1 - std::pow(h.beta2, static_cast<double>(steps_)));
    const double stepSize = h.learningRate / biasCorrection1;
    const Vec2 denominator = (secondMoment_.cwiseSqrt() / biasCorrection2Sqrt).array() + h.epsilon;
    return x - stepSize * firstMoment_.cwiseQuotient(denominator);
}

}  // namespace gradscape
