#pragma once
// What `gradscape analyze` is asked about, as the command line parses it (no GL).

#include "commands/command_cli.h"
#include "commands/race_options.h"
#include "landscapes/landscape.h"
#include "landscapes/regularization.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace gradscape {

struct AnalyzeOptions {
    std::string landscape;
    std::map<std::string, double> landscapeParameters;  ///< --param NAME=VALUE.
    std::optional<std::string> expression;              ///< --expr: a typed formula f(x, y).
    Regularization regularization;                      ///< --l1, --l2.
    std::vector<std::string> optimizers;                ///< Specs KIND[:KEY=VALUE,...].
    CommonOptimizerOptions common;                      ///< --lr and the other options for every racer.
    Vec2 at = Vec2::Zero();                             ///< --at X,Y.
    std::string format = "text";                        ///< text or json.
};

/// Adds `gradscape analyze` and its options to `app`, filling `options` when it is given.
CommandCli addAnalyzeCommand(CLI::App& app, AnalyzeOptions& options);

}  // namespace gradscape
