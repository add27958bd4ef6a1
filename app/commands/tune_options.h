#pragma once
// What `gradscape tune` is asked to tune, as the command line parses it (no GL here).

#include "commands/command_cli.h"
#include "commands/race_options.h"
#include "maps/tune.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace gradscape {

struct TuneOptions {
    std::string landscape;
    std::map<std::string, double> landscapeParameters;
    std::optional<std::string> expression;
    std::vector<std::string> optimizers;  ///< The racers, as specs.
    CommonOptimizerOptions common;
    int steps = 1000;
    int size = 24;
    double tolerance = 1e-3;
    TuneCriterion criterion = TuneCriterion::FinalLoss;
    int threads = 0;
};

/// Adds `gradscape tune` and its options to `app`, filling `options` when it is given.
CommandCli addTuneCommand(CLI::App& app, TuneOptions& options);

}  // namespace gradscape
