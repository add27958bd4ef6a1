#pragma once
// The moment estimates Adam and AdamW share, equal to torch.optim's up to rounding.

#include "optimizers/hyperparameters.h"
#include "optimizers/update_rule.h"
#include "landscapes/landscape.h"

#include <cmath>

namespace gradscape {

/// Why Adam and AdamW have no learning-rate bound (their catalog rows' stability form).
inline constexpr const char* kAdaptiveMomentsNoBound =
    "adaptive: each coordinate's step is m^ / sqrt(v^), about eta long whatever the curvature; no fixed "
    "learning-rate bound (eta sets how closely it can settle)";

/// m and v of Adam with their bias corrections on vectors of type V (Vec2, or VecX sized by the first
/// step); step() returns the change of x for one step.
template <class V>
struct AdaptiveMoments {
    /// m: running mean of the gradient.
    V first = zeroState<V>();
    /// w = v / (1 - beta2), kept instead of v: its update w <- beta2 w + g^2 has one multiplication fewer
    /// on the path from one iterate to the next; (1 - beta2) is folded into the step's constants.
    V scaledSecond = zeroState<V>();
    /// beta1^t and beta2^t, kept as running products.
    double beta1Power = 1, beta2Power = 1;

    void reset() { *this = {}; }

    /// v: running mean of the squared gradient.
    V second(const Hyperparameters& h) const { return (1 - h.beta2) * scaledSecond; }

    /// m <- b1 m + (1-b1) g;  v <- b2 v + (1-b2) g^2;  returns -eta m^ / (sqrt(v^) + eps), where
    /// m^ = m / (1 - b1^t) and v^ = v / (1 - b2^t) (or m, v without bias correction), and with eps
    /// inside the square root in the lecture-3 variant.
    V step(const V& g, double eta, const Hyperparameters& h) {
        sizeLike(first, g);
        sizeLike(scaledSecond, g);
        first = h.beta1 * first + (1 - h.beta1) * g;
        scaledSecond = h.beta2 * scaledSecond + g.cwiseProduct(g);
        updateCorrections(eta, h);
        if (h.epsilonInsideSqrt)
            return (-(eta / correction1_) * first)
                .cwiseQuotient(((second(h) / correction2_).array() + h.epsilon).sqrt().matrix());
        // torch.optim.Adam's eta/c1 * m / (sqrt(v)/sqrt(c2) + eps) with v = (1 - b2) w, divided through by
        // r = sqrt((1 - b2) / c2): the same value up to rounding, with nothing between w's update and
        // the square root but the square root itself.
        return (-stepScale_ * first)
            .cwiseQuotient((scaledSecond.cwiseSqrt().array() + scaledEpsilon_).matrix());
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
        const double r = std::sqrt((1 - h.beta2) / correction2_);
        stepScale_ = eta / (correction1_ * r);
        scaledEpsilon_ = h.epsilon / r;
    }

    double eta_ = -1, correction1_ = 1, correction2_ = 1, stepScale_ = 0, scaledEpsilon_ = 0;
};

}  // namespace gradscape
