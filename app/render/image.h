#pragma once
// The picture every renderer produces and every export writes: 8-bit RGBA, rows top to bottom, and the
// one check of a size a renderer accepts.

#include <cstdint>
#include <vector>

namespace gradscape {

/// An 8-bit RGBA image, rows top to bottom.
struct Image {
    int width = 0, height = 0;
    std::vector<std::uint8_t> rgba;
};

/// Throws std::invalid_argument unless an image of width x height (16 to limits::kMaxImageSide pixels a
/// side) can be rendered.
void requireRenderableSize(int width, int height);

}  // namespace gradscape
