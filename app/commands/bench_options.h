#pragma once
// What `gradscape bench` is asked to measure, as the command line parses it (no GL).

#include "commands/command_cli.h"

namespace gradscape {

struct BenchOptions {
    bool json = false;   ///< One JSON object on stdout instead of a table.
    bool window = true;  ///< Also measure the window's frame rate (needs a display, such as Xvfb).
    /// Small sizes and one repetition: every figure, none of them meaningful (checks the report itself,
    /// in sanitizer builds too).
    bool quick = false;
    /// Only the network figures (issue 15), as tools/compare_network_speed.sh asks for them.
    bool networkOnly = false;
};

/// Adds `gradscape bench` and its options to `app`, filling `options` when it is given.
CommandCli addBenchCommand(CLI::App& app, BenchOptions& options);

}  // namespace gradscape
