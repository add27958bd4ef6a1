#pragma once
// What `gradscape run` is asked to race, as the command line parses it (no GL, like every *_options.h).

#include "commands/command_cli.h"
#include "commands/problem_options.h"
#include "commands/race_options.h"
#include "landscapes/regularization.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace gradscape {

struct RunOptions {
    std::string landscape;
    std::map<std::string, double> landscapeParameters;  ///< --param NAME=VALUE.
    std::optional<std::string> expression;  ///< --expr: a typed formula f(x, y), given even if empty.
    std::string scene;  ///< --scene: a scene file instead of --landscape/--expr and --optimizer.
    ProblemOptions problem;  ///< --problem mlp or --problem-file: a network instead of a landscape.
    std::vector<std::string> optimizers;  ///< The racers as specs, KIND[:KEY=VALUE,...] (optimizer_spec.h).
    CommonOptimizerOptions common;        ///< What --lr, --schedule, --start, ... set for every racer.
    Regularization regularization;        ///< --l1, --l2.
    int steps = 100;
    bool stepsGiven = false;  ///< --steps was given: it overrides a scene's own steps.
    std::string format = "csv";
    std::string out;  ///< Empty: standard output.
};

/// Adds `gradscape run` and its options to `app`, filling `options` when it is given.
CommandCli addRunCommand(CLI::App& app, RunOptions& options);

}  // namespace gradscape
