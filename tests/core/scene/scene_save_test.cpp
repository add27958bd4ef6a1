// Saving scenes (issue 11): through replaceFile, so the path always holds the old scene or the new one
// whole; links, permissions and a full disk as the user's other files; kill -9 in the middle of a save.
#include "scene/scene_file.h"
#include "support/test_files.h"

#include <doctest/doctest.h>

#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

using namespace gradscape;
using gradscape::testing::fileContents;
using gradscape::testing::freshFolder;

namespace {

// A scene that differs from the default one in several fields, with some non-ASCII text.
Scene richSavedScene() {
    Scene scene = defaultScene();
    scene.landscape = "quadratic";
    scene.landscapeParameters = {{"kappa", 12.345678901234567}};
    scene.view = {-2.5, 3.1, -1.0 / 3.0, 2.0};
    scene.steps = 123;
    scene.lesson = {"Ill-conditioning", "GD zig-zags across the valley.", "κ = λ_max / λ_min", {"Raise κ to 50."}};
    return scene;
}

}  // namespace

TEST_CASE("saving replaces the file whole and leaves no temporary behind") {
    const std::string dir = freshFolder("save").string();
    const std::string path = dir + "/scene.json";
    saveScene(path, defaultScene());
    saveScene(path, richSavedScene());
    CHECK(loadScene(path) == richSavedScene());
    int files = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir))
        ++files;
    CHECK(files == 1);
    // A target that cannot be replaced (a directory) is refused before any temporary is made.
    std::filesystem::create_directory(dir + "/taken");
    std::ofstream(dir + "/taken/keep") << "x";
    CHECK_THROWS_AS(saveScene(dir + "/taken", richSavedScene()), SceneError);
    files = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir))
        ++files;
    CHECK(files == 2);
}

TEST_CASE("a save that cannot be written leaves the previous file intact") {
    if (geteuid() == 0) {
        MESSAGE(
            "running as root: permissions do not stop writes, so only the missing-directory case is checked");
    }
    const std::string dir = freshFolder("save").string();
    const std::string path = dir + "/scene.json";
    saveScene(path, defaultScene());
    const std::string original = fileContents(path);

    CHECK_THROWS_WITH_AS(
        saveScene(dir + "/missing/scene.json", richSavedScene()),
        doctest::Contains(("cannot save the scene to " + dir + "/missing/scene.json").c_str()), SceneError);
    if (geteuid() != 0) {
        REQUIRE(chmod(dir.c_str(), 0555) == 0);
        CHECK_THROWS_AS(saveScene(path, richSavedScene()), SceneError);
        REQUIRE(chmod(dir.c_str(), 0755) == 0);
    }
    CHECK(fileContents(path) == original);
    CHECK(loadScene(path) == defaultScene());
}

TEST_CASE("a scene saved over a symbolic link replaces the file it points to and keeps the link") {
    const std::string dir = freshFolder("save").string();
    std::filesystem::create_directory(dir + "/real");
    saveScene(dir + "/real/scene.json", defaultScene());
    std::filesystem::create_symlink("real/scene.json", dir + "/link.json");
    saveScene(dir + "/link.json", richSavedScene());
    CHECK(std::filesystem::is_symlink(dir + "/link.json"));
    CHECK(std::filesystem::read_symlink(dir + "/link.json") == "real/scene.json");
    CHECK(loadScene(dir + "/real/scene.json") == richSavedScene());
    int files = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir + "/real"))
        ++files;
    CHECK(files == 1);
}

TEST_CASE("a scene saved over a private file keeps it private") {
    const std::string dir = freshFolder("save").string();
    const std::string path = dir + "/private.json";
    saveScene(path, defaultScene());
    REQUIRE(chmod(path.c_str(), 0600) == 0);
    saveScene(path, richSavedScene());
    struct stat status {};
    REQUIRE(stat(path.c_str(), &status) == 0);
    CHECK((status.st_mode & 07777) == 0600);
    CHECK(loadScene(path) == richSavedScene());
}

TEST_CASE("a save the disk refuses midway leaves the previous file readable and unchanged") {
    const std::string dir = freshFolder("save").string();
    const std::string path = dir + "/scene.json";
    saveScene(path, defaultScene());
    const std::string original = fileContents(path);
    // A file size limit makes write() fail with EFBIG the way a full disk fails with ENOSPC.
    Scene large = richSavedScene();
    large.lesson.tryThis.assign(kMaxLessonPrompts, std::string(kMaxSceneTextCharacters, 'x'));
    struct sigaction ignore {
    }, previous{};
    ignore.sa_handler = SIG_IGN;
    ::sigaction(SIGXFSZ, &ignore, &previous);
    rlimit limit{}, saved{};
    ::getrlimit(RLIMIT_FSIZE, &saved);
    limit.rlim_cur = 10'000;
    limit.rlim_max = saved.rlim_max;
    REQUIRE(::setrlimit(RLIMIT_FSIZE, &limit) == 0);
    std::string failure;
    try {
        saveScene(path, large);
    } catch (const SceneError& e) {
        failure = e.what();
    }
    ::setrlimit(RLIMIT_FSIZE, &saved);
    ::sigaction(SIGXFSZ, &previous, nullptr);
    CHECK(failure.find("cannot save the scene to " + path + ": ") == 0);
    CHECK(failure.find("too large") != std::string::npos);  // strerror(EFBIG): "File too large"
    CHECK(fileContents(path) == original);
    CHECK(loadScene(path) == defaultScene());
    int files = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir))
        ++files;
    CHECK(files == 1);
}

TEST_CASE(
    "kill -9 at any moment of saving a scene leaves one that opens, and the next save clears the rest") {
    const std::string dir = freshFolder("save").string();
    const std::string path = dir + "/scene.json";
    Scene large = richSavedScene();
    large.lesson.tryThis.assign(kMaxLessonPrompts, std::string(kMaxSceneTextCharacters, 'x'));  // 128 KB
    const Scene small = defaultScene();
    saveScene(path, small);
    const int rounds =
        std::getenv("GRADSCAPE_KILL_ROUNDS") ? std::atoi(std::getenv("GRADSCAPE_KILL_ROUNDS")) : 40;
    int kills = 0;
    for (int round = 0; round < rounds; ++round) {
        const pid_t child = ::fork();
        if (child == 0) {
            for (int i = 0;; ++i)
                saveScene(path, i % 2 ? small : large);
        }
        std::this_thread::sleep_for(std::chrono::microseconds(200 + 131 * (round % 40)));
        ::kill(child, SIGKILL);
        ::waitpid(child, nullptr, 0);
        ++kills;
        INFO("round " << round);
        const Scene now = loadScene(path);  // throws, failing the test, if the file is not whole
        CHECK((now == small || now == large));
    }
    CHECK(kills == rounds);
    saveScene(path, small);  // removes the temporaries the killed children left
    int files = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir))
        ++files;
    CHECK(files == 1);
}
