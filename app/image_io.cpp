#include "image_io.h"

#include "gl.h"

#include <png.h>
#include <stb_image.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <stdexcept>

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

void writePng(const std::string& path, const Image& image) {
    const std::filesystem::path target(path);
    if (target.has_parent_path()) std::filesystem::create_directories(target.parent_path());
    const std::string temporary = path + ".partial";
    std::FILE* file = std::fopen(temporary.c_str(), "wb");
    if (!file) throw std::runtime_error("cannot write " + path + ": " + std::strerror(errno));
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
    png_infop info = png ? png_create_info_struct(png) : nullptr;
    const volatile bool opaque = [&] {  // volatile: read after a longjmp
        for (size_t i = 3; i < image.rgba.size(); i += 4)
            if (image.rgba[i] != 255) return false;
        return true;
    }();
    volatile bool written = false;  // read after a longjmp
    // libpng reports errors by longjmp: nothing with a destructor lives between here and the rows.
    if (png && info && !setjmp(png_jmpbuf(png))) {
        png_init_io(png, file);
        // The fastest zlib level with the Up filter: a quarter larger than the smallest file, several
        // times faster to write.
        png_set_compression_level(png, 1);
        png_set_filter(png, 0, PNG_FILTER_UP);
        png_set_IHDR(png, info, image.width, image.height, 8,
                     opaque ? PNG_COLOR_TYPE_RGB : PNG_COLOR_TYPE_RGBA, PNG_INTERLACE_NONE,
                     PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
        png_write_info(png, info);
        // An opaque picture (every frame read back from GL) is stored as RGB: a quarter less to compress.
        if (opaque) png_set_filler(png, 0, PNG_FILLER_AFTER);
        for (int row = 0; row < image.height; ++row)
            png_write_row(png, image.rgba.data() + static_cast<size_t>(row) * image.width * 4);
        png_write_end(png, info);
        written = true;
    }
    png_destroy_write_struct(&png, &info);
    written = std::fclose(file) == 0 && written;
    if (!written) {
        std::filesystem::remove(temporary);
        throw std::runtime_error("cannot write " + path);
    }
    std::filesystem::rename(temporary, target);
}

Image readPng(const std::string& path) {
    int width = 0, height = 0, channels = 0;
    stbi_uc* data = stbi_load(path.c_str(), &width, &height, &channels, 4);
    if (!data) throw std::runtime_error("cannot read " + path + ": " + stbi_failure_reason());
    Image image{width, height,
                std::vector<std::uint8_t>(data, data + static_cast<size_t>(width) * height * 4)};
    stbi_image_free(data);
    return image;
}

std::string timestampedPngPath(const std::string& directory) {
    return timestampedPath(directory, ".png");
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
