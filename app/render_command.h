#pragma once
// `gradscape render`: the contour view, the 3D surface or both drawn to PNG, or the race replayed as an
// MP4 or GIF, with no display at all.

#include "headless_context.h"
#include "offscreen_renderer.h"
#include "race_options.h"
#include "scene.h"
#include "session.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace gradscape {

struct RenderOptions {
    std::string landscape = "rosenbrock";
    std::map<std::string, double> landscapeParameters;  ///< --param NAME=VALUE.
    std::string expression;               ///< A typed f(x, y) instead of a named landscape.
    std::string scene;                    ///< A scene file to draw as saved, instead of all the above.
    std::vector<std::string> optimizers;  ///< Specs KIND[:KEY=VALUE,...]; empty: the default scene's race.
    CommonOptimizerOptions common;        ///< What --lr, --start, --schedule, ... set for every racer.
    int steps = 500;
    bool stepsGiven = false;  ///< --steps was given: it overrides a scene's own steps.
    Regularization regularization;
    bool showConstraintRegion = false;
    ViewSettings views;         ///< Views and overlays.
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
};

/// The scene a render draws: the default race, or the racers the specs name (torch.optim's defaults, then
/// the common options such as --start and --lr, then each racer's own keys); or the --scene file as saved, paused after its own steps
/// (or --steps, given or defaulted, when the scene has taken none). Throws std::invalid_argument naming
/// what is wrong, or SceneError for a scene file that is refused.
Scene sceneFor(const RenderOptions& options);

/// A headless GL context with an offscreen renderer of the views alone.
class HeadlessRenderer {
  public:
    HeadlessRenderer(int width, int height);
    /// Draws one frame of the session's views (after the solver and the grid samplers have caught up),
    /// with `title` over them when it is not empty, and returns it.
    Image render(Session& session, const std::string& title = {});
    /// Draws one frame without waiting for anything; for benchmarks.
    void drawFrame(Session& session);
    OffscreenRenderer& offscreen() { return offscreen_; }

  private:
    HeadlessContext context_;  // first in, last out: the renderer's GL objects live in it
    OffscreenRenderer offscreen_;
};

/// Runs `gradscape render`; returns the exit status (0; 2 with a message on stderr for bad options,
/// 1 when drawing or encoding fails).
int renderCommand(const RenderOptions& options);

}  // namespace gradscape
