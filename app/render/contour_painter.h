#pragma once
// What the contour view asks of its filled-contour layer, with no GL in sight: the GL layer
// (contour_layer.h) colours the grid with a shader, the CPU layer (cpu_contour_layer.h) with the same
// formula on the CPU.

#include "view/grid.h"

#include <imgui.h>

#include <memory>

namespace gradscape {

/// The shader's parameters, shared by both layers: 28 isolines over log(1 + (f - min) / s), s = range / 1000,
/// grey where f is not finite.
inline constexpr float kContourIsolines = 28.0f;
inline constexpr double kContourLogDecades = 1000.0;
inline constexpr float kContourMaskGrey = 0.55f;

class ContourPainter {
  public:
    virtual ~ContourPainter() = default;
    /// Takes the grid unless it is the one already held.
    virtual void upload(const std::shared_ptr<const Grid>& grid) = 0;
    /// The grid currently held, or null.
    const Grid* grid() const { return grid_.get(); }
    /// Adds a draw callback to the list that paints the grid into the screen rectangle
    /// [topLeft, bottomRight] (the grid's box on screen), clipped to the list's current clip rectangle.
    virtual void addTo(ImDrawList* drawList, ImVec2 topLeft, ImVec2 bottomRight) = 0;

  protected:
    std::shared_ptr<const Grid> grid_;
    ImVec2 topLeft_, bottomRight_;
};

}  // namespace gradscape
