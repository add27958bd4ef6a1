#pragma once
// A file's bytes as a string, for tests that check what was written. Header-only, so core_tests (which
// does not link test_support and its GL) and app_tests share it.

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace gradscape::testing {

/// Everything in the file at `path`, byte for byte; "" when it cannot be read.
inline std::string fileContents(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace gradscape::testing
