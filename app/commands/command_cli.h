#pragma once
// A command's options on the command line. Each command declares its own in its X_options.cpp, next to
// the struct they fill (addRunCommand, addRenderCommand, ...), and app/cli_parse.cpp only assembles
// them into one CLI11 app, parses, and runs the hooks below. None of it includes GL: the parser is
// fuzzed without a display library (tests/fuzz/cli_fuzzer.cpp).

#include <functional>

namespace CLI {
class App;
class Option;
}  // namespace CLI

namespace gradscape {

/// What a command's add function hands back to the parser.
struct CommandCli {
    CLI::App* app = nullptr;  ///< The subcommand (the top-level app for the window), to see if it was given.
    /// After CLI11 has parsed, for every command: the checks across its options and the conversion of
    /// typed values (a region, a point). Throws CLI::ParseError naming the option.
    std::function<void()> read;
    /// Then, for the command that was given only: what needs its values whole (the racer specs, the
    /// landscape parameters). Throws std::invalid_argument naming the option.
    std::function<void()> finish;
};

}  // namespace gradscape
