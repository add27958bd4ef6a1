#pragma once
// The views drawn at any size into a framebuffer object, with a Dear ImGui context of their own, in
// whatever GL context is current: the window's (its PNG and video exports) or the headless one
// (`gradscape render`). Both draw drawViewsFrame, so an export and a render of one state are one picture.

#include "panels/plots_panel.h"
#include "render/gl/contour_layer.h"
#include "render/gl/gl.h"
#include "render/gl/surface_layer.h"
#include "render/image.h"
#include "session.h"

#include <functional>
#include <memory>
#include <string>

struct ImDrawData;
struct ImGuiContext;

namespace gradscape {

class OffscreenRenderer {
  public:
    /// Needs a current OpenGL 3.3 context for its whole life. Leaves the current ImGui context, the
    /// bound framebuffer and the viewport as they were. Throws std::invalid_argument for a size outside
    /// 16..16384 a side.
    OffscreenRenderer(int width, int height);
    ~OffscreenRenderer();
    OffscreenRenderer(const OffscreenRenderer&) = delete;
    OffscreenRenderer& operator=(const OffscreenRenderer&) = delete;

    int width() const { return width_; }
    int height() const { return height_; }
    /// Draws one frame of the views from `snapshot`, with `title` over them (none when empty), without
    /// waiting for anything; with `draw` false only lays the frame out (the views request their grids).
    /// A recording passes the whole race as `legendRace`, so the legend keeps one corner throughout.
    void drawFrame(Session& session, const Snapshot& snapshot, const std::string& title, bool draw = true,
                   const Snapshot* legendRace = nullptr);
    /// What draws a laid-out frame into the cleared framebuffer (with this renderer's ImGui context
    /// current); the default is ImGui's OpenGL backend. The bench replaces it to time the frame's parts.
    using FrameDrawer = std::function<void(ImDrawData& frame)>;
    /// drawFrame (no title, drawn) with the frame drawn by `drawer`.
    void drawFrameWith(Session& session, const Snapshot& snapshot, const FrameDrawer& drawer);
    /// The layers, so that a FrameDrawer can tell their draw callbacks (UserCallbackData) apart.
    const ContourLayer* contourLayer() const { return contours_.get(); }
    const SurfaceLayer* surfaceLayer() const { return surface_.get(); }
    /// Lays the views out once (which asks for grids of their size), waits for the grid
    /// samplers, draws again and returns the picture.
    Image render(Session& session, const Snapshot& snapshot, const std::string& title);
    /// The framebuffer as a top-down image.
    Image read() const;
    /// The plots' scales it draws with: the defaults, or (for the window's exports) the user's choice.
    PlotsPanelState& plots() { return plots_; }

  private:
    void layOutAndDraw(Session& session, const Snapshot& snapshot, const std::string& title,
                       const Snapshot* legendRace, const FrameDrawer& drawer);

    int width_, height_;
    ImGuiContext* imgui_ = nullptr;
    GLuint framebuffer_ = 0, colour_ = 0, depth_ = 0;
    std::unique_ptr<ContourLayer> contours_;
    std::unique_ptr<SurfaceLayer> surface_;
    PlotsPanelState plots_;  ///< Its own, never clicked: default scales unless plots() is set.
};

}  // namespace gradscape
