// End to end: the real window under Xvfb, driven by real mouse and keyboard events (xdotool's XTEST),
// judged by what it saved.

#include "image_io.h"
#include "test_support.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

using namespace gradscape;
using namespace gradscape::testing;
using nlohmann::json;

namespace {

json readState(const std::string& path) {
    std::ifstream in(path);
    return json::parse(in, nullptr, false);
}

void xdotool(const std::string& arguments) {
    const CommandResult r = run("xdotool " + arguments);
    INFO(r.output);
    REQUIRE(r.exitStatus == 0);
}

// Where a window pixel is in the plane, from the plot geometry the app reported.
std::pair<double, double> toWorld(const json& state, double px, double py) {
    const json& plot = state["plot"];
    const json& view = state["view"];
    const double xMin = view["xMin"], xMax = view["xMax"], yMin = view["yMin"], yMax = view["yMax"];
    return {xMin + (px - plot["x"].get<double>()) / plot["width"].get<double>() * (xMax - xMin),
            yMax - (py - plot["y"].get<double>()) / plot["height"].get<double>() * (yMax - yMin)};
}

void pause(int ms) {
    std::this_thread::sleep_for(std::chrono::milliseconds(ms));
}

}  // namespace

TEST_CASE(
    "drag a start point with the mouse, press S: the PNG is saved and the path starts where the mouse let "
    "go") {
    REQUIRE_MESSAGE(std::getenv("DISPLAY") != nullptr, "run under xvfb-run");
    const std::string dir = temporaryDirectory("window");
    const std::string statePath = dir + "/state.json";
    Process app({executable(), "--width", "1280", "--height", "800", "--state-file", statePath,
                 "--screenshot-dir", dir});
    REQUIRE(waitUntil([&] { return std::filesystem::exists(statePath); }, std::chrono::seconds(30)));
    json before = readState(statePath);
    REQUIRE(before["optimizers"].size() == 3);
    for (const json& o : before["optimizers"])
        CHECK(o["start"] == json::array({-1.2, 1.0}));

    // The window sits at the screen's origin under a bare X server; its client area is window pixels.
    // The three start handles coincide (a shared start): the mouse grabs the one drawn on top.
    const double handleX = before["optimizers"][2]["startPixel"][0],
                 handleY = before["optimizers"][2]["startPixel"][1];
    const int fromX = static_cast<int>(std::lround(handleX)), fromY = static_cast<int>(std::lround(handleY));
    const int toX = fromX + 240, toY = fromY + 150;
    xdotool("mousemove " + std::to_string(fromX) + " " + std::to_string(fromY));
    pause(300);
    xdotool("mousedown 1");
    pause(200);
    for (int i = 1; i <= 12; ++i) {
        xdotool("mousemove " + std::to_string(fromX + (toX - fromX) * i / 12) + " " +
                std::to_string(fromY + (toY - fromY) * i / 12));
        pause(40);
    }
    pause(200);
    xdotool("mouseup 1");
    pause(300);
    xdotool("key s");
    REQUIRE(waitUntil([&] { return readState(statePath).value("screenshot", "") != ""; },
                      std::chrono::seconds(20)));
    const json after = readState(statePath);

    // The PNG exists and is the plot with its legend: the plot window's size.
    const std::string screenshot = after["screenshot"];
    REQUIRE(std::filesystem::exists(screenshot));
    CHECK(std::filesystem::path(screenshot).filename().string().rfind("gradscape-", 0) == 0);
    const Image image = readPng(screenshot);
    CHECK(image.width == after["plotWindow"]["width"].get<int>());
    CHECK(image.height == after["plotWindow"]["height"].get<int>());

    // The dragged start is where the mouse was released (to within a pixel), and the path starts there.
    const auto [expectedX, expectedY] = toWorld(after, toX, toY);
    const double pixel = (after["view"]["xMax"].get<double>() - after["view"]["xMin"].get<double>()) /
                         after["plot"]["width"].get<double>();
    const json& moved = after["optimizers"][2];
    CHECK(std::abs(moved["start"][0].get<double>() - expectedX) <= 1.5 * pixel);
    CHECK(std::abs(moved["start"][1].get<double>() - expectedY) <= 1.5 * pixel);
    CHECK(moved["firstPoint"] == moved["start"]);
    CHECK(moved["steps"].get<int>() > 0);
    // All three follow the shared start, so they all moved with it, and all their paths start there.
    for (const json& o : after["optimizers"]) {
        CHECK(o["start"] == moved["start"]);
        CHECK(o["firstPoint"] == moved["start"]);
    }

    // Scrolling zooms about the cursor: the view shrinks and the point under the cursor stays put.
    const auto [anchorX, anchorY] = toWorld(after, 900, 300);
    xdotool("mousemove 900 300");
    pause(200);
    xdotool("click --repeat 3 --delay 80 4");
    pause(400);
    xdotool("key ctrl+q");
    CHECK(app.wait(std::chrono::seconds(20)) == 0);
    const json closed = readState(statePath);
    CHECK(closed["view"]["xMax"].get<double>() - closed["view"]["xMin"].get<double>() <
          0.8 * (after["view"]["xMax"].get<double>() - after["view"]["xMin"].get<double>()));
    const auto [stillX, stillY] = toWorld(closed, 900, 300);
    CHECK(std::abs(stillX - anchorX) <= 2 * pixel);
    CHECK(std::abs(stillY - anchorY) <= 2 * pixel);
}

