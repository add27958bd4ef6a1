#pragma once
// The bench's frame figures (`gradscape bench`): headless frames per second while the race sits still,
// plays or has a start point dragged; where the time of one frame goes (contour, surface, paths, plots,
// UI); and the CPU share of a paused window that nobody touches.

#include "scene/scene.h"

#include <nlohmann/json.hpp>

#include <optional>

namespace gradscape {

/// What happens between two benchmarked frames.
enum class FrameMotion {
    Still,     ///< Nothing: the same paused race is drawn again.
    Playing,   ///< The race plays: the solver advances it in the background and each frame draws the latest.
    Dragging,  ///< Every racer's start point moves before each frame, which waits for all paths recomputed.
};

/// Headless (EGL) frames per second of the views of `scene` at width x height, over `frames` frames
/// drawn as fast as they come, after one frame that waits for the grids.
double headlessFramesPerSecond(const Scene& scene, int width, int height, int frames,
                               FrameMotion motion = FrameMotion::Still);

/// Milliseconds per headless frame of `scene`'s views at width x height, split into "contour",
/// "surface", "paths", "plots" and "ui" (the mean over `frames` frames; bench_frames.cpp says how each
/// part is timed). Needs no GL context: it makes its own.
nlohmann::json frameMillisecondsSplit(const Scene& scene, int width, int height, int frames);

/// The CPU time of the whole process, as a share of one core, while a window of `scene` at width x height
/// sits paused and untouched for `seconds` (after a second to settle); nullopt when no window opens.
std::optional<double> idleCpuShare(Scene scene, int width, int height, double seconds);

}  // namespace gradscape
