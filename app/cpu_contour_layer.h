#pragma once
// The filled-contour layer coloured on the CPU, for the software rasterizer: the same picture as the GL
// layer's shader (shaders/contour.frag), pixel by pixel.

#include "contour_painter.h"

namespace gradscape {

class CpuContourLayer : public ContourPainter {
  public:
    /// Colours with up to `threads` threads (row bands).
    explicit CpuContourLayer(int threads = 2) : threads_(threads) {}
    void upload(const std::shared_ptr<const Grid>& grid) override;
    void addTo(ImDrawList* drawList, ImVec2 topLeft, ImVec2 bottomRight) override;

  private:
    static void paint(const ImDrawList* list, const ImDrawCmd* command);

    int threads_;
};

}  // namespace gradscape
