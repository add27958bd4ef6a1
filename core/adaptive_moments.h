#pragma once
// The moment estimates Adam and AdamW share, in torch.optim's order of operations.

#include "hyperparameters.h"
#include "landscape.h"

#include <cmath>

namespace gradscape {

/// m and v of Adam with their bias corrections; step() returns the change of x for one step.
struct AdaptiveMoments {
    Vec2 first = Vec2::Zero();              ///< m: running mean of the gradient.
    Vec2 second = Vec2::Zero();             ///< v: running mean of the squared gradient.
    double beta1Power = 1, beta2Power = 1;  ///< beta1^t and beta2^t, kept as running products.

    void reset() { *this = {}; }

    /// m <- b1 m + (1-b1) g;  v <- b2 v + (1-b2) g^2;  returns -eta m^ / (sqrt(v^) + eps), where
    /// m^ = m / (1 - b1^t) and v^ = v / (1 - b2^t) (or m, v without bias correction), and with eps
    /// inside the square root in the lecture-3 variant.
    Vec2 step(const Vec2& g, double eta, const Hyperparameters& h) {
        first = h.beta1 * first + (1 - h.beta1) * g;
        second = h.beta2 * second + (1 - h.beta2) * g.cwiseProduct(g);
        updateCorrections(eta, h);
        if (h.epsilonInsideSqrt)
            return (-(eta / correction1_) * first)
                .cwiseQuotient(((second / correction2_).array() + h.epsilon).sqrt().matrix());
        // torch.optim.Adam's eta/c1 * m / (sqrt(v)/sqrt(c2) + eps), multiplied through by sqrt(c2): one
        // multiplication fewer between v and the next iterate, the same value up to rounding.
        return (-stepScale_ * first).cwiseQuotient((second.cwiseSqrt().array() + scaledEpsilon_).matrix());
    }

  private:
    // The corrections 1 - beta^t reach exactly 1.0 in double once beta^t < 2^-54; from then on the
    // coefficients stay as they are and no square root or division is spent on them.
    void updateCorrections(double eta, const Hyperparameters& h) {
        const bool changing = beta1Power > 1e-18 || beta2Power > 1e-18 || eta != eta_;
        if (beta1Power > 1e-18) beta1Power *= h.beta1;
        if (beta2Power > 1e-18) beta2Power *= h.beta2;
        if (!changing) return;
        eta_ = eta;
        correction1_ = h.biasCorrection ? 1 - beta1Power : 1.0;
        correction2_ = h.biasCorrection ? 1 - beta2Power : 1.0;
        const double root2 = std::sqrt(correction2_);
        stepScale_ = eta * root2 / correction1_;
        scaledEpsilon_ = h.epsilon * root2;
    }

    double eta_ = -1, correction1_ = 1, correction2_ = 1, stepScale_ = 0, scaledEpsilon_ = 0;
};

}  // namespace gradscape
