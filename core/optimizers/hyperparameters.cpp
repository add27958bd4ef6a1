#include "optimizers/hyperparameters.h"

#include <cmath>
#include <sstream>
#include <stdexcept>

namespace gradscape {

const std::vector<HyperparameterSpec>& hyperparameterSpecs() {
    static const std::vector<HyperparameterSpec> specs = {
        {"lr", "learning rate", &Hyperparameters::learningRate, 0, 1e3, false, true, true},
        {"momentum", "momentum", &Hyperparameters::momentum, 0, 1, true, false, false},
        {"dampening", "dampening", &Hyperparameters::dampening, 0, 1, true, false, false},
        {"alpha", "alpha", &Hyperparameters::alpha, 0, 1, true, false, false},
        {"beta1", "beta1", &Hyperparameters::beta1, 0, 1, true, false, false},
        {"beta2", "beta2", &Hyperparameters::beta2, 0, 1, true, false, false},
        {"eps", "epsilon", &Hyperparameters::epsilon, 0, 1, false, true, true},
        {"weight-decay", "weight decay", &Hyperparameters::weightDecay, 0, 1e3, true, true, false},
        {"noise", "noise sigma", &Hyperparameters::noise, 0, 1e3, true, true, false},
        {"damping", "damping", &Hyperparameters::damping, 0, 1e6, true, true, false},
    };
    return specs;
}

const HyperparameterSpec& hyperparameterSpec(const std::string& name) {
    for (const auto& spec : hyperparameterSpecs())
        if (spec.name == name) return spec;
    throw std::invalid_argument("unknown hyperparameter '" + name + "'");
}

std::string checkHyperparameter(const HyperparameterSpec& spec, double value) {
    const bool aboveMin = spec.minimumIncluded ? value >= spec.minimum : value > spec.minimum;
    const bool belowMax = spec.maximumIncluded ? value <= spec.maximum : value < spec.maximum;
    if (std::isfinite(value) && aboveMin && belowMax) return "";
    std::ostringstream out;
    out << spec.label << " must be in " << (spec.minimumIncluded ? "[" : "(") << spec.minimum << ", "
        << spec.maximum << (spec.maximumIncluded ? "]" : ")") << ", got " << value;
    return out.str();
}

std::string validate(const Hyperparameters& hyperparameters) {
    for (const auto& spec : hyperparameterSpecs()) {
        std::string complaint = checkHyperparameter(spec, hyperparameters.*spec.field);
        if (!complaint.empty()) return complaint;
    }
    if (hyperparameters.batchSize < 1 || hyperparameters.batchSize > kMaxBatchSize)
        return "batch size must be in [1, " + std::to_string(kMaxBatchSize) + "], got " +
               std::to_string(hyperparameters.batchSize);
    if (hyperparameters.memory < 1 || hyperparameters.memory > kMaxMemory)
        return "memory must be in [1, " + std::to_string(kMaxMemory) + "], got " +
               std::to_string(hyperparameters.memory);
    return validate(hyperparameters.schedule);
}

}  // namespace gradscape
