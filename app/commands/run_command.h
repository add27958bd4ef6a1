#pragma once
// `gradscape run`: race optimizers on a landscape without a window and print every iterate.

#include "landscapes/landscape.h"
#include "commands/race_options.h"
#include "landscapes/regularization.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace gradscape {

struct RunOptions {
    std::string landscape;
    std::map<std::string, double> landscapeParameters;  ///< --param NAME=VALUE.
    std::optional<std::string> expression;  ///< --expr: a typed formula f(x, y), given even if empty.
    std::string scene;       ///< --scene: a scene file instead of --landscape/--expr and --optimizer.
    std::vector<std::string> optimizers;  ///< The racers as specs, KIND[:KEY=VALUE,...] (optimizer_spec.h).
    CommonOptimizerOptions common;        ///< What --lr, --schedule, --start, ... set for every racer.
    Regularization regularization;        ///< --l1, --l2.
    int steps = 100;
    bool stepsGiven = false;  ///< --steps was given: it overrides a scene's own steps.
    std::string format = "csv";
    std::string out;  ///< Empty: standard output.
};

/// Runs `gradscape run`: 0 on success; 2 with one line on stderr naming what is wrong (an option, a
/// race past the limits of checkRaceSize, an --out that can never be written: a folder, a device, a
/// missing folder), before any work; 1 when writing fails (a full disk), with --out's previous file left
/// whole through AtomicFile.
int runCommand(const RunOptions& options);

}  // namespace gradscape
