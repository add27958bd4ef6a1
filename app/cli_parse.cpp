#include "cli_parse.h"

#include <CLI/CLI.hpp>

#include <sstream>
#include <stdexcept>

namespace gradscape {
namespace {

// One line of at most this many characters per refusal, however many arguments it lists.
constexpr size_t kMaxMessageCharacters = 600;

// CLI11 quotes values whole ("--view: <value> not in {...}") and lists every unexpected argument: each
// argument longer than a message may echo is cut where it appears, and so is the line itself.
std::string refusalLine(const std::string& what, const std::vector<std::string>& arguments) {
    std::string message = withValuesCut(what, arguments);
    for (char& c : message)
        if (c == '\n' || c == '\r') c = ' ';  // one line, whatever the arguments held
    if (message.size() > kMaxMessageCharacters) message = message.substr(0, kMaxMessageCharacters) + "...";
    return message + "\n";
}

}  // namespace

ParsedCommand parseCommandLine(const std::vector<std::string>& arguments) {
    ParsedCommand parsed;
    CLI::App app{
        "gradscape: watch optimization algorithms race across loss landscapes.\n"
        "With no subcommand, opens the window on the default scene (GD, momentum and Adam on Rosenbrock).",
        "gradscape"};
    app.set_version_flag("--version", "gradscape 0.1.0");
    // One line per error, naming the option, as scripts and tests expect.
    app.failure_message([&](const CLI::App*, const CLI::Error& e) {
        return refusalLine("gradscape: " + std::string(e.what()), arguments);
    });

    using Action = ParsedCommand::Action;
    const CommandCli window = addWindowOptions(app, parsed.window);
    // In the order `gradscape --help` lists them.
    const std::pair<Action, CommandCli> subcommands[] = {
        {Action::Render, addRenderCommand(app, parsed.render)},
        {Action::Run, addRunCommand(app, parsed.run)},
        {Action::Analyze, addAnalyzeCommand(app, parsed.analyze)},
        {Action::Map, addMapCommand(app, parsed.map)},
        {Action::Tune, addTuneCommand(app, parsed.tune)},
        {Action::Bench, addBenchCommand(app, parsed.bench)},
    };

    std::ostringstream output, errors;
    try {
        std::vector<std::string> reversed(arguments.rbegin(), arguments.rend());  // CLI11 takes them last first
        app.parse(reversed);
        for (const auto& [action, command] : subcommands)
            command.read();
        window.read();
    } catch (const CLI::ParseError& e) {
        parsed.status = app.exit(e, output, errors) == 0 ? 0 : 2;
        parsed.output = output.str();
        parsed.errors = errors.str();
        return parsed;
    }

    try {
        // The window unless a subcommand was given; of several (CLI11 takes "run ... analyze ..."), the
        // first of render, analyze, run, map, tune and bench.
        auto commandFor = [&](Action wanted) -> const CommandCli& {
            for (const auto& [action, command] : subcommands)
                if (action == wanted) return command;
            return window;
        };
        parsed.action = Action::Window;
        for (const Action action : {Action::Render, Action::Analyze, Action::Run, Action::Map, Action::Tune, Action::Bench})
            if (parsed.action == Action::Window && *commandFor(action).app) parsed.action = action;
        commandFor(parsed.action).finish();
    } catch (const std::invalid_argument& e) {
        parsed.action = Action::Exit;
        parsed.status = 2;
        parsed.errors = refusalLine("gradscape: " + std::string(e.what()), arguments);
    }
    return parsed;
}

}  // namespace gradscape
