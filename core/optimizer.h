#pragma once
// The interface every optimizer implements, and the catalog that names them.

#include "hyperparameters.h"
#include "landscape.h"

#include <memory>
#include <string>
#include <vector>

namespace gradscape {

/// A named piece of an optimizer's internal state (velocity, moments), for the views to draw.
struct OptimizerStateVector {
    std::string name;
    Vec2 value;
};

/// One way of walking downhill. An optimizer owns its state (velocity, moments, step count) and is
/// stepped from iterate to iterate by a run; it never sees the whole trajectory.
class Optimizer {
  public:
    explicit Optimizer(const Hyperparameters& hyperparameters) : hyperparameters_(hyperparameters) {}
    virtual ~Optimizer() = default;

    /// Forgets all state, as at the start of a run.
    virtual void reset() = 0;
    /// Takes one step from x, where the loss has the given gradient, and returns the next iterate.
    /// Optimizers that need more (a Hessian, a look-ahead gradient) ask the landscape.
    virtual Vec2 step(const Landscape& landscape, const Vec2& x, const Vec2& gradient) = 0;
    /// The internal state after the latest step, such as the velocity or the moment estimates.
    virtual std::vector<OptimizerStateVector> state() const = 0;

    const Hyperparameters& hyperparameters() const { return hyperparameters_; }

  protected:
    Hyperparameters hyperparameters_;
};

/// What the window and the command line know about an optimizer kind.
struct OptimizerInfo {
    std::string name;                          ///< Command-line name, such as "momentum".
    std::string title;                         ///< Name in the legend, such as "Momentum (heavy ball)".
    std::string updateRule;                    ///< The update as the lecture writes it.
    std::vector<std::string> hyperparameters;  ///< The HyperparameterSpec names it reads.
    Hyperparameters defaults;                  ///< Sensible defaults (torch.optim's where it has one).
};

/// What the user chose for one optimizer instance of a race.
struct OptimizerSettings {
    int id = 0;  ///< Stable identity; 0 when adding means "pick the next free id".
    std::string kind = "gd";
    Hyperparameters hyperparameters;
    Vec2 start = Vec2::Zero();
    bool enabled = true;
};

/// Every optimizer kind, in the order the window lists them.
const std::vector<OptimizerInfo>& optimizerCatalog();

/// The catalog entry for `name`; throws std::invalid_argument listing the known names.
const OptimizerInfo& optimizerInfo(const std::string& name);

/// Builds an optimizer of kind `name`; throws std::invalid_argument for an unknown name or a
/// hyperparameter out of range (the message names it and its allowed range).
std::unique_ptr<Optimizer> makeOptimizer(const std::string& name, const Hyperparameters& hyperparameters);

}  // namespace gradscape
