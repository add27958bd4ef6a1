#pragma once
// The interface every optimizer implements, the loop that steps them, and the catalog that names them.

#include "optimizers/hyperparameters.h"
#include "landscapes/landscape.h"
#include "optimizers/trajectory.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace gradscape {

/// A named vector of an optimizer's internal state (velocity, moments), for the views to draw.
struct OptimizerStateVector {
    std::string name;
    Vec2 value;
};

/// A named matrix of an optimizer's internal state (the BFGS inverse-Hessian estimate).
struct OptimizerStateMatrix {
    std::string name;
    Mat2 value;
};

/// Everything an optimizer remembers between steps, as of its latest step.
struct OptimizerState {
    std::vector<OptimizerStateVector> vectors;
    std::vector<OptimizerStateMatrix> matrices;
    std::string note;  ///< What the latest step did that a teacher should know (a Newton fallback).
};

/// One way of walking downhill. An optimizer owns its state (velocity, moments, step count) and is
/// stepped from iterate to iterate; it never sees the whole trajectory.
class Optimizer {
  public:
    explicit Optimizer(const Hyperparameters& hyperparameters) : hyperparameters_(hyperparameters) {}
    virtual ~Optimizer() = default;

    /// Forgets all state, as at the start of a run.
    virtual void reset() = 0;
    /// Takes one step from x, where the loss has the given gradient, and returns the next iterate.
    virtual Vec2 step(const Landscape& landscape, const Vec2& x, const Vec2& gradient) = 0;
    /// Steps until the trajectory has `targetSteps` steps or diverges (see advanceTrajectory).
    virtual void advance(Trajectory& trajectory, const Landscape& landscape, int targetSteps) = 0;
    /// The internal state after the latest step.
    virtual OptimizerState state() const = 0;

    const Hyperparameters& hyperparameters() const { return hyperparameters_; }
    /// Steps taken since the last reset.
    long stepsTaken() const { return steps_; }

  protected:
    /// The scheduled learning rate for the step about to be taken.
    double currentLearningRate() const {
        return hyperparameters_.schedule.kind == Schedule::Kind::Constant
                   ? hyperparameters_.learningRate
                   : hyperparameters_.schedule.rateAt(hyperparameters_.learningRate, steps_);
    }

    Hyperparameters hyperparameters_;
    long steps_ = 0;
};

/// Records iterates until `targetSteps` or divergence, calling Derived::stepWith(f, x, g) with the
/// landscape's concrete type, so one step costs no virtual call. Flattened: the whole step, landscape
/// included, is inlined into the loop (the dependency chain of one step is then the only limit).
template <class Derived, class F>
[[gnu::flatten]] void runSteps(Derived& optimizer, const F& f, Trajectory& trajectory, int targetSteps) {
    if (trajectory.diverged() || trajectory.points.empty() || trajectory.steps() >= targetSteps) return;
    size_t k = trajectory.points.size();
    trajectory.points.resize(static_cast<size_t>(targetSteps) + 1);
    trajectory.losses.resize(static_cast<size_t>(targetSteps) + 1);
    Vec2* points = trajectory.points.data();
    double* losses = trajectory.losses.data();
    Vec2 x = points[k - 1];
    Vec2 gradient;
    f.valueAndGradientAt(x, gradient);
    for (; k <= static_cast<size_t>(targetSteps); ++k) {
        x = optimizer.stepWith(f, x, gradient);
        const double loss = f.valueAndGradientAt(x, gradient);
        // A diverged iterate is never recorded, so no NaN ever reaches a view.
        if (!isUsableIterate(x, loss)) {
            trajectory.divergedAtStep = static_cast<int>(k);
            break;
        }
        points[k] = x;
        losses[k] = loss;
    }
    trajectory.points.resize(k);
    trajectory.losses.resize(k);
}

/// The base of every concrete optimizer: it supplies step() and advance() from Derived::stepWith.
template <class Derived>
class SteppedOptimizer : public Optimizer {
  public:
    using Optimizer::Optimizer;
    Vec2 step(const Landscape& landscape, const Vec2& x, const Vec2& gradient) final {
        return static_cast<Derived&>(*this).stepWith(landscape, x, gradient);
    }
    void advance(Trajectory& trajectory, const Landscape& landscape, int targetSteps) final;
};

/// What the user chose for one optimizer instance of a race.
struct OptimizerSettings {
    int id = 0;  ///< Stable identity; 0 when adding means "pick the next free id".
    std::string kind = "gd";
    Hyperparameters hyperparameters;
    Vec2 start = Vec2::Zero();
    bool enabled = true;
    /// How the racer is presented; the solver never reads these, scenes and the window keep them.
    std::string label;                  ///< The legend's name; "" means the kind's title.
    std::optional<std::uint32_t> colour;  ///< 0xRRGGBB; unset means the next palette colour.
    bool followsSharedStart = false;    ///< Starts at the race's shared start and moves with it.

    bool operator==(const OptimizerSettings&) const = default;
};

/// A switch between two forms of an optimizer, such as Nesterov's look-ahead form.
struct OptimizerOption {
    bool Hyperparameters::*field;
    std::string label;       ///< "look-ahead form (lecture)"
    std::string ruleWhenOn;  ///< The update rule when the switch is on; "" when the rule is unchanged.
};

/// What the window and the command line know about an optimizer kind.
struct OptimizerInfo {
    std::string name;                          ///< Command-line name, such as "momentum".
    std::string title;                         ///< Name in the legend, such as "Momentum (heavy ball)".
    std::string updateRule;                    ///< The update as the lecture writes it.
    std::vector<std::string> hyperparameters;  ///< The HyperparameterSpec names it reads.
    std::vector<OptimizerOption> options;      ///< Its switches, such as bias correction.
    Hyperparameters defaults;                  ///< torch.optim's defaults where it has the method.
    bool usesSchedule = true;                  ///< First-order methods follow a learning-rate schedule.
    bool usesSeed = false;
    bool usesBatchSize = false;
    bool usesMemory = false;
};

/// Every optimizer kind, in the order the window lists them.
const std::vector<OptimizerInfo>& optimizerCatalog();

/// The catalog entry for `name`; throws std::invalid_argument listing the known names.
const OptimizerInfo& optimizerInfo(const std::string& name);

/// The update rule for these settings: the catalog's, or an option's when that option is on.
std::string updateRuleFor(const OptimizerSettings& settings);

/// Builds an optimizer of kind `name`; throws std::invalid_argument for an unknown name or a
/// hyperparameter out of range (the message names it and its allowed range).
std::unique_ptr<Optimizer> makeOptimizer(const std::string& name, const Hyperparameters& hyperparameters);

}  // namespace gradscape

#include "landscapes/classic_landscapes.h"

namespace gradscape {

template <class Derived>
void SteppedOptimizer<Derived>::advance(Trajectory& trajectory, const Landscape& landscape, int targetSteps) {
    withConcreteLandscape(landscape, [&](const auto& f) {
        runSteps(static_cast<Derived&>(*this), f, trajectory, targetSteps);
    });
}

}  // namespace gradscape
