#pragma once
// The command line read into option structs, apart from running anything: parseCommandLine touches
// neither the disk nor GL, so the same code the executable runs is fuzzed (tests/fuzz/cli_fuzzer.cpp)
// and compiles with the core and CLI11 alone.
//
// Every value is checked here where it can be without running: whole numbers are whole numbers in
// their range ("--steps: must be a whole number in [0, 1000000], got '1.5'"), image sides, video frames
// and the racer count are within input_limits.h, and a value is echoed cut to
// limits::kMaxEchoedCharacters. What needs the disk or a landscape (a scene file, racers x steps after a
// scene is read, an output path) is checked by the commands themselves, before their work.

#include "commands/analyze_command.h"
#include "commands/bench.h"
#include "view/camera.h"
#include "commands/render_options.h"
#include "commands/run_command.h"
#include "window.h"

#include <optional>
#include <string>
#include <vector>

namespace gradscape {

/// The window's own options, applied to its scene by the executable in this order: the race (as
/// render's sceneFor would build it), then the scene file, then the view, region and camera.
struct WindowCommand {
    WindowOptions options;               ///< Size, state file, screenshot folder; scene overlays/camera.
    std::optional<RenderOptions> race;   ///< --landscape, --expr, --optimizer or --param was given.
    std::string scene;                   ///< --scene: a file to open.
    std::optional<ViewMode> view;        ///< --view.
    std::optional<ViewBox> region;       ///< --region.
    std::optional<OrbitCamera> camera;   ///< --camera.
    double uiScale = 1;                  ///< --ui-scale, already stepped to the allowed values.
    Theme theme = Theme::Dark;           ///< --theme.
};

/// What the command line asks for.
struct ParsedCommand {
    enum class Action {
        Exit,  ///< Nothing to run: help, version or an error; print `output` and `errors`, return `status`.
        Window,
        Run,
        Render,
        Analyze,
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
    BenchOptions bench;
};

/// Parses the arguments after the program's name. Never throws for any input (bad arguments become
/// Action::Exit with status 2 and a message naming the option, the value as typed, cut, and what is
/// allowed); reads no file and writes nothing.
ParsedCommand parseCommandLine(const std::vector<std::string>& arguments);

}  // namespace gradscape
