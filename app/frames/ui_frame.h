#pragma once
// The frames gradscape draws: the window's (panel, plot, status line) and the headless one (plot only).

#include "key_bindings.h"
#include "panels/control_panel.h"
#include "panels/plots_panel.h"
#include "panels/presentation_panel.h"
#include "panels/scene_menu.h"
#include "render/gl/contour_layer.h"
#include "render/gl/surface_layer.h"
#include "session.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace gradscape {

/// What the window's panels keep from one frame to the next, each panel's in its own struct: owned by
/// the window and handed to drawMainFrame, so no panel keeps state of its own in a static.
struct PanelsState {
    ControlPanelState control;
    DisplaySectionState display;
    PlotsPanelState plots;
    SceneMenuState files;  ///< The File menu, its dialogs and the lesson browser.
    /// The Export section, drawn between the display settings and the racers. The window supplies it:
    /// the export panel draws through the offscreen renderer, which draws these same frames, so this
    /// folder does not include it (app/export/export_panel.h sits above app/frames/).
    std::function<void(Session&, const Snapshot&)> exportSection;
};

/// The font size at UI scale 1, in pixels.
inline constexpr float kBaseFontSize = 16;

/// Settings shared by the window and the headless renderer: no ini file, the DejaVu font, the style.
void configureImGui(float fontSize = kBaseFontSize);

/// A new ImGui context, made current and configured (configureImGui) for frames of width x height
/// pixels drawn off screen. The caller restores the previous context and destroys this one.
ImGuiContext* createFrameContext(int width, int height);

/// Replaces the font atlas's fonts with DejaVu Sans (Latin, Greek, super- and subscripts, arrows and
/// mathematical operators) at `pixelSize`. Between frames only; the renderer's font texture must be
/// rebuilt after it.
void loadFont(float pixelSize);

/// What the window's frame asks of the loop around it.
struct FrameRequests {
    bool screenshot = false;         ///< The Screenshot button or the S key was pressed.
    bool quit = false;               ///< Ctrl+Q was pressed.
    std::optional<Scene> openScene;  ///< A scene file or lesson that loaded; opened between frames.
};

/// The window's frame. Returns what the user asked for; records the views' rectangle (the plot with axes
/// and legend and/or the surface, what a screenshot saves) in session.layout.viewsArea. Keys act as
/// keyBindings() says; `keys` are the presses since the previous frame. With the panels hidden the views
/// fill the display. The panels draw from and into `panels`.
FrameRequests drawMainFrame(Session& session, const Snapshot& snapshot, ContourPainter& contours,
                            SurfaceLayer& surface, ImVec2 displaySize, const std::vector<KeyPress>& keys,
                            PanelsState& panels);

/// Ends an ImGui frame that an exception cut short: every window, table, popup and style stack it left
/// open is closed (ImGui's own error recovery, plus style pushed outside any window), then the frame is
/// ended without drawing, so the next NewFrame starts clean instead of failing ImGui's assertions.
void endBrokenFrame();

/// A frame holding only the views session.viewSettings.mode shows (the plot with its axes and legend, the
/// surface, or both side by side), filling the display, with the plots panel under them when
/// session.viewSettings.plots is on; no input. A non-empty `title` is written large in a strip across the
/// top. `surface` may be null when only the contour view is shown (the CPU renderer has no GL surface).
/// `legendRace`, when given, is the race the legends choose their corner from (a recording's whole race).
/// The plots keep their scales in `plots`, the caller's own (each renderer has one).
void drawViewsFrame(Session& session, const Snapshot& snapshot, ContourPainter& contours,
                   SurfaceLayer* surface, ImVec2 displaySize, PlotsPanelState& plots,
                   const std::string& title = {}, const Snapshot* legendRace = nullptr);

}  // namespace gradscape
