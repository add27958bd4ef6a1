#pragma once
// The name each racer goes by in a legend, a CSV file and a JSON export: short, and different for every
// racer, so two runs of the same method can be told apart by what differs between them.

#include "optimizers/optimizer.h"

#include <string>
#include <vector>

namespace gradscape {

/// One label per racer, in order. A racer's own `label` is used when it is set. Otherwise the label is
/// its kind's title (such as "Adam" or "Momentum (heavy ball)"); when another racer has the same kind,
/// the title loses its parenthesized part and is followed by exactly the settings that differ within that
/// kind's group, as the lecture writes them: "Gradient descent (η=0.095)" and "Gradient descent
/// (η=0.105)", "Adam (no bias correction)" and "Adam (bias correction)". Only settings the kind reads are
/// compared (its hyperparameters and switches, and its schedule, seed, batch size or memory where it uses
/// them, and the start point). Every label is unique: where two would still be equal (identical settings,
/// or a repeated own label), " #id" is appended.
std::vector<std::string> racerLabels(const std::vector<OptimizerSettings>& racers);

/// The shortest decimal text that reads back as exactly `value` ("0.095", "1e-08", "20").
std::string shortestNumber(double value);

}  // namespace gradscape
