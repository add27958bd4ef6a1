#pragma once
// Fair comparison: each racer's best setting within a fixed step budget, found by running it over a grid
// of settings (a parameter map), then again on a finer grid around the best cell. The learning rate is
// always tuned (log scale, 1e-5 to 10), with the racer's second knob where it has one: momentum
// (momentum, nesterov), beta1 (adam, adamw) or alpha (rmsprop), over [0, 0.99]. Every setting is judged
// by the same criterion from the same start with the same number of steps.

#include "maps/map.h"

#include <string>
#include <vector>

namespace gradscape {

enum class TuneCriterion {
    FinalLoss,  ///< The lowest loss after the budget; ties by fewer steps to the tolerance.
    Steps,      ///< The fewest steps to stay within the tolerance of a known minimum; ties by lower loss.
};

struct TuneRequest {
    OptimizerSettings racer;
    int steps = 1000;  ///< The budget: steps every setting runs.
    int size = 24;     ///< Cells along each tuned axis, on each of the two passes.
    double tolerance = 1e-3;
    TuneCriterion criterion = TuneCriterion::FinalLoss;
};

struct TuneResult {
    OptimizerSettings tuned;          ///< The racer with its best setting.
    std::vector<std::string> names;   ///< What was tuned: "lr", then "momentum" or "beta1" or "alpha".
    MapCell before, after;            ///< Its run as given, and with the best setting.
    bool improved = false;            ///< The best setting beats the given one by the criterion.
    std::string summary;              ///< "tuned lr, momentum by final loss after 1000 steps"
};

/// What the tuner varies for this racer: lr and its second knob, or nothing when its kind reads no lr.
std::vector<std::string> tunedParameters(const OptimizerSettings& racer);

/// Whether cell `a` beats cell `b` by the criterion (a diverged cell never beats anything).
bool betterCell(const MapCell& a, const MapCell& b, TuneCriterion criterion);

/// Tunes one racer (throws std::invalid_argument when it has nothing to tune or the request is bad).
TuneResult tune(const Landscape& landscape, const TuneRequest& request, int threads);

/// "final loss" or "steps to the tolerance".
const char* criterionName(TuneCriterion criterion);

}  // namespace gradscape
