#pragma once
// What `gradscape map basins|params` is asked to compute, as the command line parses it (no GL here).

#include "commands/command_cli.h"
#include "commands/race_options.h"
#include "maps/map.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace gradscape {

struct MapOptions {
    std::string kind = "basins";  ///< basins or params.
    std::string landscape;
    std::map<std::string, double> landscapeParameters;  ///< --param NAME=VALUE.
    std::optional<std::string> expression;              ///< --expr.
    /// The racers' specs, KIND[:KEY=VALUE,...]: one for params; several for basins (small multiples).
    std::vector<std::string> optimizers;
    CommonOptimizerOptions common;                      ///< --lr, --start, ... for the racer.
    std::optional<MapAxis> x, y;                        ///< --x, --y; unset: the defaults (see map_command.h).
    int size = 128;
    int steps = 1000;
    double tolerance = 1e-3;
    std::optional<MapColouring> colouring;  ///< --colour; unset: minimum for basins, loss for params.
    int threads = 0;                        ///< 0: every core.
    std::string out;                        ///< The PNG.
    std::string csv;                        ///< The CSV, if asked for.
    bool quiet = false;                     ///< No progress bar.
};

/// Adds `gradscape map` and its options to `app`, filling `options` when it is given.
CommandCli addMapCommand(CLI::App& app, MapOptions& options);

}  // namespace gradscape
