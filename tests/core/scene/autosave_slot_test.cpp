// The autosave's state folder and owner marker: restore is offered only after a window ended without
// closing, never while another window is alive, and the previous race is never overwritten before the
// user has chosen.

#include "scene/autosave_slot.h"
#include "support/test_files.h"

#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

using namespace gradscape;
using gradscape::testing::fileContents;
namespace fs = std::filesystem;

namespace {

// A path under the temporary folder where nothing is yet (the slot makes its folder itself).
fs::path absentFolder(const std::string& name) {
    const fs::path dir = fs::temp_directory_path() / ("gradscape-autosave-" + name + "-" + std::to_string(getpid()));
    fs::remove_all(dir);
    return dir;
}

void write(const fs::path& path, const std::string& text) {
    std::ofstream(path) << text;
}

// A process that has ended: a child that exited at once, reaped.
ProcessIdentity endedProcess() {
    const pid_t child = fork();
    if (child == 0) _exit(0);
    const ProcessIdentity identity{static_cast<long>(child), 0};
    waitpid(child, nullptr, 0);
    return identity;
}

// Sets an environment variable for one scope.
struct ScopedEnvironment {
    std::string name;
    std::optional<std::string> previous;
    ScopedEnvironment(std::string n, const char* value) : name(std::move(n)) {
        if (const char* old = std::getenv(name.c_str())) previous = old;
        if (value)
            setenv(name.c_str(), value, 1);
        else
            unsetenv(name.c_str());
    }
    ~ScopedEnvironment() {
        if (previous)
            setenv(name.c_str(), previous->c_str(), 1);
        else
            unsetenv(name.c_str());
    }
};

}  // namespace

TEST_CASE("the state folder follows XDG_STATE_HOME, else HOME, and ignores a relative XDG_STATE_HOME") {
    {
        ScopedEnvironment xdg("XDG_STATE_HOME", "/tmp/xdg-state");
        ScopedEnvironment home("HOME", "/home/someone");
        CHECK(stateDirectory() == fs::path("/tmp/xdg-state/gradscape"));
    }
    {
        ScopedEnvironment xdg("XDG_STATE_HOME", nullptr);
        ScopedEnvironment home("HOME", "/home/someone");
        CHECK(stateDirectory() == fs::path("/home/someone/.local/state/gradscape"));
    }
    {
        ScopedEnvironment xdg("XDG_STATE_HOME", "relative/state");
        ScopedEnvironment home("HOME", "/home/someone");
        CHECK(stateDirectory() == fs::path("/home/someone/.local/state/gradscape"));
    }
    {
        ScopedEnvironment xdg("XDG_STATE_HOME", "");
        ScopedEnvironment home("HOME", nullptr);
        CHECK(stateDirectory().empty());
    }
}

TEST_CASE("a process is alive while it runs, and a reused id with another start time is not it") {
    const ProcessIdentity self = currentProcess();
    CHECK(self.pid == getpid());
    CHECK(self.startTime > 0);
    CHECK(processAlive(self));
    CHECK_FALSE(processAlive(endedProcess()));
    CHECK_FALSE(processAlive({self.pid, self.startTime + 1}));  // same id, started at another time
    CHECK_FALSE(processAlive({0, 0}));
}

TEST_CASE("a first window and a window after a clean exit are offered nothing") {
    const fs::path dir = absentFolder("clean");
    {
        AutosaveSlot slot = AutosaveSlot::claim(dir);
        REQUIRE(slot.owned());
        CHECK_FALSE(slot.recovery());
        CHECK((fs::status(dir).permissions() & fs::perms::all) == fs::perms::owner_all);
        CHECK(fs::exists(dir / "autosave.owner"));
        CHECK(slot.save("{\"race\": 1}\n"));
        CHECK(fileContents(slot.scenePath()) == "{\"race\": 1}\n");
        slot.release();
        CHECK_FALSE(fs::exists(dir / "autosave.owner"));  // the clean exit is marked
    }
    AutosaveSlot next = AutosaveSlot::claim(dir);
    REQUIRE(next.owned());
    CHECK_FALSE(next.recovery());
    fs::remove_all(dir);
}

