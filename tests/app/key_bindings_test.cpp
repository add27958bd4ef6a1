// The key table the handler and the Help window share, the UI scale's steps and the themes' colours.

#include "key_bindings.h"
#include "theme.h"

#include <GLFW/glfw3.h>
#include <doctest/doctest.h>

#include <set>
#include <string>
#include <utility>

using namespace gradscape;

TEST_CASE("no two bindings share a key, and every binding names its key and says what it does") {
    std::set<std::pair<int, int>> keys;
    for (const KeyBinding& b : keyBindings()) {
        INFO(b.keyName);
        CHECK(keys.insert({b.key, b.mods}).second);
        REQUIRE(b.keyName != nullptr);
        REQUIRE(b.description != nullptr);
        CHECK(std::string(b.keyName).size() > 0);
        CHECK(std::string(b.description).size() > 5);
    }
}

TEST_CASE("every action has a key") {
    for (int a = 0; a < kActionCount; ++a) {
        bool bound = false;
        for (const KeyBinding& b : keyBindings())
            bound |= static_cast<int>(b.action) == a;
        INFO("action " << a);
        CHECK(bound);
    }
}

TEST_CASE("scenes and lessons have their keys: Ctrl+O, Ctrl+S, L and 1-9") {
    CHECK(actionForKey({GLFW_KEY_O, GLFW_MOD_CONTROL}, false) == Action::OpenScene);
    CHECK(actionForKey({GLFW_KEY_S, GLFW_MOD_CONTROL}, true) == Action::SaveScene);
    CHECK(actionForKey({GLFW_KEY_L, 0}, false) == Action::LessonBrowser);
    for (int key = GLFW_KEY_1; key <= GLFW_KEY_9; ++key) {
        CHECK(actionForKey({key, 0}, false) == Action::OpenLesson);
        CHECK(lessonNumber({key, 0}) == key - GLFW_KEY_1 + 1);
    }
    CHECK(lessonNumber({GLFW_KEY_0, 0}) == 0);
    // Ctrl+0 resets the UI scale; it is not a lesson.
    CHECK(actionForKey({GLFW_KEY_0, GLFW_MOD_CONTROL}, false) == Action::ScaleReset);
}

TEST_CASE("a press finds its action: Control must match, Shift only where asked for") {
    CHECK(actionForKey({GLFW_KEY_Q, GLFW_MOD_CONTROL}, false) == Action::Quit);
    CHECK(!actionForKey({GLFW_KEY_Q, 0}, false));
    CHECK(actionForKey({GLFW_KEY_S, 0}, false) == Action::Screenshot);
    CHECK(!actionForKey({GLFW_KEY_S, GLFW_MOD_CONTROL | GLFW_MOD_ALT}, false));
    CHECK(actionForKey({GLFW_KEY_SPACE, GLFW_MOD_SHIFT}, false) == Action::PlayPause);
    CHECK(actionForKey({GLFW_KEY_SLASH, GLFW_MOD_SHIFT}, false) == Action::Help);
    CHECK(!actionForKey({GLFW_KEY_SLASH, 0}, false));
    CHECK(actionForKey({GLFW_KEY_F1, 0}, false) == Action::Help);
    // Ctrl++ is Ctrl+Shift+= on most layouts.
    CHECK(actionForKey({GLFW_KEY_EQUAL, GLFW_MOD_CONTROL | GLFW_MOD_SHIFT}, false) == Action::ScaleUp);
    CHECK(actionForKey({GLFW_KEY_MINUS, GLFW_MOD_CONTROL}, false) == Action::ScaleDown);
}

TEST_CASE("while typing only Control keys act") {
    CHECK(!actionForKey({GLFW_KEY_S, 0}, true));
    CHECK(!actionForKey({GLFW_KEY_TAB, 0}, true));
    CHECK(actionForKey({GLFW_KEY_Q, GLFW_MOD_CONTROL}, true) == Action::Quit);
    CHECK(actionForKey({GLFW_KEY_EQUAL, GLFW_MOD_CONTROL}, true) == Action::ScaleUp);
}

TEST_CASE("the UI scale steps by a quarter between 1x and 3x") {
    CHECK(Presentation::steppedUiScale(1, 1) == 1.25);
    CHECK(Presentation::steppedUiScale(1, -1) == 1);
    CHECK(Presentation::steppedUiScale(2.9, 1) == 3);
    CHECK(Presentation::steppedUiScale(3, 1) == 3);
    CHECK(Presentation::steppedUiScale(1.6, 0) == 1.5);
    CHECK(Presentation::steppedUiScale(10, 0) == 3);
}

namespace {

struct Rgb {
    int r, g, b;
};
Rgb rgbOf(ImU32 c) {
    return {int(c >> IM_COL32_R_SHIFT & 0xFF), int(c >> IM_COL32_G_SHIFT & 0xFF),
            int(c >> IM_COL32_B_SHIFT & 0xFF)};
}
// Reddish: red well above green and blue; greenish: green well above red and the strongest channel.
bool reddish(Rgb c) {
    return c.r > c.g + 60 && c.r > c.b + 60;
}
bool greenish(Rgb c) {
    return c.g > c.r + 60 && c.g >= c.b;
}

}  // namespace

TEST_CASE("the colour-blind-safe theme marks good and bad in blue and orange, never red and green") {
    const Look l = makeLook(Theme::ColourBlindSafe, 1);
    const Rgb safe = rgbOf(l.safe), unsafe = rgbOf(l.unsafe), error = rgbOf(l.errorU32());
    CHECK(safe.b > safe.r);
    CHECK(safe.b > safe.g);
    CHECK(!greenish(safe));
    CHECK(unsafe.r > unsafe.g);
    CHECK(unsafe.g > unsafe.b);  // orange, not red
    CHECK(error.g > error.b + 60);
    CHECK(!(reddish(rgbOf(l.weightDecay)) && greenish(rgbOf(l.momentum))));
    // The dark theme, for contrast, does use green and red on the learning-rate slider.
    const Look dark = makeLook(Theme::Dark, 1);
    CHECK(greenish(rgbOf(dark.safe)));
    CHECK(reddish(rgbOf(dark.unsafe)));
}

TEST_CASE("the high-contrast theme draws thicker lines, and sizes follow the UI scale") {
    const Look dark = makeLook(Theme::Dark, 2), high = makeLook(Theme::HighContrast, 2);
    CHECK(dark.px(10) == 20);
    CHECK(dark.line(2) == 4);
    CHECK(high.line(2) > dark.line(2));
    CHECK(rgbOf(high.viewBackground).r == 0);
    CHECK(rgbOf(high.axis).r == 255);
    // Its path colours differ from the dark theme's and are fully saturated (one channel at 255).
    for (size_t i = 0; i < high.paths.size(); ++i) {
        const Rgb c = rgbOf(high.paths[i]);
        CHECK((c.r == 255 || c.g == 255 || c.b == 255));
    }
    CHECK(high.paths != dark.paths);
}
