#pragma once
// Files for tests that check what was written: a fresh folder of a test's own, and a file's bytes.
// Header-only, so core_tests (which does not link test_support and its GL) and app_tests share it.

#include <doctest/doctest.h>

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace gradscape::testing {

/// A new empty folder under the system's temporary folder, "gradscape-NAME-" and six random characters,
/// never one another test (or another run) uses. REQUIREs that it could be made.
inline std::filesystem::path freshFolder(const std::string& name) {
    std::string pattern =
        (std::filesystem::temp_directory_path() / ("gradscape-" + name + "-XXXXXX")).string();
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    return pattern;
}

/// Everything in the file at `path`, byte for byte; "" when it cannot be read.
inline std::string fileContents(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace gradscape::testing
