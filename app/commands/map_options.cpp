#include "commands/map_options.h"

#include "maps/map.h"

#include <CLI/CLI.hpp>

#include <memory>

namespace gradscape {

CommandCli addMapCommand(CLI::App& app, MapOptions& map) {
    struct Typed {
        std::string x, y, colour;
    };
    auto typed = std::make_shared<Typed>();
    CLI::App* mapApp = app.add_subcommand(
        "map",
        "where every start (basins) or every setting (params) leads: one whole run per cell of a grid, "
        "written as a PNG and, with --csv, one row per cell");
    mapApp->add_option("kind", map.kind,
                       "basins: the start varies over the landscape's box (or --x x:MIN:MAX, --y y:MIN:MAX); "
                       "params: two hyperparameters vary (--x, --y NAME:MIN:MAX[:log])")
        ->check(CLI::IsMember({"basins", "params"}))
        ->required();
    LandscapeSourceCli source(*mapApp, map.landscape, map.expression, map.landscapeParameters);
    source.addParameters();
    mapApp->add_option("--optimizer", map.optimizers,
                       "the racer mapped, KIND[:KEY=VALUE,...]; basins take several (repeated or comma-separated), "
                       "drawn side by side in one PNG: " + optimizerSpecHelp())
        ->required();
    CommonOptimizerCli common(*mapApp, map.common);
    mapApp->add_option("--x", typed->x,
                       "the x axis, NAME:MIN:MAX[:log]: x for basins (default the landscape's box), a "
                       "hyperparameter for params (default lr over 1/100 to 100 times the racer's, log)");
    mapApp->add_option("--y", typed->y,
                       "the y axis, as --x: y for basins; for params default momentum, beta1 or alpha over "
                       "[0, 0.99], or weight-decay over [0, 1], the first the racer reads");
    wholeNumberIn(mapApp->add_option("--size", map.size, "cells along each axis"), 1, kMaxMapSide)
        ->capture_default_str();
    wholeNumberIn(mapApp->add_option("--steps", map.steps, "steps of every cell's run"), 0, 10'000'000)
        ->capture_default_str();
    numberIn(mapApp->add_option("--tol", map.tolerance,
                                "distance to a known minimum that counts as reaching it"),
             1e-300, 1e6)
        ->capture_default_str();
    mapApp->add_option("--colour", typed->colour,
                       "what colours a cell: minimum (basins' default), loss (params' default), steps or rate")
        ->check(CLI::IsMember({"minimum", "loss", "steps", "rate"}));
    wholeNumberIn(mapApp->add_option("--threads", map.threads, "threads to compute with (0: every core)"), 0, 256);
    mapApp->add_option("--out", map.out, "the PNG to write")->required();
    mapApp->add_option("--csv", map.csv, "also write every cell as CSV");
    mapApp->add_flag("--quiet", map.quiet, "no progress bar on standard error");

    CommandCli cli;
    cli.app = mapApp;
    cli.read = [&map, typed, source, common]() mutable {
        source.setAfterParse();
        common.setAfterParse();
        if (!typed->colour.empty()) {
            const std::string& c = typed->colour;
            map.colouring = c == "minimum" ? MapColouring::Minimum
                            : c == "loss"  ? MapColouring::Loss
                            : c == "steps" ? MapColouring::Steps
                                           : MapColouring::Rate;
        }
    };
    cli.finish = [&map, typed, source]() mutable {
        source.finish();
        if (!typed->x.empty()) map.x = parseMapAxis(typed->x, "--x");
        if (!typed->y.empty()) map.y = parseMapAxis(typed->y, "--y");
        if (map.colouring == MapColouring::Minimum && map.kind == "params")
            throw std::invalid_argument("--colour: minimum colours basin maps; a parameter map takes loss, steps or rate");
    };
    return cli;
}

}  // namespace gradscape
