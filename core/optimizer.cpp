#include "optimizer.h"

#include "adam.h"
#include "gradient_descent.h"
#include "momentum.h"

#include <stdexcept>

namespace gradscape {

const std::vector<OptimizerInfo>& optimizerCatalog() {
    static const std::vector<OptimizerInfo> catalog = [] {
        // torch.optim's defaults (lr 1e-3, betas (0.9, 0.999), eps 1e-8); momentum 0.9 as in the lectures.
        Hyperparameters gd;
        gd.learningRate = 1e-3;
        gd.momentum = 0;
        Hyperparameters momentum = gd;
        momentum.momentum = 0.9;
        Hyperparameters adam = gd;
        return std::vector<OptimizerInfo>{
            {"gd", "Gradient descent", "x <- x - eta * grad f(x)", {"lr", "weight-decay"}, gd},
            {"momentum",
             "Momentum (heavy ball)",
             "v <- mu * v + (1 - dampening) * grad f(x);  x <- x - eta * v",
             {"lr", "momentum", "dampening", "weight-decay"},
             momentum},
            {"adam",
             "Adam",
             "m <- b1 m + (1-b1) g;  v <- b2 v + (1-b2) g^2;  x <- x - eta * m^ / (sqrt(v^) + eps)",
             {"lr", "beta1", "beta2", "eps", "weight-decay"},
             adam},
        };
    }();
    return catalog;
}

const OptimizerInfo& optimizerInfo(const std::string& name) {
    std::string known;
    for (const auto& info : optimizerCatalog()) {
        if (info.name == name) return info;
        known += (known.empty() ? "" : ", ") + info.name;
    }
    throw std::invalid_argument("unknown optimizer '" + name + "' (one of: " + known + ")");
}

std::unique_ptr<Optimizer> makeOptimizer(const std::string& name, const Hyperparameters& hyperparameters) {
    const OptimizerInfo& info = optimizerInfo(name);
    if (std::string complaint = validate(hyperparameters); !complaint.empty())
        throw std::invalid_argument(info.name + ": " + complaint);
    if (name == "gd") return std::make_unique<GradientDescent>(hyperparameters);
    if (name == "momentum") return std::make_unique<Momentum>(hyperparameters);
    if (name == "adam") return std::make_unique<Adam>(hyperparameters);
    throw std::logic_error("optimizer '" + name + "' is in the catalog but has no factory");
}

}  // namespace gradscape
