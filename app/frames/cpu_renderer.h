#pragma once
// The contour view drawn to an image on the CPU, with a Dear ImGui context of its own and no GL at all:
// `gradscape render` of a contour figure skips loading the GL driver, the larger part of its time.
// Draws the same drawViewsFrame as OffscreenRenderer, so the two give one picture.

#include "render/cpu/cpu_contour_layer.h"
#include "panels/plots_panel.h"
#include "render/image.h"
#include "session.h"

#include <string>

struct ImGuiContext;

namespace gradscape {

class CpuRenderer {
  public:
    /// Throws std::invalid_argument for a size outside 16..16384 a side. Leaves the current ImGui context
    /// as it was.
    CpuRenderer(int width, int height);
    ~CpuRenderer();
    CpuRenderer(const CpuRenderer&) = delete;
    CpuRenderer& operator=(const CpuRenderer&) = delete;

    /// Lays the contour view out once (which asks for a grid of its size), waits for the grid sampler,
    /// draws again and returns the picture. Only the contour view: the session must not show the
    /// surface (session.viewSettings.mode == ViewMode::Contour).
    Image render(Session& session, const Snapshot& snapshot, const std::string& title);

  private:
    void frame(Session& session, const Snapshot& snapshot, const std::string& title);

    int width_, height_;
    ImGuiContext* imgui_ = nullptr;
    CpuContourLayer contours_;
    PlotsPanelState plots_;  ///< Its own, never clicked: the plots draw at their default scales.
};

}  // namespace gradscape
