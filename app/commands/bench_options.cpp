#include "commands/bench_options.h"

#include <CLI/CLI.hpp>

#include <memory>

namespace gradscape {

CommandCli addBenchCommand(CLI::App& app, BenchOptions& bench) {
    auto noWindow = std::make_shared<bool>(false);
    CLI::App* benchApp = app.add_subcommand(
        "bench", "measure grid sampling, path recomputation, optimizer steps per second and frame rates");
    benchApp->add_flag("--json", bench.json, "print one JSON object");
    benchApp->add_flag("--no-window", *noWindow, "skip the window frame rate (measured only with a display)");
    benchApp->add_flag("--quick", bench.quick,
                       "tiny sizes, one repetition: checks the report, measures nothing");
    benchApp->add_flag("--network-only", bench.networkOnly,
                       "only the network figures: full-batch steps per second and a 128x128 plane of losses");
    return {benchApp, [] {}, [&bench, noWindow] { bench.window = !*noWindow; }};
}

}  // namespace gradscape
