#pragma once
// Optimizers of parameter vectors of any size (a network's weights), with torch.optim's semantics, and
// the record of a run on a Problem.
//
// One generic class serves every ported kind: ParameterStepper<Rule> takes the shared start of a step
// (startStep, optimizers/update_rule.h: scheduled learning rate, step count, weight decay as the rule's
// gradient form says) and hands the rest to the kind's Rule over VecX, the very code the 2D class runs
// over Vec2. The catalog row of a ported kind carries its factory (OptimizerInfo::makeParameter);
// makeParameterOptimizer refuses the others.
//
// Every kind of the catalog is ported, with every option of its own (Armijo line search, Nesterov's
// look-ahead form, ...). Newton and BFGS keep a dense n x n matrix and refuse a problem past their limits
// (checkDimension, support/input_limits.h).
//
// Minibatches belong to the run (advanceParameterPath's BatchSchedule): every racer of a run is handed the
// gradient of the same batches, as torch's training loop feeds every optimizer; what a method evaluates
// inside its step (a line search's loss, a look-ahead gradient, random search's comparison) is that
// batch's too, as torch's closure would compute it. Newton's Hessian is always the full batch's.

#include "landscapes/problem.h"
#include "networks/batch_order.h"
#include "optimizers/hyperparameters.h"
#include "optimizers/trajectory.h"
#include "optimizers/update_rule.h"
#include "support/chunked_vector.h"

#include <cmath>
#include <memory>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

namespace gradscape {

/// A Problem seen as a rule's F: the valueAt and gradientAt a line search or a look-ahead reads, over the
/// step's minibatch (`batch`; empty: every sample), and the full batch's Hessian Newton reads.
struct ProblemFunction {
    const Problem& problem;
    std::span<const int> batch = {};

    double valueAt(const VecX& w) const {
        return batch.empty() ? problem.valueAt(w) : problem.minibatchValueAt(w, batch);
    }
    VecX gradientAt(const VecX& w) const {
        VecX gradient;
        if (batch.empty())
            problem.valueAndGradientAt(w, gradient);
        else
            problem.minibatchValueAndGradientAt(w, batch, gradient);
        return gradient;
    }
    Eigen::MatrixXd hessianAt(const VecX& w) const { return problem.hessianAt(w); }
    /// The problem's samples (0 for a loss without data): SGD adds noise only where there are none.
    int sampleCount() const { return problem.sampleCount(); }
};

/// One way of walking downhill on a parameter vector of any size. Like Optimizer, it owns its state
/// (moments, velocity, step count), sized by its first step, and is stepped from iterate to iterate.
class ParameterOptimizer {
  public:
    explicit ParameterOptimizer(const Hyperparameters& hyperparameters) : hyperparameters_(hyperparameters) {}
    virtual ~ParameterOptimizer() = default;

    /// Forgets all state, as at the start of a run.
    virtual void reset() = 0;
    /// Takes one step from x, where the loss has the given gradient, and returns the next iterate. `batch`
    /// lists the samples the gradient is over (empty: every sample); what the step evaluates itself is
    /// over them too. Throws std::invalid_argument when x or the gradient does not have the problem's
    /// dimension, or (on the first step) checkDimension's refusal.
    virtual VecX step(const Problem& problem, const VecX& x, const VecX& gradient,
                      std::span<const int> batch = {}) = 0;
    /// Throws std::invalid_argument, with a sentence naming the limit and what to use instead, when this
    /// kind cannot take `dimension` parameters (Newton's and BFGS's n x n matrices).
    virtual void checkDimension(int dimension) const { (void)dimension; }

    const Hyperparameters& hyperparameters() const { return hyperparameters_; }
    /// Steps taken since the last reset.
    long stepsTaken() const { return steps_; }

  protected:
    Hyperparameters hyperparameters_;
    long steps_ = 0;
};

/// The ParameterOptimizer of one kind: Rule is the kind's rule over VecX, such as MomentumRule<VecX>.
template <class Rule>
class ParameterStepper final : public ParameterOptimizer {
  public:
    using ParameterOptimizer::ParameterOptimizer;

    void reset() override { rule_.reset(), steps_ = 0; }

    VecX step(const Problem& problem, const VecX& x, const VecX& gradient,
              std::span<const int> batch = {}) override {
        if (x.size() != problem.dimension() || gradient.size() != problem.dimension())
            throw std::invalid_argument("a step needs " + std::to_string(problem.dimension()) +
                                        " parameters and gradient entries, got " + std::to_string(x.size()) +
                                        " and " + std::to_string(gradient.size()));
        if (steps_ == 0) checkDimension(problem.dimension());
        const ProblemFunction f{problem, batch};
        return startStep<Rule::gradientForm>(hyperparameters_, steps_, x, gradient,
                                             [&](const VecX& g, double eta) {
                                                 return rule_.update(f, x, g, eta, steps_, hyperparameters_);
                                             });
    }

