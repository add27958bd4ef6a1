#pragma once
// PNG encoding with zlib, compressed in horizontal strips on several threads (as pigz does): a
// 1280x800 frame is half of a headless render's work when compressed on one core.

#include "render/image.h"

#include <cstdint>
#include <vector>

namespace gradscape {

/// The image as a PNG file's bytes: 8-bit RGB when every pixel is opaque, RGBA otherwise, each row
/// Up-filtered, deflated at zlib's fastest level in `strips` independent strips (one thread each) that
/// join into one zlib stream.
std::vector<std::uint8_t> encodePng(const Image& image, int strips);

}  // namespace gradscape
