#include "support/atomic_file.h"
#include "support/test_files.h"

#include <doctest/doctest.h>

#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

using namespace gradscape;
using gradscape::testing::fileContents;
using gradscape::testing::freshFolder;
namespace fs = std::filesystem;

namespace {

void put(const fs::path& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}

mode_t permissionsOf(const fs::path& path) {
    struct stat s {};
    REQUIRE(::stat(path.c_str(), &s) == 0);
    return s.st_mode & 07777;
}

// Everything in the folder but the named files: a temporary left behind shows up here.
int strayFiles(const fs::path& dir, std::initializer_list<std::string> expected) {
    int stray = 0;
    for (const auto& entry : fs::directory_iterator(dir)) {
        const std::string name = entry.path().filename().string();
        if (std::find(expected.begin(), expected.end(), name) == expected.end()) ++stray;
    }
    return stray;
}

}  // namespace

TEST_CASE(
    "a replacement that does not wait for the disk still replaces whole, keeps the mode and leaves no "
    "temporary") {
    const fs::path dir = freshFolder("atomic-renamed");
    put(dir / "figure.png", "old picture");
    fs::permissions(dir / "figure.png", fs::perms::owner_read | fs::perms::owner_write);
    replaceFile((dir / "figure.png").string(), "new picture", Durability::Renamed);
    CHECK(fileContents(dir / "figure.png") == "new picture");
    CHECK(permissionsOf(dir / "figure.png") == 0600);
    CHECK(strayFiles(dir, {"figure.png"}) == 0);
    // A refused path is refused the same way, and nothing is left behind.
    CHECK_THROWS_AS(replaceFile((dir / "missing" / "figure.png").string(), "x", Durability::Renamed),
                    FileError);
    CHECK(strayFiles(dir, {"figure.png"}) == 0);
}

TEST_CASE(
    "a replaced file holds the new contents, a new file gets 0666 less the umask, an old one keeps its "
    "mode") {
    const fs::path dir = freshFolder("atomic-modes");
    const mode_t umaskNow = ::umask(022);
    replaceFile((dir / "new.csv").string(), "a,b\n1,2\n");
    CHECK(fileContents(dir / "new.csv") == "a,b\n1,2\n");
    CHECK(permissionsOf(dir / "new.csv") == 0644);

    put(dir / "private.json", "old");
    fs::permissions(dir / "private.json", fs::perms::owner_read | fs::perms::owner_write);
    replaceFile((dir / "private.json").string(), "new");
    CHECK(fileContents(dir / "private.json") == "new");
    CHECK(permissionsOf(dir / "private.json") == 0600);
    CHECK(strayFiles(dir, {"new.csv", "private.json"}) == 0);
    ::umask(umaskNow);
}

TEST_CASE("a symbolic link is followed: its target is replaced and the link stays a link") {
    const fs::path dir = freshFolder("atomic-links");
    fs::create_directories(dir / "real");
    put(dir / "real" / "scene.json", "old");
    fs::create_symlink("real/scene.json", dir / "link.json");
    fs::create_symlink(dir / "link.json", dir / "chain.json");
    replaceFile((dir / "chain.json").string(), "new");
    CHECK(fs::is_symlink(fs::symlink_status(dir / "link.json")));
    CHECK(fs::is_symlink(fs::symlink_status(dir / "chain.json")));
    CHECK(fileContents(dir / "real" / "scene.json") == "new");

    fs::create_symlink("missing.json", dir / "dangling.json");  // a link to a file not yet written
    replaceFile((dir / "dangling.json").string(), "made");
    CHECK(fs::is_symlink(fs::symlink_status(dir / "dangling.json")));
    CHECK(fileContents(dir / "missing.json") == "made");

    fs::create_symlink("loop-b", dir / "loop-a");
    fs::create_symlink("loop-a", dir / "loop-b");
    CHECK_THROWS_WITH_AS(replaceFile((dir / "loop-a").string(), "x"),
                         doctest::Contains("too many levels of symbolic links"), FileError);
}

TEST_CASE("a folder, a device or a missing folder is refused with a sentence, and nothing is created") {
    const fs::path dir = freshFolder("atomic-refusals");
    CHECK_THROWS_WITH_AS(replaceFile(dir.string(), "x"), doctest::Contains("it is a folder"), FileError);
    CHECK_THROWS_WITH_AS(replaceFile((dir / "").string(), "x"), doctest::Contains("folder"), FileError);
    CHECK_THROWS_WITH_AS(replaceFile("/dev/null", "x"), doctest::Contains("not a regular file"), FileError);
    CHECK(fs::is_character_file("/dev/null"));
    CHECK_THROWS_WITH_AS(replaceFile((dir / "no" / "such" / "out.csv").string(), "x"),
                         doctest::Contains("does not exist"), FileError);
    CHECK_FALSE(fs::exists(dir / "no"));
    CHECK_THROWS_AS(replaceFile("", "x"), FileError);
    CHECK(strayFiles(dir, {}) == 0);
}