    void checkDimension(int dimension) const override {
        if constexpr (requires { Rule::dimensionComplaint(0L); }) {
            if (std::string complaint = Rule::dimensionComplaint(dimension); !complaint.empty())
                throw std::invalid_argument(complaint);
        }
    }

    /// The rule's state after the latest step (velocity, moments), for tests and views.
    const Rule& rule() const { return rule_; }

  private:
    Rule rule_;
};

/// A new ParameterStepper<Rule>; the catalog's makeParameter. Instantiated once for each ported kind in
/// parameter_optimizer.cpp (a kind given a Rule is added to that list), so the catalog's file does not
/// compile the N-dimensional steppers beside its 2D stepping loops.
template <class Rule>
std::unique_ptr<ParameterOptimizer> makeParameterStepper(const Hyperparameters& hyperparameters);

/// Builds the parameter optimizer of kind `name` (or an alias). Throws std::invalid_argument for an
/// unknown name, a hyperparameter out of range (naming it and its range), or a kind not available on
/// parameter vectors (the message lists the kinds that are).
std::unique_ptr<ParameterOptimizer> makeParameterOptimizer(const std::string& name,
                                                           const Hyperparameters& hyperparameters);

/// The names of the kinds makeParameterOptimizer builds, in catalog order.
std::vector<std::string> parameterOptimizerKinds();

/// Whether an iterate may be recorded: a finite loss and every parameter within kDivergenceRadius (so
/// finite), as isUsableIterate says for 2D.
inline bool isUsableParameters(const VecX& w, double loss) {
    if (!std::isfinite(loss)) return false;
    for (Eigen::Index i = 0; i < w.size(); ++i)
        if (!(std::abs(w[i]) <= kDivergenceRadius)) return false;
    return true;
}

/// The recorded run of one optimizer on a Problem: the full-batch loss at every step (whatever batches the
/// steps were taken on), and the iterates kept under a memory budget.
///
/// Which iterates are kept: every `keptStride`-th, iterates[j] being the iterate after step
/// j * keptStride (iterates[0] the start). The stride starts at 1 and doubles, dropping every other kept
/// iterate, whenever they would hold more than kMaxKeptParameterValues numbers; so a path keeps at least
/// half the budget's worth, evenly spaced, however long it runs. `last` is always the latest iterate.
struct ParameterPath {
    /// At most this many parameter values (doubles, 8 bytes each) are kept over all kept iterates:
    /// 4M = 32 MiB per path, every iterate of a 1185-parameter network for 3539 steps.
    static constexpr long kMaxKeptParameterValues = 4L << 20;

    ChunkedVector<double> losses;  ///< losses[k] = L(w_k), k = 0 .. steps().
    std::vector<VecX> iterates;    ///< iterates[j] = w_{j * keptStride}.
    long keptStride = 1;
    VecX last;                ///< w_{steps()}, the latest iterate.
    int divergedAtStep = -1;  ///< The step whose result was NaN, Inf or beyond kDivergenceRadius; -1 if none.

    int steps() const { return static_cast<int>(losses.size()) - 1; }
    bool diverged() const { return divergedAtStep >= 0; }
    /// The step iterates[j] was taken after.
    long stepOfIterate(std::size_t j) const { return static_cast<long>(j) * keptStride; }
};

/// A path holding only the start w0 (with its loss); a start that is itself unusable is recorded as
/// diverged at step 0. Throws std::invalid_argument when w0 does not have the problem's dimension.
ParameterPath startParameterPath(const Problem& problem, const VecX& start);

/// Steps the optimizer until the path has `targetSteps` steps or diverges: step k on the gradient of
/// `batches`' batch k (BatchOrder), or of the full batch; the recorded loss is always the full batch's.
/// The optimizer must hold the state left by the path's last step (or be freshly reset for a new path); a
/// path advanced in several calls with the same schedule is the path advanced in one. Throws
/// std::invalid_argument when the schedule's batch size is not in [1, problem.sampleCount()] (0 aside),
/// or from the optimizer's checkDimension.
void advanceParameterPath(ParameterPath& path, ParameterOptimizer& optimizer, const Problem& problem,
                          int targetSteps, const BatchSchedule& batches = {});

}  // namespace gradscape
