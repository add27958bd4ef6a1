// End to end: the window's modal dialogs (the lesson browser, the File dialogs) never abort it. With
// ImGui 1.86, Tab (hide the panels), L (the browser) and Tab again failed the assertion
// `blocking_modal != NULL` in ImGui::Begin (issue 11, item 5): the modal had been opened inside the
// control panel and stayed on ImGui's popup stack, undrawn, while the panel was hidden.

#include "support/test_support.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <functional>

using namespace gradscape::testing;
using nlohmann::json;

namespace {

bool shown(const json& state, const std::string& control) {
    return state["controls"].contains(control);
}

bool panelsHidden(const json& state) {
    return state["views"]["presentation"]["panelsHidden"].get<bool>();
}

}  // namespace

TEST_CASE("Tab, a modal dialog, then Tab again: the window goes on and the dialog still answers") {
    REQUIRE(std::getenv("DISPLAY") != nullptr);
    const std::string dir = temporaryDirectory("window-modal");
    const std::string statePath = dir + "/state.json";
    Process app({executable(), "--width", "1280", "--height", "800", "--state-file", statePath,
                 "--screenshot-dir", dir, "--landscape", "quadratic"});
    REQUIRE(waitForWindow(statePath));
    xdotool("mousemove 900 300");

    SUBCASE("the lesson browser") {
        xdotool("key Tab");
        REQUIRE(stateShows(statePath, panelsHidden));
        // L with the panels hidden opens the browser over the views.
        xdotool("key l");
        REQUIRE(stateShows(statePath, [](const json& s) { return shown(s, "lesson-browser"); }));
        xdotool("key Tab");
        REQUIRE(stateShows(statePath, [](const json& s) { return !panelsHidden(s); }));
        REQUIRE(app.running());
        // The other order: the panels hidden and shown again under the open browser.
        xdotool("key Tab");
        REQUIRE(stateShows(statePath, panelsHidden));
        xdotool("key Tab");
        REQUIRE(stateShows(statePath, [](const json& s) { return !panelsHidden(s) && shown(s, "lesson-browser"); }));
        REQUIRE(app.running());
        // It still answers: 1 opens the first lesson and closes the browser.
        xdotool("key 1");
        REQUIRE(stateShows(statePath, [](const json& s) {
            return !shown(s, "lesson-browser") && s["lessonTitle"].get<std::string>() != "";
        }));
        CHECK(statusIn(statePath).find("Opened lesson") != std::string::npos);
    }

    SUBCASE("the Open dialog, clicked outside its path field") {
        xdotool("key Tab");
        REQUIRE(stateShows(statePath, panelsHidden));
        xdotool("key ctrl+o");
        REQUIRE(stateShows(statePath, [](const json& s) { return shown(s, "open-dialog"); }));
        xdotool("mousemove 1000 700");
        pause(200);
        xdotool("click 1");  // the path field lets go of the keyboard: Tab is the window's again
        pause(300);
        xdotool("key Tab");
        REQUIRE(stateShows(statePath, [](const json& s) { return !panelsHidden(s) && shown(s, "open-dialog"); }));
        REQUIRE(app.running());
        // ImGui's Tab also moved the keyboard into the path field: Escape closes the dialog.
        xdotool("key Escape");
        REQUIRE(stateShows(statePath, [](const json& s) { return !shown(s, "open-dialog"); }));
    }
    REQUIRE(app.running());
}
