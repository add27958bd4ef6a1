#pragma once
// The 3D surface view: the landscape as a lit mesh seen by the orbit camera, with every optimizer's path
// laid on it, start points dragged along the surface, and the camera turned, panned and zoomed.

#include "session.h"
#include "render/gl/surface_layer.h"

namespace gradscape {

struct SurfaceOptions {
    bool interactive = true;  ///< Orbit, pan, zoom, drag start points and hover; off for headless renders.
    bool title = true;        ///< The landscape's name and the height scale, top left.
    int gridSide = 320;       ///< The mesh has gridSide x gridSide vertices.
    bool legend = true;       ///< The race's legend, as in the contour view.
    /// The legend's corner is chosen from this race (a recording's whole race) instead of the frame's.
    const Snapshot* legendRace = nullptr;
};

/// Draws the view into the current ImGui window, filling its content region, and handles the mouse:
/// left-drag orbits (or, starting on a start point, drags it along the surface), right-drag or
/// shift+left-drag pans, the wheel zooms. Records where it went in session.layout.surfaceArea and keeps the
/// camera in session.viewSettings.camera.
void drawSurface(Session& session, const Snapshot& snapshot, SurfaceLayer& surface,
                 const SurfaceOptions& options);

}  // namespace gradscape
