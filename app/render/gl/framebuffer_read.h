#pragma once
// Pixels back from the bound GL framebuffer, as the top-down image the exports write.

#include "render/image.h"

namespace gradscape {

/// Reads a rectangle of the bound framebuffer (x, y from the top-left corner) as a top-down image.
Image readFramebuffer(int x, int y, int width, int height, int framebufferHeight);

}  // namespace gradscape
