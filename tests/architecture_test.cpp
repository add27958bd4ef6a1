// The folders' layering, as docs/ARCHITECTURE.md draws it, checked against every #include in core/ and
// app/: no include runs from a lower folder back up, and core/ never sees GL, GLFW, EGL or ImGui. A new
// file that breaks the picture fails here, naming the file, the include and the rule.

#include "support/test_files.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

// What each place may include besides itself. A place is a folder, or for app/'s own files one of two
// groups: the shared base every app folder may read (the session, the theme, the palette, the key table)
// and the top that assembles everything (main, the command line, the window, the autosave).
const std::map<std::string, std::set<std::string>>& allowed() {
    static const std::set<std::string> core = {"core/support", "core/landscapes", "core/networks",
                                               "core/optimizers", "core/view", "core/race",
                                               "core/maps",       "core/scene"};
    auto with = [](std::set<std::string> a, const std::set<std::string>& b) {
        a.insert(b.begin(), b.end());
        return a;
    };
    static const std::set<std::string> render = with(core, {"app/render", "app/render/gl", "app/render/cpu",
                                                            "app/base"});
    static const std::map<std::string, std::set<std::string>> rules = {
        {"core/support", {}},
        {"core/landscapes", {"core/support"}},
        {"core/networks", {"core/support", "core/landscapes"}},
        {"core/optimizers", {"core/support", "core/landscapes", "core/networks"}},
        {"core/view", {"core/support", "core/landscapes", "core/networks", "core/optimizers"}},
        {"core/race", {"core/support", "core/landscapes", "core/networks", "core/optimizers", "core/view"}},
        {"core/maps",
         {"core/support", "core/landscapes", "core/networks", "core/optimizers", "core/view", "core/race"}},
        {"core/scene",
         {"core/support", "core/landscapes", "core/networks", "core/optimizers", "core/view", "core/race",
          "core/maps"}},
        {"app/base", core},
        {"app/render", render},
        {"app/render/gl", render},
        {"app/render/cpu", render},
        {"app/views", with(render, {})},
        {"app/panels", with(render, {"app/views"})},
        {"app/frames", with(render, {"app/views", "app/panels"})},
        {"app/export", with(render, {"app/views", "app/panels", "app/frames"})},
        {"app/commands", with(render, {"app/views", "app/panels", "app/frames", "app/export", "app/top"})},
        {"app/top", with(render, {"app/views", "app/panels", "app/frames", "app/export", "app/commands"})},
    };
    return rules;
}

// The place of a file under core/ or app/ (its folder; app/'s own files by group).
std::string placeOf(const std::string& relative) {
    const std::string folder = fs::path(relative).parent_path().generic_string();
    if (folder != "app") return folder;
    static const std::set<std::string> base = {"session", "theme", "palette", "key_bindings"};
    return base.count(fs::path(relative).stem().string()) ? "app/base" : "app/top";
}

std::vector<std::string> sources() {
    std::vector<std::string> files;
    for (const char* root : {"core", "app"})
        for (const auto& entry : fs::recursive_directory_iterator(fs::path(GRADSCAPE_SOURCE_DIR) / root))
            if (entry.path().extension() == ".h" || entry.path().extension() == ".cpp")
                files.push_back(fs::relative(entry.path(), GRADSCAPE_SOURCE_DIR).generic_string());
    std::sort(files.begin(), files.end());
    return files;
}

// The file a quoted include names, relative to the source root ("" when it is none of ours).
std::string resolve(const std::string& include) {
    for (const char* root : {"core/", "app/"})
        if (fs::exists(fs::path(GRADSCAPE_SOURCE_DIR) / (root + include))) return root + include;
    return "";
}

}  // namespace

TEST_CASE("no include runs from a lower folder back up, and every folder has a place in the picture") {
    const std::regex quoted(R"re(^\s*#\s*include\s+"([^"]+)")re");
    std::vector<std::string> breaks;
    const auto files = sources();
    REQUIRE(files.size() > 100);  // the whole tree was read, not an empty folder
    int includes = 0;
    for (const auto& file : files) {
        const std::string from = placeOf(file);
        const auto rule = allowed().find(from);
        if (rule == allowed().end()) {
            breaks.push_back(file + ": its folder " + from + " has no place in the layering");
            continue;
        }
        std::istringstream text(gradscape::testing::fileContents(std::string(GRADSCAPE_SOURCE_DIR) + "/" + file));
        for (std::string line; std::getline(text, line);) {
            std::smatch match;
            if (!std::regex_search(line, match, quoted)) continue;
            const std::string target = resolve(match[1]);
            if (target.empty()) continue;  // a generated or system header
            ++includes;
            const std::string to = placeOf(target);
            if (to != from && !rule->second.count(to))
                breaks.push_back(file + " includes " + target + ": " + from + " may not include " + to);
        }
    }
    CHECK(includes > 300);  // about 500 today: the includes were read, not skipped
    for (const auto& b : breaks)
        FAIL_CHECK(b);
    CHECK(breaks.empty());
}

TEST_CASE("core/ never includes GL, GLFW, EGL or ImGui") {
    const std::regex graphical(R"re(^\s*#\s*include\s+[<"](GL/|GLFW/|EGL/|imgui|backends/))re");
    std::vector<std::string> breaks;
    for (const auto& file : sources()) {
        if (file.rfind("core/", 0) != 0) continue;
        std::istringstream text(gradscape::testing::fileContents(std::string(GRADSCAPE_SOURCE_DIR) + "/" + file));
        for (std::string line; std::getline(text, line);)
            if (std::regex_search(line, graphical)) breaks.push_back(file + ": " + line);
    }
    for (const auto& b : breaks)
        FAIL_CHECK(b);
    CHECK(breaks.empty());
}

TEST_CASE("the layering check sees a break where there is one") {
    // The rules themselves: a lower folder reaching up is refused, a higher one reaching down allowed.
    CHECK_FALSE(allowed().at("core/optimizers").count("core/scene"));
    CHECK(allowed().at("core/scene").count("core/optimizers"));
    CHECK_FALSE(allowed().at("app/panels").count("app/frames"));
    CHECK_FALSE(allowed().at("app/render/gl").count("app/views"));
    CHECK(placeOf("app/session.cpp") == "app/base");
    CHECK(placeOf("app/window.cpp") == "app/top");
    CHECK(placeOf("app/render/gl/gl.h") == "app/render/gl");
}
