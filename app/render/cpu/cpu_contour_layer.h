#pragma once
// The filled-contour layer coloured on the CPU, for the software rasterizer: the same picture as the GL
// layer's shader (shaders/contour.frag), pixel by pixel.

#include "render/contour_painter.h"

#include <memory>

namespace gradscape {

class CpuContourLayer : public ContourPainter {
  public:
    /// Colours with up to `threads` threads (row bands).
    explicit CpuContourLayer(int threads = 2);
    ~CpuContourLayer() override;
    CpuContourLayer(const CpuContourLayer&) = delete;
    CpuContourLayer& operator=(const CpuContourLayer&) = delete;

    void upload(const std::shared_ptr<const Grid>& grid) override;
    /// Also starts colouring the rectangle in the background, for the size of the current display
    /// (io.DisplaySize * io.DisplayFramebufferScale): the callback then only copies the colours in.
    void addTo(ImDrawList* drawList, ImVec2 topLeft, ImVec2 bottomRight) override;

  private:
    struct Job;
    static void paint(const ImDrawList* list, const ImDrawCmd* command);
    std::unique_ptr<Job> start(ImVec4 clipRect, ImVec2 origin, ImVec2 scale, int width, int height,
                               int workers) const;

    int threads_;
    std::unique_ptr<Job> job_;
};

}  // namespace gradscape
