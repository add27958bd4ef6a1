#pragma once
// `gradscape render`: the contour view, the 3D surface or both drawn to PNG, or the race replayed as an
// MP4 or GIF, with no display at all.

#include "frames/headless_context.h"
#include "frames/offscreen_renderer.h"
#include "commands/render_options.h"
#include "session.h"

#include <memory>
#include <string>

namespace gradscape {

/// The scene a render draws: the default race, or the racers the specs name (torch.optim's defaults, then
/// the common options such as --start and --lr, then each racer's own keys); or the --scene file as saved, paused after its own steps
/// (or --steps, given or defaulted, when the scene has taken none). Throws std::invalid_argument naming
/// what is wrong, or SceneError for a scene file that is refused.
Scene sceneFor(const RenderOptions& options);

/// What a render of a network race (--problem mlp or --problem-file) draws: the scene (its racers, views
/// and plane; its /problem the spec, or none for a problem file, which holds no spec) and the network.
struct NetworkRender {
    Scene scene;
    std::shared_ptr<const NetworkProblem> network;
};

/// The network race the options describe, every racer checked against the network (newton's and bfgs's
/// sizes). Throws std::invalid_argument naming an option that has no meaning on a network (--l1, --l2,
/// --constraint, --contours data, --start, --batch-size or a racer's batch-size=), or what
/// problemFromOptions throws (a spec's field named by its option, a ProblemFileError).
NetworkRender networkSceneFor(const RenderOptions& options);

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
