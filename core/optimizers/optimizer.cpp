#include "optimizers/optimizer.h"

#include "optimizers/adagrad.h"
#include "optimizers/adam.h"
#include "optimizers/adamw.h"
#include "optimizers/bfgs.h"
#include "optimizers/coordinate_descent.h"
#include "optimizers/gradient_descent.h"
#include "optimizers/lbfgs.h"
#include "optimizers/momentum.h"
#include "optimizers/nesterov.h"
#include "optimizers/newton.h"
#include "optimizers/random_search.h"
#include "optimizers/rmsprop.h"
#include "optimizers/sgd.h"
#include "optimizers/sign_sgd.h"

#include <functional>
#include <map>
#include <stdexcept>

namespace gradscape {
namespace {

// torch.optim's defaults: SGD lr 1e-3 (momentum 0), Adagrad lr 1e-2 eps 1e-10, RMSprop lr 1e-2 alpha 0.99
// eps 1e-8, Adam lr 1e-3 betas (0.9, 0.999) eps 1e-8, AdamW the same with weight decay 1e-2, LBFGS lr 1
// history 100. Methods torch does not have take the lecture's usual values.
Hyperparameters defaultsWith(double learningRate, double momentum = 0) {
    Hyperparameters h;
    h.learningRate = learningRate;
    h.momentum = momentum;
    return h;
}

std::vector<OptimizerInfo> buildCatalog() {
    const OptimizerOption lineSearch{&Hyperparameters::lineSearch,
                                     "Armijo line search (eta is the first trial)", ""};
    const OptimizerOption biasCorrection{&Hyperparameters::biasCorrection, "bias correction", ""};
    const OptimizerOption epsilonInside{&Hyperparameters::epsilonInsideSqrt,
                                        "eps inside the square root (lecture 3)",
                                        "x <- x - eta * m^ / sqrt(v^ + eps)"};
    std::vector<OptimizerInfo> catalog;
    auto add = [&](OptimizerInfo info) { catalog.push_back(std::move(info)); };

    add({"gd",
         "Gradient descent",
         "x <- x - eta * grad f(x)",
         {"lr", "weight-decay"},
         {lineSearch},
         defaultsWith(1e-3)});
    OptimizerInfo sgd{"sgd",
                      "SGD",
                      "x <- x - eta * g~, g~ = minibatch gradient (data) or grad f(x) + sigma * xi (formula)",
                      {"lr", "noise", "weight-decay"},
                      {},
                      defaultsWith(1e-3)};
    sgd.defaults.noise = 1.0;
    sgd.usesSeed = sgd.usesBatchSize = true;
    add(sgd);
    add({"momentum",
         "Momentum (heavy ball)",
         "v <- mu * v + (1 - dampening) * grad f(x);  x <- x - eta * v",
         {"lr", "momentum", "dampening", "weight-decay"},
         {},
         defaultsWith(1e-3, 0.9)});
    add({"nesterov",
         "Nesterov momentum",
         "b <- mu * b + g;  x <- x - eta * (g + mu * b)",
         {"lr", "momentum", "weight-decay"},
         {{&Hyperparameters::lookAhead, "look-ahead form (lecture)",
           "v <- rho * v - eta * grad f(x + rho * v);  x <- x + v"}},
         defaultsWith(1e-3, 0.9)});
    OptimizerInfo adagrad{"adagrad",
                          "AdaGrad",
                          "G <- G + g^2;  x <- x - eta * g / (sqrt(G) + eps)",
                          {"lr", "eps", "weight-decay"},
                          {},
                          defaultsWith(1e-2)};
    adagrad.defaults.epsilon = 1e-10;
    add(adagrad);
    add({"rmsprop",
         "RMSProp",
         "s <- alpha * s + (1 - alpha) * g^2;  x <- x - eta * g / (sqrt(s) + eps)",
         {"lr", "alpha", "eps", "weight-decay"},
         {},
         defaultsWith(1e-2)});
    const std::string adamRule =
        "m <- b1 m + (1-b1) g;  v <- b2 v + (1-b2) g^2;  x <- x - eta * m^ / (sqrt(v^) + eps)";
    add({"adam",
         "Adam",
         adamRule + "   (g includes lambda x)",
         {"lr", "beta1", "beta2", "eps", "weight-decay"},
         {biasCorrection, epsilonInside},
         defaultsWith(1e-3)});
    OptimizerInfo adamw{"adamw",
                        "AdamW (decoupled decay)",
                        "x <- x - eta * lambda * x;  then " + adamRule,
                        {"lr", "beta1", "beta2", "eps", "weight-decay"},
                        {biasCorrection, epsilonInside},
                        defaultsWith(1e-3)};
    adamw.defaults.weightDecay = 1e-2;
    add(adamw);
    add({"signsgd",
         "SignSGD",
         "x <- x - eta * sign(grad f(x))",
         {"lr", "weight-decay"},
         {},
         defaultsWith(1e-3)});
    OptimizerInfo newton{"newton",
                         "Newton",
                         "x <- x - eta * (H + delta I)^-1 grad f(x)",
                         {"lr", "damping", "weight-decay"},
                         {lineSearch},
                         defaultsWith(1.0)};
    newton.usesSchedule = false;
    add(newton);
    OptimizerInfo bfgs{"bfgs",
                       "BFGS",
                       "d <- -B g;  x <- x + a d (Armijo);  B <- BFGS update from s, y",
                       {"lr", "weight-decay"},
                       {},
                       defaultsWith(1.0)};
    bfgs.usesSchedule = false;
    add(bfgs);
    OptimizerInfo lbfgs{"lbfgs",
                        "L-BFGS",
                        "d <- -H g by two-loop recursion over the last m (s, y);  x <- x + a d",
                        {"lr", "weight-decay"},
                        {},
                        defaultsWith(1.0)};
    lbfgs.defaults.memory = 100;
    lbfgs.usesSchedule = false;
    lbfgs.usesMemory = true;
    add(lbfgs);
    add({"coordinate",
         "Coordinate descent",
         "i <- t mod 2;  x_i <- x_i - eta * df/dx_i",
         {"lr", "weight-decay"},
         {},
         defaultsWith(1e-2)});
    OptimizerInfo randomSearch{"random-search",
                               "Random search",
                               "c <- x + eta * xi;  x <- c if f(c) < f(x)   (eta: sampling radius)",
                               {"lr"},
                               {},
                               defaultsWith(0.1)};
    randomSearch.usesSeed = true;
    add(randomSearch);
    return catalog;
}

using Factory = std::function<std::unique_ptr<Optimizer>(const Hyperparameters&)>;

template <class T>
Factory factory() {
    return [](const Hyperparameters& h) { return std::make_unique<T>(h); };
}

const std::map<std::string, Factory>& factories() {
    static const std::map<std::string, Factory> table = {
        {"gd", factory<GradientDescent>()},
        {"sgd", factory<StochasticGradientDescent>()},
        {"momentum", factory<Momentum>()},
        {"nesterov", factory<Nesterov>()},
        {"adagrad", factory<AdaGrad>()},
        {"rmsprop", factory<RmsProp>()},
        {"adam", factory<Adam>()},
        {"adamw", factory<AdamW>()},
        {"signsgd", factory<SignSgd>()},
        {"newton", factory<Newton>()},
        {"bfgs", factory<Bfgs>()},
        {"lbfgs", factory<Lbfgs>()},
        {"coordinate", factory<CoordinateDescent>()},
        {"random-search", factory<RandomSearch>()},
    };
    return table;
}

}  // namespace

const std::vector<OptimizerInfo>& optimizerCatalog() {
    static const std::vector<OptimizerInfo> catalog = buildCatalog();
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

std::string updateRuleFor(const OptimizerSettings& settings) {
    const OptimizerInfo& info = optimizerInfo(settings.kind);
    for (const auto& option : info.options)
        if (settings.hyperparameters.*option.field && !option.ruleWhenOn.empty()) return option.ruleWhenOn;
    return info.updateRule;
}

std::unique_ptr<Optimizer> makeOptimizer(const std::string& name, const Hyperparameters& hyperparameters) {
    const OptimizerInfo& info = optimizerInfo(name);
    if (std::string complaint = validate(hyperparameters); !complaint.empty())
        throw std::invalid_argument(info.name + ": " + complaint);
    auto it = factories().find(name);
    if (it == factories().end())
        throw std::logic_error("optimizer '" + name + "' is in the catalog but has no factory");
    return it->second(hyperparameters);
}

}  // namespace gradscape
