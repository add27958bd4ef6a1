// End to end: typed values in the real window under Xvfb (xdotool), judged by the state file. Typed values
// apply when typing ends; a refusal leaves the status line once a good value is in; a form switch stays as
// chosen; starts can be typed exactly.

#include "support/test_support.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <thread>

using namespace gradscape::testing;
using nlohmann::json;

namespace {

// Presses S (screenshot) and waits for the state file it writes.
json report(const std::string& statePath) {
    const std::string previous = readState(statePath).value("screenshot", "");
    xdotool("key s");
    REQUIRE(waitUntil([&] { return readState(statePath).value("screenshot", "") != previous; },
                      std::chrono::seconds(20)));
    return readState(statePath);
}

// Clicks the middle of a control the app recorded in its state file (ctrl held: Ctrl+click).
void click(const json& state, const std::string& control, bool ctrl = false) {
    REQUIRE_MESSAGE(state["controls"].contains(control), control);
    const json& r = state["controls"][control];
    const int x = r["x"].get<int>() + r["width"].get<int>() / 2, y = r["y"].get<int>() + r["height"].get<int>() / 2;
    xdotool("mousemove " + std::to_string(x) + " " + std::to_string(y));
    pause(300);
    if (ctrl) xdotool("keydown ctrl");
    xdotool("click 1");
    if (ctrl) xdotool("keyup ctrl");
    pause(300);
}

enum class EndTyping { Return, ClickAway };

// Types into a text field (or a slider in Ctrl+click text mode) key by key, slowly enough that the window
// draws a frame after each key, then ends the typing: Return, or a click on the status line (focus leaves).
void typeSlowly(const std::string& text, EndTyping end = EndTyping::Return) {
    xdotool("key ctrl+a");
    for (char c : text) {
        xdotool(std::string("type -- '") + c + "'");  // -- : a lone - would mean stdin
        pause(120);
    }
    if (end == EndTyping::Return) {
        // Held over a frame: ImGui 1.86 reads key state per frame, so a press and release between two
        // frames would go unseen.
        xdotool("keydown Return");
        pause(100);
        xdotool("keyup Return");
    } else {
        xdotool("mousemove 640 790");
        pause(200);
        xdotool("click 1");
    }
    pause(800);
}

// Scrolls the control panel until `control` lies wholly inside it, and returns the state then.
json reveal(const std::string& statePath, const std::string& control) {
    json state = report(statePath);
    for (int i = 0; i < 30; ++i) {
        REQUIRE_MESSAGE(state["controls"].contains(control), control);
        const json& panel = state["controls"]["control-panel"];
        const json& r = state["controls"][control];
        const int top = panel["y"].get<int>() + 30, bottom = panel["y"].get<int>() + panel["height"].get<int>() - 30;
        const int y = r["y"].get<int>();
        if (y >= top && y + r["height"].get<int>() <= bottom) {
            // A scroll lands over the next frames: wait until the control stays put between two reports.
            const json again = report(statePath);
            if (again["controls"][control] == r) return again;
            state = again;
            continue;
        }
        xdotool("mousemove " + std::to_string(panel["x"].get<int>() + panel["width"].get<int>() / 2) + " " +
                std::to_string((top + bottom) / 2));
        pause(150);
        xdotool(std::string("click ") + (y < top ? "4" : "5"));  // wheel up or down
        pause(300);
        state = report(statePath);
    }
    FAIL("cannot scroll " << control << " into view");
    return state;
}

const json& racer(const json& state, int id) {
    for (const json& o : state["optimizers"])
        if (o["id"] == id) return o;
    FAIL("no racer " << id);
    return state;
}

}  // namespace

