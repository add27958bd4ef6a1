#pragma once
// The interface every optimizer implements, what a user chooses for one racer, and the catalog that
// names the optimizers: one row each (optimizers/catalog.cpp). The concrete optimizers derive from
// SteppedOptimizer (optimizers/stepped_optimizer.h).

#include "landscapes/landscape.h"
#include "optimizers/hyperparameters.h"
#include "optimizers/stability_form.h"
#include "optimizers/trajectory.h"
#include "optimizers/update_rule.h"

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
        return scheduledLearningRate(hyperparameters_, steps_);
    }

    Hyperparameters hyperparameters_;
    long steps_ = 0;
};

/// What the user chose for one optimizer instance of a race.
struct OptimizerSettings {
    int id = 0;  ///< Stable identity; 0 when adding means "pick the next free id".
    std::string kind = "gd";
    Hyperparameters hyperparameters;
    Vec2 start = Vec2::Zero();
    bool enabled = true;
    /// On a network problem: the racer trains the network's linearization at its initial weights,
    /// f(w0) + J(w0)(w - w0) (networks/linearized_problem.h, lazy training), beside the racers that train the
    /// network itself. Ignored on a 2D landscape.
    bool linearized = false;
    /// How the racer is presented; the solver never reads these, scenes and the window keep them.
    std::string label;                    ///< The legend's name; "" means the kind's title.
    std::optional<std::uint32_t> colour;  ///< 0xRRGGBB; unset means the next palette colour.
    bool followsSharedStart = false;      ///< Starts at the race's shared start and moves with it.

    bool operator==(const OptimizerSettings&) const = default;
};

/// A switch between two forms of an optimizer, such as Nesterov's look-ahead form.
struct OptimizerOption {
    bool Hyperparameters::*field;
    std::string label;       ///< "look-ahead form (lecture)"
    std::string ruleWhenOn;  ///< The update rule when the switch is on; "" when the rule is unchanged.
};

struct StepContext;
class StepBoard;
class ParameterOptimizer;

/// One row of the catalog: everything the window, the command line, the step explanation and the
/// stability analysis know about an optimizer kind. optimizers/catalog.cpp holds one row per kind.
struct OptimizerInfo {
    std::string name;                          ///< Command-line and scene-file name, such as "momentum".
    std::vector<std::string> aliases;          ///< Other spellings that read as this kind (never written).
    std::string title;                         ///< Name in the legend, such as "Momentum (heavy ball)".
    std::string updateRule;                    ///< The update as the lecture writes it.
    std::vector<std::string> hyperparameters;  ///< The HyperparameterSpec names it reads.
    std::vector<OptimizerOption> options;      ///< Its switches, such as bias correction.
    Hyperparameters defaults;                  ///< torch.optim's defaults where it has the method.
    bool usesSchedule = true;                  ///< First-order methods follow a learning-rate schedule.
    bool usesSeed = false;
    bool usesBatchSize = false;
    bool usesMemory = false;
    /// Builds an optimizer of this kind (hyperparameters already validated).
    std::unique_ptr<Optimizer> (*make)(const Hyperparameters&) = nullptr;
    /// Builds this kind's optimizer of parameter vectors of any size (optimizers/parameter_optimizer.h),
    /// hyperparameters already validated (row<T> sets it for every kind with a Rule: all of them).
    std::unique_ptr<ParameterOptimizer> (*makeParameter)(const Hyperparameters&) = nullptr;
    /// Writes one step of this kind term by term onto the board (see step_explanation.h).
    void (*explain)(const StepContext&, StepBoard&) = nullptr;
    /// How its step acts as a linear map near a point, or why it is none (see stability.h).
    StabilityForm stability;

    /// Whether this kind reads the hyperparameter spec `spec` ("dampening", "weight-decay").
    bool reads(const std::string& spec) const;
    /// Whether `name` spells this kind: its name or one of its aliases.
    bool isNamed(const std::string& name) const;
    /// Whether this kind offers the switch `field` (line search, bias correction) and it is on in `h`.
    bool switchedOn(bool Hyperparameters::*field, const Hyperparameters& h) const;
};

/// Every optimizer kind, in the order the window lists them.
const std::vector<OptimizerInfo>& optimizerCatalog();

/// The catalog row for `name` (or one of its aliases); throws std::invalid_argument listing the known
/// names.
const OptimizerInfo& optimizerInfo(const std::string& name);

/// The update rule for these settings: the catalog's, or an option's when that option is on.
std::string updateRuleFor(const OptimizerSettings& settings);

/// Builds an optimizer of kind `name`; throws std::invalid_argument for an unknown name or a
/// hyperparameter out of range (the message names it and its allowed range).
std::unique_ptr<Optimizer> makeOptimizer(const std::string& name, const Hyperparameters& hyperparameters);

}  // namespace gradscape
