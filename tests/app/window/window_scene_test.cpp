// End to end: a scene built in the real window (a racer added, a colour and a follow flag changed),
// saved with Ctrl+S and opened again in a new window, comes back as the same state and the same picture.

#include "render/image.h"
#include "support/test_support.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <thread>

using namespace gradscape;
using namespace gradscape::testing;
using nlohmann::json;

namespace {

std::pair<int, int> centreOf(const json& state, const std::string& control) {
    INFO(control);
    REQUIRE(state["controls"].contains(control));
    const json& c = state["controls"][control];
    return {c["x"].get<int>() + c["width"].get<int>() / 2, c["y"].get<int>() + c["height"].get<int>() / 2};
}

void clickAt(int x, int y) {
    xdotool("mousemove " + std::to_string(x) + " " + std::to_string(y));
    pause(200);
    xdotool("click 1");
    pause(400);
}

// Presses S with the mouse parked over the panel (no hover marks in the view) and waits for the new PNG.
json screenshot(const std::string& statePath) {
    xdotool("mousemove 20 790");
    pause(300);
    const std::string previous = readState(statePath).value("screenshot", "");
    xdotool("key s");
    REQUIRE(waitUntil([&] { return readState(statePath).value("screenshot", "") != previous; },
                      std::chrono::seconds(20)));
    return readState(statePath);
}

// Turns the mouse wheel over the control panel (button 4 up, 5 down) and reports where things are now.
json scrollPanel(const std::string& statePath, int button, int clicks) {
    xdotool("mousemove 190 400");
    pause(200);
    xdotool("click --repeat " + std::to_string(clicks) + " --delay 40 " + std::to_string(button));
    pause(400);
    return screenshot(statePath);
}

// What the picture depends on: everything in the state file but where files went (screenshot, autosave),
// what the status says and how many frames were drawn.
json pictureState(json state) {
    for (const char* key : {"screenshot", "status", "statusIsError", "controls", "autosave", "framesDrawn"})
        state.erase(key);
    return state;
}

}  // namespace

TEST_CASE("a scene built in the window, saved and reopened, gives the same state and the same picture") {
    REQUIRE(std::getenv("DISPLAY") != nullptr);
    const std::string dir = temporaryDirectory("window-scene");
    const std::string statePath = dir + "/state.json", scenePath = dir + "/built.json";
    Process app({executable(), "--width", "1280", "--height", "800", "--state-file", statePath, "--screenshot-dir",
                 dir, "--landscape", "quadratic", "--optimizer", "gd:lr=0.05,start=1.5;1"});
    REQUIRE(waitForWindow(statePath));
    xdotool("mousemove 900 300");
    xdotool("key space");  // pause, so both windows show the same step
    pause(400);

    // Add a second gradient descent racer (the kind list starts there): it follows the shared start.
    json state = screenshot(statePath);
    const auto [addX, addY] = centreOf(state, "add-optimizer");
    clickAt(addX, addY);
    state = screenshot(statePath);
    REQUIRE(state["optimizers"].size() == 2);
    CHECK(state["optimizers"][1]["kind"] == "gd");
    CHECK(state["optimizers"][0]["followsSharedStart"] == false);  // start= gave it a start of its own
    CHECK(state["optimizers"][1]["followsSharedStart"] == true);

    // Racer 2 stops following the shared start (the panel scrolled down to it); racer 1 follows it again.
    state = scrollPanel(statePath, 5, 15);
    const auto [follow2X, follow2Y] = centreOf(state, "follow-2");
    REQUIRE(follow2Y < 790);
    clickAt(follow2X - state["controls"]["follow-2"]["width"].get<int>() / 2 + 8, follow2Y);
    state = scrollPanel(statePath, 4, 30);
    state = scrollPanel(statePath, 5, 4);
    const auto [follow1X, follow1Y] = centreOf(state, "follow-1");
    REQUIRE(follow1Y > 0);
    REQUIRE(follow1Y < 790);
    clickAt(follow1X - state["controls"]["follow-1"]["width"].get<int>() / 2 + 8, follow1Y);
    state = scrollPanel(statePath, 4, 30);
    CHECK(state["optimizers"][0]["followsSharedStart"] == true);
    CHECK(state["optimizers"][1]["followsSharedStart"] == false);

    // A new colour for racer 1: its swatch opens the picker under it; a click in the picker's square.
    const std::string paletteColour = state["optimizers"][0]["colour"];
    const json swatch = state["controls"]["colour-1"];
    REQUIRE(swatch["y"].get<int>() < 700);  // the picker opens under it, its square starting 12 px lower
    REQUIRE(swatch["y"].get<int>() > 0);
    clickAt(swatch["x"].get<int>() + 4, swatch["y"].get<int>() + 4);
    clickAt(swatch["x"].get<int>() + 150, swatch["y"].get<int>() + swatch["height"].get<int>() + 40);
    xdotool("key Escape");
    pause(300);
    clickAt(20, 790);  // closes the picker if Escape did not
    state = screenshot(statePath);
    const std::string chosen = state["optimizers"][0]["colour"];
    CHECK(chosen != paletteColour);

    // Save with Ctrl+S, then the picture and state as they are now.
    typePathIntoDialog("ctrl+s", scenePath, statePath, "Saved scene to");
    const json saved = screenshot(statePath);
    const Image before = readPng(saved["screenshot"]);
    xdotool("key ctrl+q");
    CHECK(app.wait(std::chrono::seconds(20)) == 0);

    std::ifstream in(scenePath);
    const json scene = json::parse(in);
    REQUIRE(scene["optimizers"].size() == 2);
    CHECK(scene["optimizers"][0]["colour"] == chosen);
    CHECK(scene["optimizers"][0]["followsSharedStart"] == true);
    CHECK(scene["optimizers"][1]["followsSharedStart"] == false);

    // A new window on the saved scene: the same state file, the same picture.
    const std::string reopenedState = dir + "/reopened.json";
    Process reopened({executable(), "--width", "1280", "--height", "800", "--state-file", reopenedState,
                      "--screenshot-dir", dir, "--scene", scenePath});
    REQUIRE(waitForWindow(reopenedState));
    REQUIRE(waitUntil([&] { return readState(reopenedState).value("stepCount", -1) == saved["stepCount"]; },
                      std::chrono::seconds(20)));
    const json again = screenshot(reopenedState);
    CHECK(pictureState(again) == pictureState(saved));
    const Image after = readPng(again["screenshot"]);
    REQUIRE(after.width == before.width);
    REQUIRE(after.height == before.height);
    size_t differing = 0;
    for (size_t i = 0; i < before.rgba.size(); ++i)
        differing += std::abs(int(before.rgba[i]) - int(after.rgba[i])) > 2;
    CHECK(differing == 0);
    xdotool("key ctrl+q");
    CHECK(reopened.wait(std::chrono::seconds(20)) == 0);
}
