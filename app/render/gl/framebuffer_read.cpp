#include "render/gl/framebuffer_read.h"

#include "render/gl/gl.h"

#include <algorithm>

namespace gradscape {

Image readFramebuffer(int x, int y, int width, int height, int framebufferHeight) {
    Image image{width, height, std::vector<std::uint8_t>(static_cast<size_t>(width) * height * 4)};
    std::vector<std::uint8_t> bottomUp(image.rgba.size());
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(x, framebufferHeight - y - height, width, height, GL_RGBA, GL_UNSIGNED_BYTE,
                 bottomUp.data());
    // GL rows start at the bottom; images start at the top.
    const size_t stride = static_cast<size_t>(width) * 4;
    for (int row = 0; row < height; ++row)
        std::copy_n(bottomUp.data() + (height - 1 - row) * stride, stride, image.rgba.data() + row * stride);
    for (size_t i = 3; i < image.rgba.size(); i += 4)
        image.rgba[i] = 255;
    return image;
}

}  // namespace gradscape
