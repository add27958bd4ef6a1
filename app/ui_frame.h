#pragma once
// The frames gradscape draws: the window's (panel, plot, status line) and the headless one (plot only).

#include "contour_layer.h"
#include "session.h"
#include "surface_layer.h"

#include <optional>
#include <vector>

namespace gradscape {

/// Settings shared by the window and the headless renderer: no ini file, the DejaVu font, the style.
void configureImGui(float fontSize = 16.0f);

/// A key press as GLFW reported it. Shortcuts are read from these rather than from ImGui 1.86's key
/// state, which misses a key pressed and released within one frame.
struct KeyPress {
    int key = 0;
    int mods = 0;
};

/// What the window's frame asks of the loop around it.
struct FrameRequests {
    bool screenshot = false;         ///< The Screenshot button or the S key was pressed.
    bool quit = false;               ///< Ctrl+Q was pressed.
    std::optional<Scene> openScene;  ///< A scene file or lesson that loaded; opened between frames.
};

/// The window's frame. Returns what the user asked for; records the views' rectangle (the plot with axes
/// and legend and/or the surface, what a screenshot saves) in session.plotWindow. V cycles the views.
/// `keys` are the presses since the previous frame.
FrameRequests drawMainFrame(Session& session, const Snapshot& snapshot, ContourLayer& contours,
                            SurfaceLayer& surface, ImVec2 displaySize, const std::vector<KeyPress>& keys);

/// A frame holding only the views session.views.mode shows (the plot with its axes and legend, the
/// surface, or both side by side), filling the display, with the plots panel under them when
/// session.views.plots is on; no input.
void drawPlotFrame(Session& session, const Snapshot& snapshot, ContourLayer& contours, SurfaceLayer& surface,
                   ImVec2 displaySize);

}  // namespace gradscape
