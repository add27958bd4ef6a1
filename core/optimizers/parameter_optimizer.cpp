#include "optimizers/parameter_optimizer.h"

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
#include "optimizers/optimizer.h"
#include "optimizers/random_search.h"
#include "optimizers/rmsprop.h"
#include "optimizers/sgd.h"
#include "optimizers/sign_sgd.h"

#include <optional>

namespace gradscape {

template <class Rule>
std::unique_ptr<ParameterOptimizer> makeParameterStepper(const Hyperparameters& hyperparameters) {
    return std::make_unique<ParameterStepper<Rule>>(hyperparameters);
}

// Every kind with a Rule; the catalog's row<T> refers to these.
template std::unique_ptr<ParameterOptimizer> makeParameterStepper<GradientDescentRule<VecX>>(const Hyperparameters&);
template std::unique_ptr<ParameterOptimizer> makeParameterStepper<SgdRule<VecX>>(const Hyperparameters&);
template std::unique_ptr<ParameterOptimizer> makeParameterStepper<MomentumRule<VecX>>(const Hyperparameters&);
template std::unique_ptr<ParameterOptimizer> makeParameterStepper<NesterovRule<VecX>>(const Hyperparameters&);
template std::unique_ptr<ParameterOptimizer> makeParameterStepper<AdaGradRule<VecX>>(const Hyperparameters&);
template std::unique_ptr<ParameterOptimizer> makeParameterStepper<RmsPropRule<VecX>>(const Hyperparameters&);
template std::unique_ptr<ParameterOptimizer> makeParameterStepper<AdamRule<VecX>>(const Hyperparameters&);
template std::unique_ptr<ParameterOptimizer> makeParameterStepper<AdamWRule<VecX>>(const Hyperparameters&);
template std::unique_ptr<ParameterOptimizer> makeParameterStepper<SignSgdRule<VecX>>(const Hyperparameters&);
template std::unique_ptr<ParameterOptimizer> makeParameterStepper<NewtonRule<VecX>>(const Hyperparameters&);
template std::unique_ptr<ParameterOptimizer> makeParameterStepper<BfgsRule<VecX>>(const Hyperparameters&);
template std::unique_ptr<ParameterOptimizer> makeParameterStepper<LbfgsRule<VecX>>(const Hyperparameters&);
template std::unique_ptr<ParameterOptimizer> makeParameterStepper<CoordinateDescentRule<VecX>>(const Hyperparameters&);
template std::unique_ptr<ParameterOptimizer> makeParameterStepper<RandomSearchRule<VecX>>(const Hyperparameters&);

std::vector<std::string> parameterOptimizerKinds() {
    std::vector<std::string> kinds;
    for (const OptimizerInfo& info : optimizerCatalog())
        if (info.makeParameter) kinds.push_back(info.name);
    return kinds;
}

std::unique_ptr<ParameterOptimizer> makeParameterOptimizer(const std::string& name,
                                                           const Hyperparameters& hyperparameters) {
    const OptimizerInfo& info = optimizerInfo(name);
    if (!info.makeParameter) {
        std::string available;
        for (const std::string& kind : parameterOptimizerKinds()) available += (available.empty() ? "" : ", ") + kind;
        throw std::invalid_argument(info.name + ": not available for network problems; the optimizers that are: " +
                                    available);
    }
    if (std::string complaint = validate(hyperparameters); !complaint.empty())
        throw std::invalid_argument(info.name + ": " + complaint);
    return info.makeParameter(hyperparameters);
}

ParameterPath startParameterPath(const Problem& problem, const VecX& start) {
    if (start.size() != problem.dimension())
        throw std::invalid_argument("the start needs " + std::to_string(problem.dimension()) +
                                    " parameters, got " + std::to_string(start.size()));
    ParameterPath path;
    const double loss = problem.valueAt(start);
    if (!isUsableParameters(start, loss)) {
        path.divergedAtStep = 0;
        return path;
    }
    path.losses.push_back(loss);
    path.iterates.push_back(start);
    path.last = start;
    return path;
}

namespace {

// Keeps w, the iterate after step k, if k falls on the stride; halves what is kept (doubling the stride)
// once the kept iterates pass the budget.
void keepIterate(ParameterPath& path, const VecX& w, long k) {
    if (k % path.keptStride != 0) return;
    path.iterates.push_back(w);
    const long values = static_cast<long>(path.iterates.size()) * std::max<long>(w.size(), 1);
    if (values <= ParameterPath::kMaxKeptParameterValues || path.iterates.size() < 2) return;
    std::size_t kept = 0;
    for (std::size_t j = 0; j < path.iterates.size(); j += 2) path.iterates[kept++] = std::move(path.iterates[j]);
    path.iterates.resize(kept);
    path.keptStride *= 2;
}

}  // namespace

void advanceParameterPath(ParameterPath& path, ParameterOptimizer& optimizer, const Problem& problem,
                          int targetSteps, const BatchSchedule& batches) {
    std::optional<BatchOrder> order;
    if (!batches.fullBatch()) order.emplace(problem.sampleCount(), batches);
    if (path.diverged() || path.losses.empty() || path.steps() >= targetSteps) return;
    optimizer.checkDimension(problem.dimension());
    VecX x = path.last;
    VecX gradient;
    if (!order) problem.valueAndGradientAt(x, gradient);
    for (long k = path.steps() + 1; k <= targetSteps; ++k) {
        double loss;
        if (order) {
            const std::span<const int> batch = order->batchOfStep(k);
            problem.minibatchValueAndGradientAt(x, batch, gradient);
            x = optimizer.step(problem, x, gradient, batch);
            loss = problem.valueAt(x);
        } else {
            x = optimizer.step(problem, x, gradient);
            loss = problem.valueAndGradientAt(x, gradient);
        }
        // A diverged iterate is never recorded, so no NaN ever reaches a view.
        if (!isUsableParameters(x, loss)) {
            path.divergedAtStep = static_cast<int>(k);
            return;
        }
        path.losses.push_back(loss);
        keepIterate(path, x, k);
        path.last = x;
    }
}

}  // namespace gradscape