TEST_CASE("after a window that ended without closing, restore is offered and its race kept until chosen") {
    const fs::path dir = absentFolder("abnormal");
    fs::create_directories(dir);
    const ProcessIdentity dead = endedProcess();
    write(dir / "autosave.owner", std::to_string(dead.pid) + " 12345\n");
    write(dir / "autosave.json", "{\"previous\": true}\n");

    AutosaveSlot slot = AutosaveSlot::claim(dir);
    REQUIRE(slot.owned());
    REQUIRE(slot.recovery());
    CHECK(slot.recovery()->scene == dir / "autosave.json");
    CHECK(slot.recovery()->endedAt > 0);
    // The marker now names this window.
    CHECK(fileContents(dir / "autosave.owner").rfind(std::to_string(getpid()) + " ", 0) == 0);

    SUBCASE("nothing overwrites the previous race while the offer is open, not even a clean exit") {
        CHECK_FALSE(slot.save("{\"new\": true}\n"));
        CHECK(fileContents(dir / "autosave.json") == "{\"previous\": true}\n");
        slot.release();
        CHECK(fs::exists(dir / "autosave.owner"));
        // A later window is offered the same race again (this process's marker counts as its own, so a
        // marker of an ended process stands in for the closed window).
        write(dir / "autosave.owner", std::to_string(endedProcess().pid) + " 1\n");
        AutosaveSlot later = AutosaveSlot::claim(dir);
        REQUIRE(later.recovery());
        CHECK(fileContents(later.recovery()->scene) == "{\"previous\": true}\n");
    }
    SUBCASE("restore: the offer closes and saving resumes") {
        slot.acceptRecovery();
        CHECK_FALSE(slot.recovery());
        CHECK(slot.save("{\"restored\": true}\n"));
        CHECK(fileContents(dir / "autosave.json") == "{\"restored\": true}\n");
    }
    SUBCASE("start fresh: the previous race is kept beside it") {
        slot.declineRecovery();
        CHECK_FALSE(slot.recovery());
        CHECK(fileContents(dir / "autosave-declined.json") == "{\"previous\": true}\n");
        CHECK(slot.save("{\"fresh\": true}\n"));
        CHECK(fileContents(dir / "autosave.json") == "{\"fresh\": true}\n");
    }
    fs::remove_all(dir);
}

TEST_CASE("a damaged marker counts as an abnormal end; a marker without an autosave offers nothing") {
    const fs::path dir = absentFolder("damaged");
    fs::create_directories(dir);
    write(dir / "autosave.owner", "not a process");
    write(dir / "autosave.json", "{}\n");
    CHECK(AutosaveSlot::claim(dir).recovery());
    fs::remove(dir / "autosave.json");
    write(dir / "autosave.owner", std::to_string(endedProcess().pid) + " 1\n");
    const AutosaveSlot slot = AutosaveSlot::claim(dir);
    CHECK(slot.owned());
    CHECK_FALSE(slot.recovery());
    fs::remove_all(dir);
}

TEST_CASE("a second window never takes over a live window's autosave") {
    const fs::path dir = absentFolder("live");
    fs::create_directories(dir);
    // The parent process (the shell or ctest that started this test) stands for the live window.
    const ProcessIdentity live{static_cast<long>(getppid()), 0};
    REQUIRE(processAlive(live));
    write(dir / "autosave.owner", std::to_string(live.pid) + " 0\n");
    write(dir / "autosave.json", "{\"live\": true}\n");
    AutosaveSlot second = AutosaveSlot::claim(dir);
    CHECK_FALSE(second.owned());
    CHECK(second.owner().pid == live.pid);
    CHECK_FALSE(second.recovery());
    CHECK_FALSE(second.save("{\"second\": true}\n"));
    second.release();
    CHECK(fileContents(dir / "autosave.json") == "{\"live\": true}\n");
    CHECK(fileContents(dir / "autosave.owner") == std::to_string(live.pid) + " 0\n");
    fs::remove_all(dir);
}
