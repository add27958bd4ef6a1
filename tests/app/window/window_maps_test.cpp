// The map panel end to end (issue 14): the real window under Xvfb on the Newton's basins lesson, driven by
// real mouse events. Hovering a basin cell draws that start's run as a ghost, a click moves the racer's
// start to the point under the mouse, "all racers" draws every racer's basins side by side, and "Tune
// every racer" renames each racer for what was tuned and how.

#include "support/test_support.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <string>

using namespace gradscape::testing;
using nlohmann::json;

namespace {

// Presses S (a screenshot: the window writes its state file) and returns the state it wrote.
json mapsStateNow(const std::string& statePath) {
    const std::string previous = readState(statePath).value("screenshot", "");
    xdotool("key s");
    REQUIRE(waitUntil([&] { return readState(statePath).value("screenshot", "") != previous; }, std::chrono::seconds(30)));
    return readState(statePath);
}

// Reports until the map panel has computed its maps whole (`count` of them) and is idle.
json mapsComputed(const std::string& statePath, size_t count) {
    json state;
    const bool done = waitUntil(
        [&] {
            state = mapsStateNow(statePath);
            const json& computed = state["maps"]["computed"];
            if (state["maps"]["working"].get<bool>() || computed.size() != count) return false;
            for (const json& map : computed)
                if (!map["complete"].get<bool>()) return false;
            return true;
        },
        std::chrono::seconds(60));
    REQUIRE_MESSAGE(done, state["maps"].dump());
    return state;
}

void clickAt(int x, int y) {
    xdotool("mousemove " + std::to_string(x) + " " + std::to_string(y));
    pause(300);
    xdotool("click 1");
    pause(300);
}

void clickControl(const json& state, const std::string& control) {
    REQUIRE_MESSAGE(state["controls"].contains(control), control);
    const json& r = state["controls"][control];
    clickAt(r["x"].get<int>() + r["width"].get<int>() / 2, r["y"].get<int>() + r["height"].get<int>() / 2);
}

const json& racerIn(const json& state, int id) {
    for (const json& racer : state["optimizers"])
        if (racer["id"] == id) return racer;
    FAIL("no racer " << id);
    throw;
}

}  // namespace

TEST_CASE("the map panel: hover shows a cell's run, a click moves the start there, all racers, tune renames") {
    REQUIRE(std::getenv("DISPLAY") != nullptr);
    const std::string dir = temporaryDirectory("window-maps");
    const std::string statePath = dir + "/state.json";
    Process app({executable(), "--scene", std::string(GRADSCAPE_ASSETS_DIR) + "/lessons/14-newton-basins.json",
                 "--state-file", statePath, "--screenshot-dir", dir});
    REQUIRE(waitForWindow(statePath));

    // Newton's basins over the box the contour view shows.
    json state = mapsComputed(statePath, 1);
    const json map = state["maps"]["computed"][0];
    CHECK(map["racerId"] == 1);
    CHECK(map["x"][0].get<double>() == doctest::Approx(state["view"]["xMin"].get<double>()));
    CHECK(map["y"][1].get<double>() == doctest::Approx(state["view"]["yMax"].get<double>()));
    CHECK(state["maps"]["ghostPoints"] == 0);

    // Hover a cell: its run (the lesson's 60 steps, 61 points) becomes the contour view's ghost.
    REQUIRE(state["controls"].contains("map-image"));
    const json image = state["controls"]["map-image"];
    const int px = image["x"].get<int>() + image["width"].get<int>() * 7 / 10,
              py = image["y"].get<int>() + image["height"].get<int>() * 3 / 10;
    xdotool("mousemove " + std::to_string(px) + " " + std::to_string(py));
    pause(300);
    state = mapsStateNow(statePath);
    CHECK(state["maps"]["ghostPoints"] == 61);

    // Click: Newton's start moves to the point of the plane under the mouse.
    xdotool("click 1");
    pause(300);
    state = mapsStateNow(statePath);
    const double u = (px + 0.5 - image["x"].get<double>()) / image["width"].get<double>(),
                 v = (py + 0.5 - image["y"].get<double>()) / image["height"].get<double>();
    const double x = map["x"][0].get<double>() + u * (map["x"][1].get<double>() - map["x"][0].get<double>());
    const double y = map["y"][1].get<double>() - v * (map["y"][1].get<double>() - map["y"][0].get<double>());
    const double pixelX = (map["x"][1].get<double>() - map["x"][0].get<double>()) / image["width"].get<double>();
    const json newton = racerIn(state, 1);
    CHECK(std::abs(newton["start"][0].get<double>() - x) <= pixelX);
    CHECK(std::abs(newton["start"][1].get<double>() - y) <= pixelX * 1.01);
    // GD follows the shared start as the lesson opens (both racers start together), so it moves along.
    REQUIRE(racerIn(state, 2)["followsSharedStart"] == true);
    CHECK(racerIn(state, 2)["start"] == newton["start"]);

    // All racers: Newton's and GD's basins side by side.
    clickControl(state, "map-all-racers");
    state = mapsComputed(statePath, 2);
    CHECK(state["maps"]["allRacers"] == true);
    CHECK(state["maps"]["computed"][1]["racerId"] == 2);
    CHECK(state["controls"].contains("map-image-1"));

    // Tune every racer: each racer's name then says what was tuned, by which criterion, in what budget.
    // On a loaded machine a click can land before the window has seen the mouse arrive: click again
    // (while it tunes, the button is replaced by a line of text, so a second click does nothing).
    const auto tuned = [&] {
        state = mapsStateNow(statePath);
        return racerIn(state, 2)["label"].get<std::string>().find("tuned") != std::string::npos;
    };
    bool done = false;
    for (int attempt = 0; attempt < 5 && !done; ++attempt) {
        clickControl(state, "map-tune");
        done = waitUntil(tuned, std::chrono::seconds(10));
    }
    REQUIRE(done);
    CHECK(racerIn(state, 2)["label"].get<std::string>().find("Gradient descent (tuned lr by final loss after 60 steps)") == 0);
    xdotool("key ctrl+q");
    CHECK(app.wait(std::chrono::seconds(20)) == 0);
}
