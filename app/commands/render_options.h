#pragma once
// What `gradscape render` is asked to draw, as the command line parses it: no GL here, so the parser
// builds (and is fuzzed) without a display library.

#include "commands/command_cli.h"
#include "commands/problem_options.h"
#include "commands/race_options.h"
#include "landscapes/regularization.h"
#include "scene/scene.h"
#include "view/view_settings.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace gradscape {

struct RenderOptions {
    std::string landscape = "rosenbrock";
    std::map<std::string, double> landscapeParameters;  ///< --param NAME=VALUE.
    std::optional<std::string> expression;  ///< A typed f(x, y) instead of a named landscape.
    std::string scene;                    ///< A scene file to draw as saved, instead of all the above.
    /// --problem mlp or --problem-file: a network instead of the landscape, drawn on its plane (--plane).
    ProblemOptions problem;
    std::vector<std::string> optimizers;  ///< Specs KIND[:KEY=VALUE,...]; empty: the default scene's race.
    CommonOptimizerOptions common;        ///< What --lr, --start, --schedule, ... set for every racer.
    int steps = 500;
    bool stepsGiven = false;  ///< --steps was given: it overrides a scene's own steps.
    Regularization regularization;
    bool showConstraintRegion = false;
    /// --contours data|total: the data loss alone, or loss + penalty.
    ContourSource contours = ContourSource::Total;
    ViewSettings views;         ///< Views, overlays and the 3D camera.
    std::optional<ViewBox> region;  ///< The region of the plane drawn; the landscape's display box if unset.
    std::optional<Vec2> probe;  ///< Where the curvature overlay is drawn, as if the mouse hovered there.
    bool plots = false;         ///< The loss, gradient-norm and distance plots under the view.
    ViewMode view = ViewMode::Contour;  ///< The contour view, the 3D surface, or both side by side.
    bool logHeight = false;             ///< The surface's height on the log scale.
    std::string out;
    int width = 1280, height = 800;
    std::string title;  ///< Drawn in a strip at the top of the figure; none when empty.
    std::string video;  ///< An .mp4 or .gif to write instead of (or as well as) the PNG.
    int frames = 60;    ///< The video's frames: frame i shows the race at replayStep(i, frames, steps).
    double fps = 30;
    /// --grid-csv: the loss over the view's region as CSV, x,y,loss (a,b,loss on a network's plane), at
    /// gridSide x gridSide points, corners included (scene/grid_export.h).
    std::string gridCsv;
    int gridSide = 128;  ///< --grid-size.
};

/// Adds `gradscape render` and its options to `app`, filling `options` when it is given.
CommandCli addRenderCommand(CLI::App& app, RenderOptions& options);

}  // namespace gradscape