TEST_CASE("SIGTERM closes the window cleanly, saving the state") {
    REQUIRE(std::getenv("DISPLAY") != nullptr);
    const std::string dir = temporaryDirectory("sigterm");
    const std::string statePath = dir + "/state.json";
    Process app({executable(), "--state-file", statePath, "--screenshot-dir", dir});
    REQUIRE(waitUntil([&] { return std::filesystem::exists(statePath); }, std::chrono::seconds(30)));
    std::filesystem::remove(statePath);
    run("pkill -TERM -f -- '--screenshot-dir " + dir + "'");
    CHECK(app.wait(std::chrono::seconds(20)) == 0);
    CHECK(std::filesystem::exists(statePath));
}

namespace {

// Clicks the middle of a control the app reported in its state file, then presses S so it reports again.
json clickControlAndReport(const std::string& statePath, const std::string& control) {
    const json before = readState(statePath);
    REQUIRE_MESSAGE(before["controls"].contains(control), control);
    const json& r = before["controls"][control];
    const int x = r["x"].get<int>() + r["width"].get<int>() / 2,
              y = r["y"].get<int>() + r["height"].get<int>() / 2;
    xdotool("mousemove " + std::to_string(x) + " " + std::to_string(y));
    pause(300);
    xdotool("click 1");
    pause(500);
    const std::string previous = before.value("screenshot", "");
    xdotool("key s");
    REQUIRE(waitUntil([&] { return readState(statePath).value("screenshot", "") != previous; },
                      std::chrono::seconds(20)));
    return readState(statePath);
}

}  // namespace

TEST_CASE("the Add optimizer button adds a racer on the shared start, its Remove button takes it away") {
    REQUIRE(std::getenv("DISPLAY") != nullptr);
    const std::string dir = temporaryDirectory("add-remove");
    const std::string statePath = dir + "/state.json";
    Process app({executable(), "--state-file", statePath, "--screenshot-dir", dir});
    REQUIRE(waitUntil([&] { return std::filesystem::exists(statePath); }, std::chrono::seconds(30)));

    const json added = clickControlAndReport(statePath, "add-optimizer");
    REQUIRE(added["optimizers"].size() == 4);
    const json& racer = added["optimizers"][3];
    CHECK(racer["id"] == 4);
    CHECK(racer["kind"] == "gd");  // the picker's first entry
    CHECK(racer["start"] == json::array({-1.2, 1.0}));
    CHECK(racer["steps"] == added["stepCount"]);  // computed up to the race's step at once

    const json removed = clickControlAndReport(statePath, "remove-4");
    REQUIRE(removed["optimizers"].size() == 3);
    for (const json& o : removed["optimizers"])
        CHECK(o["id"] != 4);
    xdotool("key ctrl+q");
    CHECK(app.wait(std::chrono::seconds(20)) == 0);
}