TEST_CASE("a write that fails part-way (the disk is full) leaves the previous file whole and no temporary") {
    const fs::path dir = freshFolder("atomic-full");
    put(dir / "run.csv", "the previous good file\n");
    // A file size limit makes write() fail with EFBIG the way a full disk fails with ENOSPC.
    struct sigaction ignore {
    }, previous{};
    ignore.sa_handler = SIG_IGN;
    ::sigaction(SIGXFSZ, &ignore, &previous);
    rlimit limit{}, saved{};
    ::getrlimit(RLIMIT_FSIZE, &saved);
    limit.rlim_cur = 1000;
    limit.rlim_max = saved.rlim_max;
    REQUIRE(::setrlimit(RLIMIT_FSIZE, &limit) == 0);
    std::string failure;
    try {
        replaceFile((dir / "run.csv").string(), [](std::ostream& out) {
            for (int row = 0; row < 100000; ++row)
                out << row << "," << row * 0.5 << "\n";
        });
    } catch (const FileError& e) {
        failure = e.what();
    }
    ::setrlimit(RLIMIT_FSIZE, &saved);
    ::sigaction(SIGXFSZ, &previous, nullptr);
    CHECK(failure.find("cannot write " + (dir / "run.csv").string()) == 0);
    CHECK(failure.find("too large") != std::string::npos);  // strerror(EFBIG): "File too large"
    CHECK(fileContents(dir / "run.csv") == "the previous good file\n");
    CHECK(strayFiles(dir, {"run.csv"}) == 0);
}

TEST_CASE("a writer that throws or fails its stream leaves the previous file whole") {
    const fs::path dir = freshFolder("atomic-writer");
    put(dir / "scene.json", "kept");
    CHECK_THROWS_AS(replaceFile((dir / "scene.json").string(),
                                [](std::ostream& out) {
                                    out << "half";
                                    throw std::runtime_error("the writer gave up");
                                }),
                    std::runtime_error);
    CHECK_THROWS_WITH_AS(replaceFile((dir / "scene.json").string(),
                                     [](std::ostream& out) { out.setstate(std::ios::failbit); }),
                         doctest::Contains("the writer failed"), FileError);
    CHECK(fileContents(dir / "scene.json") == "kept");
    CHECK(strayFiles(dir, {"scene.json"}) == 0);
}

TEST_CASE("a temporary keeps the target's extension and one left by a killed process is cleared next time") {
    const fs::path dir = freshFolder("atomic-stale");
    {
        AtomicFile file((dir / "movie.mp4").string());
        CHECK(fs::path(file.temporaryPath()).extension() == ".mp4");
        CHECK(fs::path(file.temporaryPath()).parent_path() == dir);
        CHECK(fs::path(file.temporaryPath()).filename().string().rfind(".movie.mp4.gradscape-", 0) == 0);
    }  // not committed: the temporary is gone
    CHECK(strayFiles(dir, {}) == 0);

    // A process that has ended (a child reaped here) and one that is alive (this one).
    const pid_t child = ::fork();
    if (child == 0) ::_exit(0);
    ::waitpid(child, nullptr, 0);
    put(dir / (".scene.json.gradscape-" + std::to_string(child) + "-0123456789abcdef"), "{\"half");
    put(dir / (".scene.json.gradscape-" + std::to_string(getpid()) + "-0123456789abcdef"), "in use");
    put(dir / ".other.json.gradscape-1-0123456789abcdef", "not this file's");
    replaceFile((dir / "scene.json").string(), "{}");
    CHECK(strayFiles(dir,
                     {"scene.json", ".scene.json.gradscape-" + std::to_string(getpid()) + "-0123456789abcdef",
                      ".other.json.gradscape-1-0123456789abcdef"}) == 0);
    CHECK_FALSE(fs::exists(dir / (".scene.json.gradscape-" + std::to_string(child) + "-0123456789abcdef")));
}

TEST_CASE("kill -9 at any moment of a save leaves the old file or the new one, whole") {
    const fs::path dir = freshFolder("atomic-kills");
    const std::string small(2000, 'a'), large(400000, 'b');
    put(dir / "scene.json", small);
    int kills = 0;
    for (int round = 0; round < 40; ++round) {
        const pid_t child = ::fork();
        if (child == 0) {
            for (int i = 0;; ++i)
                replaceFile((dir / "scene.json").string(), i % 2 ? small : large);
        }
        std::this_thread::sleep_for(std::chrono::microseconds(300 + 97 * round));
        ::kill(child, SIGKILL);
        ::waitpid(child, nullptr, 0);
        ++kills;
        const std::string now = fileContents(dir / "scene.json");
        INFO("round " << round << ": " << now.size() << " bytes");
        CHECK((now == small || now == large));
    }
    CHECK(kills == 40);
    replaceFile((dir / "scene.json").string(), "{}");  // clears what the killed children left
    CHECK(strayFiles(dir, {"scene.json"}) == 0);
}
