// End to end: the window autosaves the race into the XDG state folder; after kill -9 the next window
// offers to restore it (Enter restores, Escape starts fresh and keeps the old race beside it), a second
// window leaves a live one's autosave alone, and after a clean exit nothing is offered (issue 11, item 12).
// A paused window left alone draws nothing, its autosave's timer included (issue 13, item 1).

#include "scene/scene_file.h"
#include "support/test_files.h"
#include "support/test_support.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <csignal>
#include <filesystem>
#include <functional>

using namespace gradscape;
using namespace gradscape::testing;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

// The autosaved race; nullopt while the file is missing. The file is replaced atomically, so a file
// that exists always reads as a whole scene.
std::optional<Scene> autosaved(const fs::path& path) {
    if (!fs::exists(path)) return std::nullopt;
    return sceneFromText(fileContents(path));
}

bool overlay(const json& state, const char* name) {
    return state["views"]["overlays"][name].get<bool>();
}

std::string offer(const json& state) {
    return state["autosave"]["offer"].get<std::string>();
}

struct Window {
    std::string statePath;
    Process process;
    Window(const std::string& dir, const std::string& name, const std::string& stateHome)
        : statePath(dir + "/" + name + ".json"),
          process({executable(), "--width", "1280", "--height", "800", "--state-file", statePath,
                   "--screenshot-dir", dir, "--landscape", "quadratic", "--optimizer", "gd:lr=0.05"},
                  {"XDG_STATE_HOME=" + stateHome, "GRADSCAPE_AUTOSAVE_MS=200"}) {
        REQUIRE(waitForWindow(statePath));
        xdotool("mousemove 900 300");
    }
    void killHard() {
        ::kill(process.pid(), SIGKILL);
        REQUIRE(process.wait(std::chrono::seconds(20)) == 128 + SIGKILL);
    }
};

}  // namespace

TEST_CASE("a race survives kill -9: the next window offers it, Enter restores it, Escape keeps it aside") {
    REQUIRE(std::getenv("DISPLAY") != nullptr);
    const std::string dir = temporaryDirectory("window-autosave");
    const std::string stateHome = dir + "/state-home";
    const fs::path autosave = fs::path(stateHome) / "gradscape/autosave.json";

    // A turns the gradient field on; the autosave has it within moments; A is killed.
    {
        Window a(dir, "a", stateHome);
        CHECK(offer(readState(a.statePath)) == "");
        xdotool("key g");
        REQUIRE(stateShows(a.statePath, [](const json& s) { return overlay(s, "gradientField"); }));
        REQUIRE(waitUntil([&] { return autosaved(autosave) && autosaved(autosave)->views.overlays.gradientField; },
                          std::chrono::seconds(30)));
        a.killHard();
    }
    const std::string raceOfA = fileContents(autosave);

    // B is offered A's race and starts fresh: A's race is kept aside, never overwritten. B turns the
    // Taylor model on and is killed too.
    {
        Window b(dir, "b", stateHome);
        REQUIRE(stateShows(b.statePath, [](const json& s) {
            return offer(s).find("gradscape ended unexpectedly at ") == 0 && s["controls"].contains("restore");
        }));
        CHECK_FALSE(overlay(readState(b.statePath), "gradientField"));
        CHECK(autosaved(autosave)->views.overlays.gradientField);  // not overwritten while the offer is open
        xdotool("key Escape");
        REQUIRE(stateShows(b.statePath, [](const json& s) { return offer(s).empty(); }));
        CHECK(b.process.running());
        CHECK_FALSE(overlay(readState(b.statePath), "gradientField"));
        CHECK(fileContents(fs::path(stateHome) / "gradscape/autosave-declined.json") == raceOfA);
        xdotool("key t");
        REQUIRE(waitUntil([&] { return autosaved(autosave) && autosaved(autosave)->views.overlays.taylorModel; },
                          std::chrono::seconds(30)));
        b.killHard();
    }

    // C is offered B's race and restores it with Enter; then it closes cleanly.
    {
        Window c(dir, "c", stateHome);
        REQUIRE(stateShows(c.statePath, [](const json& s) { return !offer(s).empty(); }));
        CHECK_FALSE(overlay(readState(c.statePath), "taylorModel"));
        xdotool("key Return");
        REQUIRE(stateShows(c.statePath, [](const json& s) {
            return offer(s).empty() && overlay(s, "taylorModel") && !overlay(s, "gradientField") &&
                   !s["controls"].contains("restore");
        }));
        CHECK(readState(c.statePath)["status"].get<std::string>().find("Restored the race") == 0);
        REQUIRE(readState(c.statePath)["optimizers"].size() == 1);
        // A second window meanwhile leaves C's autosave alone, and says so.
        {
            Window second(dir, "second", stateHome);
            const std::string expected = "Another gradscape window (process " + std::to_string(c.process.pid()) + ")";
            REQUIRE(stateShows(second.statePath,
                               [&](const json& s) { return s["status"].get<std::string>().find(expected) == 0; }));
            CHECK(offer(readState(second.statePath)).empty());
            CHECK(readState(second.statePath)["autosave"]["path"].get<std::string>().empty());
        }
        CHECK(c.process.running());
        ::kill(c.process.pid(), SIGTERM);  // closes the window the normal way
        REQUIRE(c.process.wait(std::chrono::seconds(30)) == 0);
        CHECK_FALSE(fs::exists(fs::path(stateHome) / "gradscape/autosave.owner"));
        CHECK(autosaved(autosave)->views.overlays.taylorModel);
    }

    // D comes after a clean exit: nothing to offer.
    {
        Window d(dir, "d", stateHome);
        REQUIRE(stateShows(d.statePath, [](const json& s) { return s["autosave"]["saves"].get<int>() > 0; }));
        CHECK(offer(readState(d.statePath)) == "");
        CHECK_FALSE(readState(d.statePath)["controls"].contains("restore"));
    }
}

TEST_CASE("a paused window left alone draws no frames, though its autosave's timer wakes it; input draws") {
    REQUIRE(std::getenv("DISPLAY") != nullptr);
    const std::string dir = temporaryDirectory("window-idle");
    Window w(dir, "idle", dir + "/state-home");  // autosaving every 200 ms: a wake five times a second
    const auto framesDrawn = [&] {
        const json state = readState(w.statePath);
        return state.is_object() ? state.value("framesDrawn", -1LL) : -1LL;
    };

    // Pause, then move the mouse a second later: a frame drawn a second after the last write rewrites
    // the state file, so it says the race is paused.
    xdotool("key space");
    pause(1500);
    xdotool("mousemove 910 310");
    REQUIRE(stateShows(w.statePath, [](const json& s) { return !s["playing"].get<bool>(); }));

    // Left alone: a frame drawn now would rewrite the state file within a second, so its frame count
    // stays put only while the window draws nothing.
    pause(2000);
    const long long idle = framesDrawn();
    REQUIRE(idle > 0);
    pause(2500);
    CHECK(framesDrawn() == idle);

    // Input draws again: the first frame after it rewrites the file with a higher count.
    xdotool("mousemove 700 400");
    CHECK(waitUntil([&] { return framesDrawn() > idle; }, std::chrono::seconds(20)));
    xdotool("key ctrl+q");
    CHECK(w.process.wait(std::chrono::seconds(20)) == 0);
}
