#pragma once
// Pixels to and from PNG files, and back from the GL framebuffer.

#include <cstdint>
#include <string>
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

/// Reads a rectangle of the bound framebuffer (x, y from the top-left corner) as a top-down image.
Image readFramebuffer(int x, int y, int width, int height, int framebufferHeight);

/// Writes the image as PNG through AtomicFile: the path holds the old file whole or the new one whole,
/// a symbolic link keeps pointing at the file it named, and a folder, a device or a missing folder is
/// refused (nothing is created). Throws FileError (a std::runtime_error) naming the path and the reason.
void writePng(const std::string& path, const Image& image);

/// "DIR/gradscape-YYYY-MM-DD-HHMMSS" + ending (such as "-paths.csv"), with "-2", "-3"... before the
/// ending when that name is taken.
std::string timestampedPath(const std::string& directory, const std::string& ending);

}  // namespace gradscape