TEST_CASE("a value typed into a landscape slider applies when typing ends; a refusal clears once a good value is in") {
    REQUIRE(std::getenv("DISPLAY") != nullptr);
    const std::string dir = temporaryDirectory("typed-parameter");
    const std::string statePath = dir + "/state.json";
    Process app({executable(), "--landscape", "linreg", "--optimizer", "gd", "--state-file", statePath,
                 "--screenshot-dir", dir});
    REQUIRE(waitForWindow(statePath));
    const json opened = report(statePath);

    // "0.5" typed key by key: its first key "0" is below the minimum 0.1, and must never be tried.
    click(opened, "parameter/scale", true);
    typeSlowly("0.5");
    json state = report(statePath);
    CHECK(state["landscapeParameters"]["scale"] == doctest::Approx(0.5));
    CHECK_FALSE(state["statusIsError"].get<bool>());

    // A refused value says why (beside the control and on the status line, which S then overwrites), and
    // leaves the landscape as it was ...
    click(state, "parameter/scale", true);
    typeSlowly("0");
    state = report(statePath);
    REQUIRE(state["inputErrors"].contains("parameter/scale"));
    CHECK(state["inputErrors"]["parameter/scale"].get<std::string>().find("scale") != std::string::npos);
    CHECK(state["landscapeParameters"]["scale"] == doctest::Approx(0.5));
    // ... until a good value is in: then the error is gone (here typing ends by leaving the field).
    click(state, "parameter/scale", true);
    typeSlowly("0");
    click(state, "parameter/scale", true);
    typeSlowly("3", EndTyping::ClickAway);
    state = report(statePath);
    CHECK(state["landscapeParameters"]["scale"] == doctest::Approx(3));
    CHECK_FALSE(state["inputErrors"].contains("parameter/scale"));

    // A typed learning rate applies when typing ends, not per key ("0.05" would try 0 first).
    state = reveal(statePath, "1/lr/typed");
    click(state, "1/lr/typed");
    typeSlowly("0.05");
    state = report(statePath);
    CHECK(racer(state, 1)["learningRate"] == doctest::Approx(0.05));

    // The status line: a refusal shows there, and a good value typed next takes it away (read at exit,
    // since S would overwrite it).
    state = reveal(statePath, "parameter/scale");
    click(state, "parameter/scale", true);
    typeSlowly("0");
    click(state, "parameter/scale", true);
    typeSlowly("2");
    xdotool("key ctrl+q");
    CHECK(app.wait(std::chrono::seconds(20)) == 0);
    state = readState(statePath);
    CHECK(state["landscapeParameters"]["scale"] == doctest::Approx(2));
    CHECK_FALSE(state["statusIsError"].get<bool>());
    CHECK(state["status"] == "");
}

TEST_CASE("the lecture's EMA form stays ticked when a new momentum is typed") {
    REQUIRE(std::getenv("DISPLAY") != nullptr);
    const std::string dir = temporaryDirectory("ema-form");
    const std::string statePath = dir + "/state.json";
    Process app({executable(), "--landscape", "quadratic", "--optimizer", "momentum", "--state-file", statePath,
                 "--screenshot-dir", dir});
    REQUIRE(waitForWindow(statePath));
    json state = report(statePath);
    CHECK_FALSE(racer(state, 1)["dampeningFollowsMomentum"].get<bool>());
    state = reveal(statePath, "1/ema-form");
    click(state, "1/ema-form");
    state = report(statePath);
    CHECK(racer(state, 1)["dampeningFollowsMomentum"].get<bool>());
    state = reveal(statePath, "1/momentum/typed");
    click(state, "1/momentum/typed");
    typeSlowly("0.8");
    state = report(statePath);
    CHECK(racer(state, 1)["momentum"] == doctest::Approx(0.8));
    CHECK(racer(state, 1)["dampeningFollowsMomentum"].get<bool>());
    xdotool("key ctrl+q");
    CHECK(app.wait(std::chrono::seconds(20)) == 0);
}

TEST_CASE("typed start coordinates: the shared start and a racer's own land exactly where typed") {
    REQUIRE(std::getenv("DISPLAY") != nullptr);
    const std::string dir = temporaryDirectory("typed-start");
    const std::string statePath = dir + "/state.json";
    Process app({executable(), "--landscape", "quadratic", "--optimizer", "gd,momentum", "--state-file",
                 statePath, "--screenshot-dir", dir});
    REQUIRE(waitForWindow(statePath));
    json state = report(statePath);
    click(state, "shared-start/x");
    typeSlowly("0");
    state = report(statePath);
    click(state, "shared-start/y");
    typeSlowly("0");
    state = report(statePath);
    for (const json& o : state["optimizers"]) {  // both follow the shared start
        CHECK(o["start"] == json::array({0.0, 0.0}));
        CHECK(o["firstPoint"] == json::array({0.0, 0.0}));
    }
    // A racer's own start: racer 1 follows, so the shared start and racer 2 move with it.
    state = reveal(statePath, "1/start/y");
    click(state, "1/start/x");
    typeSlowly("0.25");
    // The panel's text rewraps as the numbers change: take the field's place afresh.
    state = reveal(statePath, "1/start/y");
    click(state, "1/start/y");
    typeSlowly("-1.5", EndTyping::ClickAway);
    state = report(statePath);
    for (const json& o : state["optimizers"]) CHECK(o["start"] == json::array({0.25, -1.5}));
    // An absurd coordinate is refused with a message, and the start stays.
    state = reveal(statePath, "1/start/y");
    click(state, "1/start/x");
    typeSlowly("1e9");
    state = report(statePath);
    CHECK(racer(state, 1)["start"] == json::array({0.25, -1.5}));
    REQUIRE(state["inputErrors"].contains("1/start"));
    CHECK(state["inputErrors"]["1/start"].get<std::string>().find("start coordinate must be finite") !=
          std::string::npos);
    xdotool("key ctrl+q");
    CHECK(app.wait(std::chrono::seconds(20)) == 0);
}
