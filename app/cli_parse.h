#pragma once
// The command line read into option structs, apart from running anything: parseCommandLine touches
// neither the disk nor GL, so the same code the executable runs is fuzzed (tests/fuzz/cli_fuzzer.cpp)
// and compiles with the core and CLI11 alone. Each command declares its own options in its
// commands/X_options.cpp (addRunCommand, ...); this only assembles them.
//
// Every value is checked here where it can be without running: whole numbers are whole numbers in
// their range ("--steps: must be a whole number in [0, 1000000], got '1.5'"), image sides, video frames
// and the racer count are within input_limits.h, and a value is echoed cut to
// limits::kMaxEchoedCharacters. What needs the disk or a landscape (a scene file, racers x steps after a
// scene is read, an output path) is checked by the commands themselves, before their work.

#include "commands/analyze_options.h"
#include "commands/bench_options.h"
#include "commands/map_options.h"
#include "commands/render_options.h"
#include "commands/tune_options.h"
#include "commands/run_options.h"
#include "commands/window_options.h"

#include <string>
#include <vector>

namespace gradscape {

/// What the command line asks for.
struct ParsedCommand {
    enum class Action {
        Exit,  ///< Nothing to run: help, version or an error; print `output` and `errors`, return `status`.
        Window,
        Run,
        Render,
        Analyze,
        Map,
        Tune,
        Bench
    };
    Action action = Action::Exit;
    int status = 0;      ///< With Exit: 0 after help or version, 2 for bad arguments.
    std::string output;  ///< With Exit: for standard output (help, version).
    std::string errors;  ///< With Exit: for standard error, one line per problem, each ending in '\n'.

    WindowCommand window;
    RunOptions run;
    RenderOptions render;
    AnalyzeOptions analyze;
    MapOptions map;
    TuneOptions tune;
    BenchOptions bench;
};

/// Parses the arguments after the program's name. Never throws for any input (bad arguments become
/// Action::Exit with status 2 and a message naming the option, the value as typed, cut, and what is
/// allowed); reads no file and writes nothing.
ParsedCommand parseCommandLine(const std::vector<std::string>& arguments);

}  // namespace gradscape
