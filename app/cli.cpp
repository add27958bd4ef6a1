#include "cli.h"

#include "cli_parse.h"
#include "commands/analyze_command.h"
#include "commands/bench.h"
#include "commands/exit_status.h"
#include "commands/map_command.h"
#include "commands/tune_command.h"
#include "commands/render_command.h"
#include "commands/run_command.h"
#include "scene/scene_file.h"

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <string>
#include <vector>

namespace gradscape {
namespace {

// The window's scene from what the command line asked for, in the order the options apply.
int openWindow(WindowCommand command) {
    WindowOptions& window = command.options;
    if (command.race) {
        window.scene = sceneFor(*command.race);
        window.scene.playing = true;
    }
    if (!command.scene.empty()) window.scene = loadScene(command.scene);
    if (command.view) window.scene.views.mode = *command.view;
    if (command.region) window.scene.view = *command.region;
    if (command.camera) window.scene.views.camera = *command.camera;
    Presentation& presentation = window.scene.views.presentation;
    presentation.uiScale = command.uiScale;
    presentation.theme = command.theme;
    return runWindow(window);
}

}  // namespace

int runCli(int argc, char** argv) {
    // A file size limit (ulimit -f) is a write that fails with a message, like a full disk, instead of a
    // signal that ends the process with the previous file's replacement half made.
    std::signal(SIGXFSZ, SIG_IGN);

    ParsedCommand parsed = parseCommandLine(std::vector<std::string>(argv + std::min(argc, 1), argv + argc));
    using Action = ParsedCommand::Action;
    if (parsed.action == Action::Exit) {
        std::fputs(parsed.output.c_str(), stdout);
        std::fputs(parsed.errors.c_str(), stderr);
        return parsed.status;
    }
    return exitStatusOf("gradscape", [&] {
        switch (parsed.action) {
            case Action::Render:
                return renderCommand(parsed.render);
            case Action::Analyze:
                return analyzeCommand(parsed.analyze);
            case Action::Run:
                return runCommand(parsed.run);
            case Action::Map:
                return mapCommand(parsed.map);
            case Action::Tune:
                return tuneCommand(parsed.tune);
            case Action::Bench:
                return benchCommand(parsed.bench);
            case Action::Window:
            case Action::Exit:
                break;
        }
        return openWindow(std::move(parsed.window));
    });
}

}  // namespace gradscape
