// The catalog: one row per optimizer, naming its class, and the lookups every caller goes through.
//
// A row carries what the window and the command line show (name, aliases, title, update rule, the
// hyperparameters and switches it reads, torch's defaults, what else it uses); row<T> adds what the
// class itself supplies: its factory, its step explanation (T::explain) and its stability form
// (T::stability), and the factory of its parameter optimizer when it has a Rule (parameter_optimizer.h).
// Adding an optimizer is its header plus one row here.
//
// Names are lowercase single words, as torch.optim's classes lowercased (sgd, adagrad, rmsprop, adamw,
// lbfgs); an alias is another spelling that reads as the kind and is never written back.

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
#include "optimizers/parameter_optimizer.h"
#include "optimizers/random_search.h"
#include "optimizers/rmsprop.h"
#include "optimizers/sgd.h"
#include "optimizers/sign_sgd.h"

#include <algorithm>
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

// `h` with one more field changed from its default.
template <class T>
Hyperparameters with(Hyperparameters h, T Hyperparameters::*field, T value) {
    h.*field = value;
    return h;
}

// A row of the catalog for the optimizer class T: the given data, and T's factory, explanation and form;
// and, where T keeps its update in a Rule over the vector type, the factory of its parameter optimizer.
template <class T>
OptimizerInfo row(OptimizerInfo info) {
    info.make = [](const Hyperparameters& h) -> std::unique_ptr<Optimizer> { return std::make_unique<T>(h); };
    if constexpr (requires { typename T::template Rule<VecX>; })
        info.makeParameter = &makeParameterStepper<typename T::template Rule<VecX>>;
    info.explain = &T::explain;
    info.stability = T::stability();
    return info;
}

