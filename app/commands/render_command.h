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
