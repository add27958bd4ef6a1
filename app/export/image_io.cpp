#include "export/image_io.h"

#include "export/png_encoder.h"
#include "support/atomic_file.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <stdexcept>
#include <thread>

namespace gradscape {

void writePng(const std::string& path, const Image& image) {
    // Compressed in strips on every core: a frame's PNG is otherwise the largest part of a render.
    const std::vector<std::uint8_t> bytes =
        encodePng(image, static_cast<int>(std::max(1u, std::min(8u, std::thread::hardware_concurrency()))));
    // A picture can be drawn again: whole (renamed into place) is enough, without waiting for the disk.
    replaceFile(path, std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()),
                Durability::Renamed);
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
