#pragma once
// The files of shaders/, compiled into the binary by cmake/embed_shaders.cmake.

#include <string_view>

namespace gradscape {

/// The source of shaders/<fileName>, or an empty view when there is no such file.
std::string_view embeddedShader(std::string_view fileName);

}  // namespace gradscape
