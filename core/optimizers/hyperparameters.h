#pragma once
// The knobs a student turns: learning rate, momentum, betas, epsilon, weight decay, and the switches
// between torch.optim's form of a method and the lecture's.

#include "optimizers/schedule.h"

#include <cstdint>
#include <string>
#include <vector>

namespace gradscape {

/// The hyperparameters of every optimizer, named as in torch.optim; each optimizer reads the ones it uses.
struct Hyperparameters {
    double learningRate = 0.01;  ///< eta: the step size (the sampling radius for random search).
    double momentum = 0.9;       ///< mu (rho in the lecture): how much of the previous velocity is kept.
    double dampening = 0.0;      ///< Scales the new gradient into the velocity by (1 - dampening).
    double alpha = 0.99;         ///< RMSProp: decay of the running average of squared gradients.
    double beta1 = 0.9;          ///< Adam: decay of the first-moment (mean) estimate.
    double beta2 = 0.999;        ///< Adam: decay of the second-moment (uncentered variance) estimate.
    double epsilon = 1e-8;       ///< Added to denominators so they never divide by zero.
    double weightDecay = 0.0;    ///< lambda: L2 added to the gradient (AdamW: decoupled shrinking).
    double noise = 0.0;          ///< SGD on formula landscapes: sigma of the Gaussian gradient noise.
    double damping = 0.0;        ///< Newton: solves (H + damping I) d = -g.
    int batchSize = 1;           ///< SGD on data landscapes: samples per minibatch.
    int memory = 10;             ///< L-BFGS: how many (s, y) pairs are kept.
    std::uint64_t seed = 0;      ///< SGD noise and random search draw from a generator seeded with this.
    bool biasCorrection = true;  ///< Adam/AdamW: divide the moments by (1 - beta^t).
    bool epsilonInsideSqrt =
        false;                ///< Adam/AdamW lecture-3 variant: sqrt(v^ + eps) instead of sqrt(v^) + eps.
    bool dampeningFollowsMomentum = false;  ///< Momentum, the lecture's EMA form: dampening = momentum,
                                            ///< whatever momentum is set to (`dampening` is then unused).
    bool lookAhead = false;   ///< Nesterov lecture form: gradient at the look-ahead point x + rho v.
    bool lineSearch = false;  ///< GD and Newton: Armijo backtracking (always on for BFGS, L-BFGS).
    Schedule schedule;        ///< How the learning rate changes over the steps.

    bool operator==(const Hyperparameters&) const = default;
};

/// The dampening momentum steps with: `momentum` itself in the lecture's EMA form, else `dampening`.
inline double effectiveDampening(const Hyperparameters& h) {
    return h.dampeningFollowsMomentum ? h.momentum : h.dampening;
}

/// How a real-valued hyperparameter may be set: its field, its allowed range and how a slider moves.
struct HyperparameterSpec {
    const char* name;   ///< Command-line name without dashes, such as "lr" or "weight-decay".
    const char* label;  ///< Short label in the window, such as "learning rate".
    double Hyperparameters::*field;
    double minimum, maximum;
    bool minimumIncluded, maximumIncluded;
    bool logarithmic;  ///< Sliders move on a log scale (learning rate, epsilon).
};

/// Every real-valued hyperparameter with its allowed range, in the order the control panel shows them.
const std::vector<HyperparameterSpec>& hyperparameterSpecs();

/// The spec named `name`; throws std::invalid_argument when there is none.
const HyperparameterSpec& hyperparameterSpec(const std::string& name);

/// Checks one value against its spec; returns "" when allowed, otherwise a sentence naming the
/// parameter and its allowed range, such as "learning rate must be in (0, 1000], got -1".
std::string checkHyperparameter(const HyperparameterSpec& spec, double value);

/// Allowed ranges of the integer hyperparameters.
inline constexpr int kMaxBatchSize = 1'000'000, kMaxMemory = 100;

/// Checks every field; returns "" when all are allowed, otherwise the first complaint.
std::string validate(const Hyperparameters& hyperparameters);

}  // namespace gradscape
