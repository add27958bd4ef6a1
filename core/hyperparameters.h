#pragma once
// The knobs a student turns: learning rate, momentum, betas, epsilon, weight decay.

#include <string>
#include <vector>

namespace gradscape {

/// The hyperparameters of every optimizer, named as in torch.optim; each optimizer reads the ones it uses.
struct Hyperparameters {
    double learningRate = 0.01;  ///< eta: the step size.
    double momentum = 0.9;       ///< mu (rho in the lecture): how much of the previous velocity is kept.
    double dampening = 0.0;      ///< Scales the new gradient into the velocity by (1 - dampening).
    double beta1 = 0.9;          ///< Adam: decay of the first-moment (mean) estimate.
    double beta2 = 0.999;        ///< Adam: decay of the second-moment (uncentered variance) estimate.
    double epsilon = 1e-8;       ///< Adam: added to the denominator so it never divides by zero.
    double weightDecay = 0.0;    ///< lambda: L2 penalty added to the gradient as lambda * x.

    bool operator==(const Hyperparameters&) const = default;
};

/// How a hyperparameter may be set: its field, its allowed range and how a slider should move.
struct HyperparameterSpec {
    const char* name;   ///< Command-line style name, such as "learning-rate".
    const char* label;  ///< Short label in the window, such as "learning rate".
    double Hyperparameters::*field;
    double minimum, maximum;
    bool minimumIncluded, maximumIncluded;
    bool logarithmic;  ///< Sliders move on a log scale (learning rate, epsilon).
};

/// Every hyperparameter with its allowed range, in the order the control panel shows them.
const std::vector<HyperparameterSpec>& hyperparameterSpecs();

/// Checks one value against its spec; returns "" when allowed, otherwise a sentence naming the
/// parameter and its allowed range, such as "learning rate must be in (0, 1000], got -1".
std::string checkHyperparameter(const HyperparameterSpec& spec, double value);

/// Checks every field; returns "" when all are allowed, otherwise the first complaint.
std::string validate(const Hyperparameters& hyperparameters);

}  // namespace gradscape
