#pragma once
// Images written as PNG files (through AtomicFile), and the timestamped names they are saved under.

#include "render/image.h"

#include <string>

namespace gradscape {

/// Writes the image as PNG through AtomicFile: the path holds the old file whole or the new one whole,
/// a symbolic link keeps pointing at the file it named, and a folder, a device or a missing folder is
/// refused (nothing is created). Throws FileError (a std::runtime_error) naming the path and the reason.
void writePng(const std::string& path, const Image& image);

/// "DIR/gradscape-YYYY-MM-DD-HHMMSS" + ending (such as "-paths.csv"), with "-2", "-3"... before the
/// ending when that name is taken.
std::string timestampedPath(const std::string& directory, const std::string& ending);

}  // namespace gradscape
