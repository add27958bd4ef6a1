#include "export/image_io.h"

#include "support/atomic_file.h"
#include "support/input_limits.h"
#include "export/png_encoder.h"

#include "render/gl/gl.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <stdexcept>
#include <thread>

namespace gradscape {

void requireRenderableSize(int width, int height) {
    if (width < 16 || height < 16 || width > limits::kMaxImageSide || height > limits::kMaxImageSide)
        throw std::invalid_argument("image size must be between 16 and " + std::to_string(limits::kMaxImageSide) +
                                    " pixels a side, got " + std::to_string(width) + "x" + std::to_string(height));
}

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

void writePng(const std::string& path, const Image& image) {
    // Compressed in strips on every core: a frame's PNG is otherwise the largest part of a render.
    const std::vector<std::uint8_t> bytes =
        encodePng(image, static_cast<int>(std::max(1u, std::min(8u, std::thread::hardware_concurrency()))));
    replaceFile(path, std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

std::string timestampedPath(const std::string& directory, const std::string& ending) {
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm local{};
    localtime_r(&now, &local);
    char stamp[64];
    std::strftime(stamp, sizeof stamp, "gradscape-%Y-%m-%d-%H%M%S", &local);
    const std::filesystem::path dir(directory.empty() ? "." : directory);
    std::filesystem::path candidate = dir / (std::string(stamp) + ending);
    for (int n = 2; std::filesystem::exists(candidate); ++n)
        candidate = dir / (std::string(stamp) + "-" + std::to_string(n) + ending);
    return candidate.string();
}

}  // namespace gradscape
