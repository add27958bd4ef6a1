#pragma once
// Dear ImGui's draw data rasterized on the CPU into an image, as the ImGui OpenGL3 backend would draw
// it: scissored commands, triangles with per-vertex colour, the font atlas sampled bilinearly, blended
// with source alpha over (colour: SRC_ALPHA, ONE_MINUS_SRC_ALPHA; alpha: ONE, ONE_MINUS_SRC_ALPHA).

#include "render/image.h"

#include <imgui.h>

#include <cstdint>

namespace gradscape {

/// The font atlas as 8-bit coverage (white text), what every textured vertex samples.
struct AlphaTexture {
    const std::uint8_t* pixels = nullptr;
    int width = 0, height = 0;
};

/// A pixel rectangle [x0, x1) x [y0, y1), rows from the top.
struct ScissorRect {
    int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    bool empty() const { return x1 <= x0 || y1 <= y0; }
};

/// Draws `drawData` over `image` (which must be DisplaySize * FramebufferScale). User callbacks other
/// than ImDrawCallback_ResetRenderState are called with currentRasterTarget() set to the image.
void rasterizeDrawData(const ImDrawData& drawData, const AlphaTexture& font, Image& image);

/// The image being rasterized, for a user callback that paints pixels itself; null outside
/// rasterizeDrawData.
Image* currentRasterTarget();

/// The scissor rectangle the OpenGL3 backend sets for a command's clip rectangle, in image rows from the
/// top, clamped to the image.
ScissorRect scissorOf(const ImDrawData& drawData, const ImVec4& clipRect, int imageWidth, int imageHeight);

/// Fills the image with one opaque colour.
void clearImage(Image& image, float r, float g, float b);

}  // namespace gradscape
