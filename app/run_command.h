#pragma once
// `gradscape run`: race optimizers on a landscape without a window and print every iterate.

#include "landscape.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace gradscape {

struct RunOptions {
    std::string landscape;
    std::string expression;  ///< --expr: refused until typed formulas arrive.
    std::string scene;       ///< --scene: a scene file instead of --landscape/--expr and --optimizer.
    std::vector<std::string> optimizers;
    std::map<std::string, double>
        values;  ///< Given real hyperparameters by spec name ("lr", "momentum", ...).
    std::optional<int> batchSize, memory;
    std::optional<std::uint64_t> seed;
    std::optional<std::string> schedule;
    bool lineSearch = false, lookAhead = false, noBiasCorrection = false, epsilonInsideSqrt = false;
    int steps = 100;
    bool stepsGiven = false;  ///< --steps was given: it overrides a scene's own steps.
    std::optional<Vec2> start;
    std::string format = "csv";
    std::string out;  ///< Empty: standard output.
};

/// Runs `gradscape run`: 0 on success, 2 with one line on stderr naming what is wrong, 1 when the output
/// cannot be written.
int runCommand(const RunOptions& options);

}  // namespace gradscape
