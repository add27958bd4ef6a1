// End to end (issue 10): the view box survives narrower views and UI scales, Fit view (F and its
// button) brings back the landscape's box, and the formula box never holds another landscape's formula.

#include "support/test_support.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <thread>
#include <utility>

using namespace gradscape;
using namespace gradscape::testing;
using nlohmann::json;

namespace {

// Presses the keys, then S, and returns the state the screenshot saved with.
json keysThenState(const std::string& statePath, const std::string& keys) {
    if (!keys.empty()) xdotool("key --delay 80 " + keys);
    pause(400);
    const std::string previous = readState(statePath).value("screenshot", "");
    xdotool("key s");
    REQUIRE(waitUntil([&] { return readState(statePath).value("screenshot", "") != previous; },
                      std::chrono::seconds(20)));
    return readState(statePath);
}

void checkSameView(const json& a, const json& b, const std::string& after) {
    CAPTURE(after);
    for (const char* side : {"xMin", "xMax", "yMin", "yMax"}) {
        CAPTURE(side);
        CHECK(a["view"][side].get<double>() == doctest::Approx(b["view"][side].get<double>()).epsilon(1e-9));
    }
}

void clickControl(const json& state, const std::string& name) {
    REQUIRE(state["controls"].contains(name));
    const json& r = state["controls"][name];
    xdotool("mousemove " + std::to_string(r["x"].get<int>() + r["width"].get<int>() / 2) + " " +
               std::to_string(r["y"].get<int>() + r["height"].get<int>() / 2));
    pause(200);
    xdotool("click 1");
    pause(300);
}

}  // namespace

TEST_CASE("the zoom survives Both -> Contour and a UI scale and back; F and the Fit view button fit the "
          "landscape") {
    REQUIRE(std::getenv("DISPLAY") != nullptr);
    const std::string dir = temporaryDirectory("window-view");
    const std::string statePath = dir + "/state.json";
    Process app({executable(), "--width", "1280", "--height", "800", "--landscape", "quadratic",
                 "--state-file", statePath, "--screenshot-dir", dir});
    REQUIRE(waitForWindow(statePath));
    const json opened = keysThenState(statePath, "");

    // Zoom in about a point off centre, so the box is neither the landscape's nor centred.
    xdotool("mousemove 900 300");
    pause(200);
    xdotool("click --repeat 3 --delay 80 4");
    const json zoomed = keysThenState(statePath, "");
    const double openedWidth = opened["view"]["xMax"].get<double>() - opened["view"]["xMin"].get<double>();
    const double zoomedWidth = zoomed["view"]["xMax"].get<double>() - zoomed["view"]["xMin"].get<double>();
    CHECK(zoomedWidth < 0.8 * openedWidth);

    // V cycles Contour -> Surface -> Both -> Contour: the narrower contour view in Both changed the zoom.
    checkSameView(keysThenState(statePath, "v v v"), zoomed, "V V V");
    // 2x (the panel is wider, the plot narrower) and back.
    // At 2x the plot has another shape, so the box is fitted to it about the same centre.
    const json two = keysThenState(statePath, "ctrl+equal ctrl+equal ctrl+equal ctrl+equal");
    CHECK(two["views"]["presentation"]["uiScale"] == 2.0);
    for (const auto& [lo, hi] : {std::pair{"xMin", "xMax"}, std::pair{"yMin", "yMax"}})
        CHECK(two["view"][lo].get<double>() + two["view"][hi].get<double>() ==
              doctest::Approx(zoomed["view"][lo].get<double>() + zoomed["view"][hi].get<double>()));
    const json back = keysThenState(statePath, "ctrl+minus ctrl+minus ctrl+minus ctrl+minus");
    CHECK(back["views"]["presentation"]["uiScale"] == 1.0);
    checkSameView(back, zoomed, "2x and back");

    // F fits the landscape's display box (the start is inside it): the view it opened on.
    checkSameView(keysThenState(statePath, "f"), opened, "F");
    // Zoom again, then the button.
    xdotool("mousemove 900 300");
    pause(200);
    xdotool("click --repeat 2 --delay 80 5");
    CHECK(keysThenState(statePath, "")["view"] != opened["view"]);
    clickControl(back, "fit-view");
    checkSameView(keysThenState(statePath, ""), opened, "the Fit view button");
    xdotool("key ctrl+q");
    CHECK(app.wait(std::chrono::seconds(20)) == 0);
}

TEST_CASE("on a built-in landscape the formula box holds no other landscape's formula: Enter there keeps it") {
    REQUIRE(std::getenv("DISPLAY") != nullptr);
    const std::string dir = temporaryDirectory("window-formula-box");
    const std::string statePath = dir + "/state.json";
    Process app({executable(), "--width", "1280", "--height", "800", "--landscape", "quadratic",
                 "--state-file", statePath, "--screenshot-dir", dir});
    REQUIRE(waitForWindow(statePath));
    const json opened = keysThenState(statePath, "");
    REQUIRE(opened["landscape"] == "quadratic");
    // Enter in the box applies what it holds: Rosenbrock's formula once stood there on every landscape.
    clickControl(opened, "formula");
    xdotool("key Return");
    pause(400);
    // A click on the status line takes the keyboard from the box, so S is a key again.
    xdotool("mousemove 640 790");
    pause(200);
    xdotool("click 1");
    pause(400);
    const json after = keysThenState(statePath, "");
    CHECK(after["landscape"] == "quadratic");
    xdotool("key ctrl+q");
    CHECK(app.wait(std::chrono::seconds(20)) == 0);
}
