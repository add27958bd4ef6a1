// End to end: the real window under Xvfb, driven by real mouse and keyboard events (xdotool's XTEST),
// judged by what it saved.

#include "view/camera.h"
#include "render/image.h"
#include "scene/scene_file.h"
#include "support/test_support.h"

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

// Where a window pixel is in the plane, from the plot geometry the app reported.
std::pair<double, double> toWorld(const json& state, double px, double py) {
    const json& plot = state["plot"];
    const json& view = state["view"];
    const double xMin = view["xMin"], xMax = view["xMax"], yMin = view["yMin"], yMax = view["yMax"];
    return {xMin + (px - plot["x"].get<double>()) / plot["width"].get<double>() * (xMax - xMin),
            yMax - (py - plot["y"].get<double>()) / plot["height"].get<double>() * (yMax - yMin)};
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
    REQUIRE(waitForWindow(statePath));
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
    REQUIRE(waitForWindow(statePath));
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
    REQUIRE(waitForWindow(statePath));

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

namespace {

// A mouse drag with the button held, in small moves the way a hand makes them.
void dragMouse(int fromX, int fromY, int toX, int toY, int button = 1) {
    xdotool("mousemove " + std::to_string(fromX) + " " + std::to_string(fromY));
    pause(300);
    xdotool("mousedown " + std::to_string(button));
    pause(200);
    for (int i = 1; i <= 12; ++i) {
        xdotool("mousemove " + std::to_string(fromX + (toX - fromX) * i / 12) + " " +
                std::to_string(fromY + (toY - fromY) * i / 12));
        pause(40);
    }
    pause(200);
    xdotool("mouseup " + std::to_string(button));
    pause(300);
}

// Presses S and waits for the state file it writes.
json screenshotAndReport(const std::string& statePath) {
    const std::string previous = readState(statePath).value("screenshot", "");
    xdotool("key s");
    REQUIRE(waitUntil([&] { return readState(statePath).value("screenshot", "") != previous; },
                      std::chrono::seconds(20)));
    return readState(statePath);
}

OrbitCamera cameraOf(const json& state) {
    const json& c = state["camera"];
    OrbitCamera camera;
    camera.yaw = c["yaw"], camera.pitch = c["pitch"], camera.distance = c["distance"];
    camera.targetX = c["target"][0], camera.targetY = c["target"][1], camera.targetZ = c["target"][2];
    camera.fieldOfView = c["fieldOfView"];
    return camera;
}

}  // namespace

TEST_CASE(
    "in the surface view, a drag orbits the camera and a start point dragged on the surface lands "
    "where the mouse ray meets it") {
    REQUIRE(std::getenv("DISPLAY") != nullptr);
    const std::string dir = temporaryDirectory("surface");
    const std::string statePath = dir + "/state.json";
    Process app({executable(), "--view", "surface", "--state-file", statePath, "--screenshot-dir", dir});
    REQUIRE(waitForWindow(statePath));
    // P hides the plots panel: the surface gets the whole height.
    xdotool("key p");
    // Keys act at the end of a frame: the next frames lay the surface out over the whole height.
    pause(300);
    // The first state may come before the surface's grid is sampled; the next screenshot has it.
    const json before = screenshotAndReport(statePath);
    REQUIRE(before["views"]["mode"] == "surface");
    REQUIRE(before["views"]["plots"] == false);
    const json& area = before["surfaceArea"];
    const int left = area["x"], top = area["y"], width = area["width"], height = area["height"];
    REQUIRE(width > 400);
    REQUIRE(height > 400);
    REQUIRE(before["optimizers"][2].contains("startSurfacePixel"));

    // Orbit: a left drag on the background, away from the start handles, turns the camera.
    const OrbitCamera camera0 = cameraOf(before);
    const int fromX = left + width / 2, fromY = top + height - 60;
    const double handleX0 = before["optimizers"][2]["startSurfacePixel"][0],
                 handleY0 = before["optimizers"][2]["startSurfacePixel"][1];
    REQUIRE(std::hypot(handleX0 - fromX, handleY0 - fromY) > 40);
    dragMouse(fromX, fromY, fromX + 150, fromY - 40);
    const json orbited = screenshotAndReport(statePath);
    const OrbitCamera camera1 = cameraOf(orbited);
    CHECK(std::abs(camera1.yaw - camera0.yaw) > 0.5);
    CHECK(camera1.pitch < camera0.pitch - 0.1);
    CHECK(camera1.distance == doctest::Approx(camera0.distance));
    // Orbiting moves no start point.
    CHECK(orbited["optimizers"][2]["start"] == before["optimizers"][2]["start"]);

    // Drag the shared start along the surface: it lands where the ray through the release pixel meets the
    // surface, computed here from the camera, the view's rectangle and the grid the app reported.
    const double handleX = orbited["optimizers"][2]["startSurfacePixel"][0],
                 handleY = orbited["optimizers"][2]["startSurfacePixel"][1];
    const int grabX = static_cast<int>(std::lround(handleX)), grabY = static_cast<int>(std::lround(handleY));
    const int toX = grabX + 120, toY = grabY + 70;
    const json& g = orbited["surfaceGrid"];
    const Grid grid = sampleGrid(makeLandscape("rosenbrock"), {g["xMin"], g["xMax"], g["yMin"], g["yMax"]},
                                 g["width"], g["height"]);
    const Viewport viewport{double(left), double(top), double(width), double(height)};
    const auto expected =
        pickSurface(grid, SurfaceMapping::of(grid, false), pixelRay(camera1, viewport, toX, toY));
    REQUIRE(orbited["surfaceArea"] == before["surfaceArea"]);
    REQUIRE(expected);
    dragMouse(grabX, grabY, toX, toY);
    const json after = screenshotAndReport(statePath);
    const json& moved = after["optimizers"][2];
    const double cell = (grid.box.width() / grid.width + grid.box.height() / grid.height) / 2;
    CHECK(std::abs(moved["start"][0].get<double>() - expected->x()) < 3 * cell);
    CHECK(std::abs(moved["start"][1].get<double>() - expected->y()) < 3 * cell);
    // And it appears under the pixel where the mouse let go.
    CHECK(std::abs(moved["startSurfacePixel"][0].get<double>() - toX) < 3);
    CHECK(std::abs(moved["startSurfacePixel"][1].get<double>() - toY) < 3);
    // All three follow the shared start; their paths start there.
    for (const json& o : after["optimizers"]) {
        CHECK(o["start"] == moved["start"]);
        CHECK(o["firstPoint"] == moved["start"]);
    }

    // The wheel zooms in; V cycles the views (surface -> both).
    xdotool("mousemove " + std::to_string(left + width / 2) + " " + std::to_string(top + height / 2));
    pause(200);
    xdotool("click --repeat 3 --delay 80 4");
    pause(300);
    xdotool("key v");
    pause(300);
    const json zoomed = screenshotAndReport(statePath);
    CHECK(cameraOf(zoomed).distance < 0.8 * camera1.distance);
    CHECK(zoomed["views"]["mode"] == "both");
    CHECK(zoomed["surfaceArea"]["width"].get<int>() < width * 0.7);
    xdotool("key ctrl+q");
    CHECK(app.wait(std::chrono::seconds(20)) == 0);
}

TEST_CASE("overlay keys toggle each overlay, the Taylor centre drags with the mouse, and P hides the plots") {
    REQUIRE(std::getenv("DISPLAY") != nullptr);
    const std::string dir = temporaryDirectory("overlays");
    const std::string statePath = dir + "/state.json";
    Process app({executable(), "--state-file", statePath, "--screenshot-dir", dir});
    REQUIRE(waitForWindow(statePath));
    // Space pauses the race so the Taylor centre (placed at the first iterate) stays put on screen.
    xdotool("mousemove 900 300");
    xdotool("key space g d h t p");
    pause(300);
    const json on = screenshotAndReport(statePath);
    const json& overlays = on["views"]["overlays"];
    CHECK(overlays["gradientField"] == true);
    CHECK(overlays["stepParts"] == true);
    CHECK(overlays["hessianAtHover"] == true);
    CHECK(overlays["taylorModel"] == true);
    CHECK(on["views"]["plots"] == false);

    // Drag the Taylor centre's diamond 80 px right and 50 px up: the centre follows the mouse.
    const json& plot = on["plot"];
    const json& view = on["view"];
    const double xMin = view["xMin"], xMax = view["xMax"], yMin = view["yMin"], yMax = view["yMax"];
    const double cx = overlays["taylorCentre"][0], cy = overlays["taylorCentre"][1];
    const int px = static_cast<int>(
        std::lround(plot["x"].get<double>() + (cx - xMin) / (xMax - xMin) * plot["width"].get<double>()));
    const int py = static_cast<int>(
        std::lround(plot["y"].get<double>() + (yMax - cy) / (yMax - yMin) * plot["height"].get<double>()));
    dragMouse(px, py, px + 80, py - 50);
    const json dragged = screenshotAndReport(statePath);
    const auto [expectedX, expectedY] = toWorld(dragged, px + 80, py - 50);
    const double pixel = (xMax - xMin) / plot["width"].get<double>();
    CHECK(std::abs(dragged["views"]["overlays"]["taylorCentre"][0].get<double>() - expectedX) <= 1.5 * pixel);
    CHECK(std::abs(dragged["views"]["overlays"]["taylorCentre"][1].get<double>() - expectedY) <= 1.5 * pixel);
    // The drag moved the centre, not a start point, and did not pan.
    CHECK(dragged["optimizers"][0]["start"] == on["optimizers"][0]["start"]);
    CHECK(dragged["view"] == on["view"]);

    xdotool("key g d h t p");
    pause(300);
    const json off = screenshotAndReport(statePath);
    CHECK(off["views"]["overlays"]["gradientField"] == false);
    CHECK(off["views"]["overlays"]["stepParts"] == false);
    CHECK(off["views"]["overlays"]["hessianAtHover"] == false);
    CHECK(off["views"]["overlays"]["taylorModel"] == false);
    CHECK(off["views"]["plots"] == true);
    xdotool("key ctrl+q");
    CHECK(app.wait(std::chrono::seconds(20)) == 0);
}

namespace {

// Presses keys, waits for the frames that act on them, then reports.
json pressAndReport(const std::string& statePath, const std::string& keys) {
    xdotool("key --delay 60 " + keys);
    pause(400);
    return screenshotAndReport(statePath);
}

int widthOf(const json& state, const std::string& control) {
    return state["controls"][control]["width"].get<int>();
}

// Opens the path dialog with a shortcut, types the path and confirms it.
json waitForStatus(const std::string& statePath, const std::string& text) {
    REQUIRE_MESSAGE(
        waitUntil([&] { return readState(statePath).value("status", "").find(text) != std::string::npos; },
                  std::chrono::seconds(20)),
        readState(statePath).value("status", ""));
    return readState(statePath);
}

}  // namespace

TEST_CASE("presentation keys: the UI scale grows the panel, themes cycle, Help opens, Tab hides the panels") {
    REQUIRE(std::getenv("DISPLAY") != nullptr);
    const std::string dir = temporaryDirectory("presentation");
    const std::string statePath = dir + "/state.json";
    Process app({executable(), "--width", "1280", "--height", "800", "--state-file", statePath,
                 "--screenshot-dir", dir});
    REQUIRE(waitForWindow(statePath));
    xdotool("mousemove 900 300");

    const json one = screenshotAndReport(statePath);
    CHECK(one["views"]["presentation"]["uiScale"] == 1.0);
    CHECK(widthOf(one, "control-panel") == 380);
    const int radioWidth = widthOf(one, "view-Contour");

    // Four steps of a quarter: 2x. Widgets (the font and the style) double; the panel would be 760 px
    // wide but never takes more than 40% of the window.
    const json two = pressAndReport(statePath, "ctrl+equal ctrl+equal ctrl+equal ctrl+equal");
    CHECK(two["views"]["presentation"]["uiScale"] == 2.0);
    CHECK(widthOf(two, "control-panel") == 512);
    CHECK(widthOf(two, "view-Contour") == doctest::Approx(2.0 * radioWidth).epsilon(0.1));
    CHECK(two["controls"]["help"]["height"].get<int>() ==
          doctest::Approx(2.0 * one["controls"]["help"]["height"].get<int>()).epsilon(0.1));
    // The views start right of the panel.
    CHECK(two["plotWindow"]["x"] == 512);

    const json back = pressAndReport(statePath, "ctrl+minus ctrl+minus ctrl+minus ctrl+minus ctrl+minus");
    CHECK(back["views"]["presentation"]["uiScale"] == 1.0);
    CHECK(widthOf(back, "control-panel") == 380);
    CHECK(widthOf(back, "view-Contour") == radioWidth);

    // C cycles the themes, and back round to dark.
    CHECK(pressAndReport(statePath, "c")["views"]["presentation"]["theme"] == "high-contrast");
    CHECK(pressAndReport(statePath, "c")["views"]["presentation"]["theme"] == "colour-blind-safe");
    CHECK(pressAndReport(statePath, "c")["views"]["presentation"]["theme"] == "dark");

    // F1 opens the help window over the middle of the window, and closes it; so does ?.
    const json help = pressAndReport(statePath, "F1");
    CHECK(help["views"]["presentation"]["helpOpen"] == true);
    REQUIRE(help["controls"].contains("help-window"));
    const json& r = help["controls"]["help-window"];
    CHECK(r["width"].get<int>() > 300);
    CHECK(r["height"].get<int>() > 300);
    CHECK(r["x"].get<int>() >= 0);
    CHECK(r["y"].get<int>() >= 0);
    CHECK(r["x"].get<int>() + r["width"].get<int>() <= 1280);
    CHECK(r["y"].get<int>() + r["height"].get<int>() <= 800);
    const json closed = pressAndReport(statePath, "F1");
    CHECK(closed["views"]["presentation"]["helpOpen"] == false);
    CHECK(!closed["controls"].contains("help-window"));
    CHECK(pressAndReport(statePath, "question")["views"]["presentation"]["helpOpen"] == true);
    pressAndReport(statePath, "question");

    // Tab hides the panels: the views take the whole width, and with P the whole window.
    const json hidden = pressAndReport(statePath, "Tab");
    CHECK(hidden["views"]["presentation"]["panelsHidden"] == true);
    CHECK(hidden["plotWindow"]["x"] == 0);
    CHECK(hidden["plotWindow"]["y"] == 0);
    CHECK(hidden["plotWindow"]["width"] == 1280);
    CHECK(!hidden["controls"].contains("control-panel"));
    const json full = pressAndReport(statePath, "p");
    CHECK(full["plotWindow"] == json({{"x", 0}, {"y", 0}, {"width", 1280}, {"height", 800}}));
    const json shown = pressAndReport(statePath, "Tab p");
    CHECK(shown["views"]["presentation"]["panelsHidden"] == false);
    CHECK(shown["plotWindow"]["x"] == 380);
    xdotool("key ctrl+q");
    CHECK(app.wait(std::chrono::seconds(20)) == 0);
}

TEST_CASE("F11 makes the window fill the screen, and gives back its size") {
    REQUIRE(std::getenv("DISPLAY") != nullptr);
    const CommandResult geometry = run("xdotool getdisplaygeometry");
    REQUIRE(geometry.exitStatus == 0);
    int screenWidth = 0, screenHeight = 0;
    std::istringstream(geometry.output) >> screenWidth >> screenHeight;
    REQUIRE(screenWidth > 900);
    REQUIRE(screenHeight > 600);
    const std::string dir = temporaryDirectory("fullscreen");
    const std::string statePath = dir + "/state.json";
    Process app({executable(), "--width", "900", "--height", "600", "--state-file", statePath,
                 "--screenshot-dir", dir});
    REQUIRE(waitForWindow(statePath));
    const json windowed = screenshotAndReport(statePath);
    CHECK(windowed["framebuffer"] == json({{"width", 900}, {"height", 600}}));

    const json full = pressAndReport(statePath, "F11");
    CHECK(full["views"]["presentation"]["fullscreen"] == true);
    CHECK(full["framebuffer"] == json({{"width", screenWidth}, {"height", screenHeight}}));
    // The views grow with it.
    CHECK(full["plotWindow"]["width"].get<int>() == screenWidth - 380);

    const json back = pressAndReport(statePath, "F11");
    CHECK(back["views"]["presentation"]["fullscreen"] == false);
    CHECK(back["framebuffer"] == json({{"width", 900}, {"height", 600}}));
}

TEST_CASE("a scene saved from the window opens again as saved, a corrupt one is refused, 1 opens lesson 1") {
    REQUIRE(std::getenv("DISPLAY") != nullptr);
    const std::string dir = temporaryDirectory("scenes");
    const std::string statePath = dir + "/state.json", scenePath = dir + "/saved.json";
    Process app({executable(), "--state-file", statePath, "--screenshot-dir", dir});
    REQUIRE(waitForWindow(statePath));

    // Pause, turn the gradient field on, save with Ctrl+S.
    xdotool("mousemove 900 300");
    xdotool("key space g");
    pause(300);
    typePathIntoDialog("ctrl+s", scenePath, statePath, "Saved scene to");
    const json savedState = readState(statePath);
    REQUIRE(std::filesystem::exists(scenePath));
    std::ifstream in(scenePath);
    const json saved = json::parse(in);
    CHECK(saved["format"] == "gradscape-scene");
    CHECK(saved["landscape"]["name"] == "rosenbrock");
    CHECK(saved["optimizers"].size() == 3);
    CHECK(saved["views"]["overlays"]["gradientField"] == true);
    CHECK(saved["race"]["playing"] == false);
    const int savedSteps = saved["race"]["steps"];

    // Change the views and play on.
    xdotool("key g p v space");
    pause(500);
    const json changed = screenshotAndReport(statePath);
    CHECK(changed["views"]["overlays"]["gradientField"] == false);
    CHECK(changed["views"]["mode"] == "surface");

    // Open the saved scene: the state is the saved one again.
    typePathIntoDialog("ctrl+o", scenePath, statePath, "Opened scene");
    const json reopened = readState(statePath);
    CHECK(reopened["statusIsError"] == false);
    CHECK(reopened["views"]["overlays"]["gradientField"] == true);
    CHECK(reopened["views"]["plots"] == true);
    CHECK(reopened["views"]["mode"] == "contour");
    CHECK(reopened["playing"] == false);
    CHECK(reopened["stepCount"] == savedSteps);
    REQUIRE(reopened["optimizers"].size() == 3);
    for (size_t i = 0; i < 3; ++i) {
        CHECK(reopened["optimizers"][i]["kind"] == saved["optimizers"][i]["kind"]);
        CHECK(reopened["optimizers"][i]["start"] == saved["optimizers"][i]["start"]);
        CHECK(reopened["optimizers"][i]["learningRate"] == saved["optimizers"][i]["hyperparameters"]["lr"]);
    }

    // A corrupt file is refused with its path and reason; nothing changes.
    json corrupt = saved;
    corrupt["optimizers"][1]["hyperparameters"]["lr"] = -1;
    std::ofstream(dir + "/corrupt.json") << corrupt.dump(2);
    typePathIntoDialog("ctrl+o", dir + "/corrupt.json", statePath, "corrupt.json: /optimizers/1");
    const json refused = readState(statePath);
    CHECK(refused["statusIsError"] == true);
    CHECK(refused["status"].get<std::string>().find("corrupt.json: /optimizers/1/hyperparameters/lr: "
                                                    "learning rate must be in (0, 1000], got -1") !=
          std::string::npos);
    CHECK(refused["views"] == reopened["views"]);
    CHECK(refused["landscape"] == reopened["landscape"]);
    CHECK(refused["optimizers"].size() == 3);
    CHECK(refused["stepCount"] == reopened["stepCount"]);

    // Key 1 opens the first lesson: its landscape, parameters and racers, in the room's theme (C chose
    // high contrast just before).
    const Scene lesson = loadScene(std::string(GRADSCAPE_ASSETS_DIR) + "/lessons/01-gd-learning-rate.json");
    xdotool("key c");
    pause(300);
    xdotool("key 1");
    const json first = waitForStatus(statePath, "Opened lesson");
    CHECK(first["views"]["presentation"]["theme"] == "high-contrast");
    CHECK(first["lessonTitle"] == lesson.lesson.title);
    CHECK(first["landscape"] == lesson.landscape);
    CHECK(first["landscapeParameters"]["kappa"] == lesson.landscapeParameters.at("kappa"));
    REQUIRE(first["optimizers"].size() == lesson.optimizers.size());
    for (size_t i = 0; i < lesson.optimizers.size(); ++i) {
        CHECK(first["optimizers"][i]["kind"] == lesson.optimizers[i].kind);
        CHECK(first["optimizers"][i]["learningRate"] == lesson.optimizers[i].hyperparameters.learningRate);
    }
    xdotool("key ctrl+q");
    CHECK(app.wait(std::chrono::seconds(20)) == 0);
}

TEST_CASE("the contours-of switch shows the data loss alone or with its penalty, and is saved") {
    REQUIRE(std::getenv("DISPLAY") != nullptr);
    const std::string dir = temporaryDirectory("contours-of");
    const std::string statePath = dir + "/state.json", scenePath = dir + "/lasso.json";
    Scene lasso;
    lasso.landscape = "linreg";
    lasso.regularization = {0, 0.2};
    lasso.showConstraintRegion = true;
    lasso.optimizers = {defaultSettings("gd", Vec2(1.5, 1.5))};
    lasso.optimizers[0].id = 1;
    lasso.view = makeLandscape("linreg")->displayBox();
    saveScene(scenePath, lasso);
    Process app({executable(), "--scene", scenePath, "--state-file", statePath, "--screenshot-dir", dir});
    REQUIRE(waitForWindow(statePath));
    REQUIRE(waitUntil([&] { return readState(statePath)["controls"].contains("contours-data"); },
                      std::chrono::seconds(20)));
    const json before = screenshotAndReport(statePath);
    CHECK(before["contours"] == "total");
    const json data = clickControlAndReport(statePath, "contours-data");
    CHECK(data["contours"] == "data");
    const json total = clickControlAndReport(statePath, "contours-total");
    CHECK(total["contours"] == "total");
    // The data loss's contours are another picture; back on loss + penalty it is the first again.
    const Image first = readPng(before["screenshot"]), second = readPng(data["screenshot"]),
                third = readPng(total["screenshot"]);
    CHECK(samePixelShare(first, second) < 0.7);
    CHECK(samePixelShare(first, third) > 0.95);
    xdotool("key ctrl+q");
    CHECK(app.wait(std::chrono::seconds(20)) == 0);
}