std::vector<OptimizerInfo> buildCatalog() {
    const OptimizerOption lineSearch{&Hyperparameters::lineSearch,
                                     "Armijo line search (eta is the first trial)", ""};
    const OptimizerOption biasCorrection{&Hyperparameters::biasCorrection, "bias correction", ""};
    const OptimizerOption epsilonInside{&Hyperparameters::epsilonInsideSqrt,
                                        "eps inside the square root (lecture 3)",
                                        "x <- x - eta * m^ / sqrt(v^ + eps)"};
    const OptimizerOption lookAhead{&Hyperparameters::lookAhead, "look-ahead form (lecture)",
                                    "v <- rho * v - eta * grad f(x + rho * v);  x <- x + v"};
    const std::string adamRule =
        "m <- b1 m + (1-b1) g;  v <- b2 v + (1-b2) g^2;  x <- x - eta * m^ / (sqrt(v^) + eps)";
    return {
        row<GradientDescent>({.name = "gd",
                              .title = "Gradient descent",
                              .updateRule = "x <- x - eta * grad f(x)",
                              .hyperparameters = {"lr", "weight-decay"},
                              .options = {lineSearch},
                              .defaults = defaultsWith(1e-3)}),
        row<StochasticGradientDescent>(
            {.name = "sgd",
             .title = "SGD",
             .updateRule =
                 "x <- x - eta * g~, g~ = minibatch gradient (data) or grad f(x) + sigma * xi (formula)",
             .hyperparameters = {"lr", "noise", "weight-decay"},
             .defaults = with(defaultsWith(1e-3), &Hyperparameters::noise, 1.0),
             .usesSeed = true,
             .usesBatchSize = true}),
        row<Momentum>({.name = "momentum",
                       .title = "Momentum (heavy ball)",
                       .updateRule = "v <- mu * v + (1 - dampening) * grad f(x);  x <- x - eta * v",
                       .hyperparameters = {"lr", "momentum", "dampening", "weight-decay"},
                       .defaults = defaultsWith(1e-3, 0.9)}),
        row<Nesterov>({.name = "nesterov",
                       .title = "Nesterov momentum",
                       .updateRule = "b <- mu * b + g;  x <- x - eta * (g + mu * b)",
                       .hyperparameters = {"lr", "momentum", "weight-decay"},
                       .options = {lookAhead},
                       .defaults = defaultsWith(1e-3, 0.9)}),
        row<AdaGrad>({.name = "adagrad",
                      .title = "AdaGrad",
                      .updateRule = "G <- G + g^2;  x <- x - eta * g / (sqrt(G) + eps)",
                      .hyperparameters = {"lr", "eps", "weight-decay"},
                      .defaults = with(defaultsWith(1e-2), &Hyperparameters::epsilon, 1e-10)}),
        row<RmsProp>({.name = "rmsprop",
                      .title = "RMSProp",
                      .updateRule = "s <- alpha * s + (1 - alpha) * g^2;  x <- x - eta * g / (sqrt(s) + eps)",
                      .hyperparameters = {"lr", "alpha", "eps", "weight-decay"},
                      .defaults = defaultsWith(1e-2)}),
        row<Adam>({.name = "adam",
                   .title = "Adam",
                   .updateRule = adamRule + "   (g includes lambda x)",
                   .hyperparameters = {"lr", "beta1", "beta2", "eps", "weight-decay"},
                   .options = {biasCorrection, epsilonInside},
                   .defaults = defaultsWith(1e-3)}),
        row<AdamW>({.name = "adamw",
                    .title = "AdamW (decoupled decay)",
                    .updateRule = "x <- x - eta * lambda * x;  then " + adamRule,
                    .hyperparameters = {"lr", "beta1", "beta2", "eps", "weight-decay"},
                    .options = {biasCorrection, epsilonInside},
                    .defaults = with(defaultsWith(1e-3), &Hyperparameters::weightDecay, 1e-2)}),
        row<SignSgd>({.name = "signsgd",
                      .aliases = {"sign-sgd"},
                      .title = "SignSGD",
                      .updateRule = "x <- x - eta * sign(grad f(x))",
                      .hyperparameters = {"lr", "weight-decay"},
                      .defaults = defaultsWith(1e-3)}),
        row<Newton>({.name = "newton",
                     .title = "Newton",
                     .updateRule = "x <- x - eta * (H + delta I)^-1 grad f(x)",
                     .hyperparameters = {"lr", "damping", "weight-decay"},
                     .options = {lineSearch},
                     .defaults = defaultsWith(1.0),
                     .usesSchedule = false}),
        row<Bfgs>({.name = "bfgs",
                   .title = "BFGS",
                   .updateRule = "d <- -B g;  x <- x + a d (Armijo);  B <- BFGS update from s, y",
                   .hyperparameters = {"lr", "weight-decay"},
                   .defaults = defaultsWith(1.0),
                   .usesSchedule = false}),
        row<Lbfgs>({.name = "lbfgs",
                    .title = "L-BFGS",
                    .updateRule = "d <- -H g by two-loop recursion over the last m (s, y);  x <- x + a d",
                    .hyperparameters = {"lr", "weight-decay"},
                    .defaults = with(defaultsWith(1.0), &Hyperparameters::memory, 100),
                    .usesSchedule = false,
                    .usesMemory = true}),
        row<CoordinateDescent>({.name = "coordinate",
                                .title = "Coordinate descent",
                                .updateRule = "i <- t mod 2;  x_i <- x_i - eta * df/dx_i",
                                .hyperparameters = {"lr", "weight-decay"},
                                .defaults = defaultsWith(1e-2)}),
        row<RandomSearch>({.name = "randomsearch",
                           .aliases = {"random-search"},
                           .title = "Random search",
                           .updateRule = "c <- x + eta * xi;  x <- c if f(c) < f(x)   (eta: sampling radius)",
                           .hyperparameters = {"lr"},
                           .defaults = defaultsWith(0.1),
                           .usesSeed = true}),
    };
}

}  // namespace

bool OptimizerInfo::reads(const std::string& spec) const {
    return std::find(hyperparameters.begin(), hyperparameters.end(), spec) != hyperparameters.end();
}

bool OptimizerInfo::isNamed(const std::string& text) const {
    return text == name || std::find(aliases.begin(), aliases.end(), text) != aliases.end();
}

bool OptimizerInfo::switchedOn(bool Hyperparameters::*field, const Hyperparameters& h) const {
    return h.*field && std::any_of(options.begin(), options.end(),
                                   [&](const OptimizerOption& option) { return option.field == field; });
}

const std::vector<OptimizerInfo>& optimizerCatalog() {
    static const std::vector<OptimizerInfo> catalog = buildCatalog();
    return catalog;
}

const OptimizerInfo& optimizerInfo(const std::string& name) {
    std::string known;
    for (const auto& info : optimizerCatalog()) {
        if (info.isNamed(name)) return info;
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
    return info.make(hyperparameters);
}

}  // namespace gradscape
