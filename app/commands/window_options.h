#pragma once
// The window's own command line (gradscape with no subcommand), as the parser reads it: no GL here,
// the window itself is opened by app/cli.cpp.

#include "commands/command_cli.h"
#include "commands/render_options.h"
#include "view/camera.h"
#include "window.h"

#include <optional>
#include <string>

namespace gradscape {

/// The window's own options, applied to its scene by the executable in this order: the race (as
/// render's sceneFor would build it), then the scene file, then the view, region and camera.
struct WindowCommand {
    WindowOptions options;              ///< Size, state file, screenshot folder; scene overlays/camera.
    std::optional<RenderOptions> race;  ///< --landscape, --expr, --optimizer or --param was given.
    std::string scene;                  ///< --scene: a file to open.
    std::optional<ViewMode> view;       ///< --view.
    std::optional<ViewBox> region;      ///< --region.
    std::optional<OrbitCamera> camera;  ///< --camera.
    double uiScale = 1;                 ///< --ui-scale, already stepped to the allowed values.
    Theme theme = Theme::Dark;          ///< --theme.
};

/// Adds the window's options to the top-level `app`, filling `command`.
CommandCli addWindowOptions(CLI::App& app, WindowCommand& command);

}  // namespace gradscape
