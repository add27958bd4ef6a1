// The command line reads view modes, themes, overlays and contour sources by the same names as scene files (one table
// per enumeration, view/view_settings.h), for the window and `render` alike.
#include "cli_parse.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace gradscape;

TEST_CASE("--view takes every view mode by its name, for the window and render") {
    for (const auto& mode : kViewModes) {
        CAPTURE(mode.name);
        const ParsedCommand window = parseCommandLine({"--view", mode.name});
        REQUIRE(window.action == ParsedCommand::Action::Window);
        CHECK(window.window.view == mode.value);
        const ParsedCommand render = parseCommandLine({"render", "--view", mode.name, "--out", "x.png"});
        REQUIRE(render.action == ParsedCommand::Action::Render);
        CHECK(render.render.view == mode.value);
    }
    const ParsedCommand refused = parseCommandLine({"--view", "sideways"});
    CHECK(refused.status == 2);
    CHECK(refused.errors.find("contour,surface,both") != std::string::npos);
}

TEST_CASE("--theme takes every theme by its name") {
    for (const auto& theme : kThemes) {
        CAPTURE(theme.name);
        const ParsedCommand parsed = parseCommandLine({"--theme", theme.name});
        REQUIRE(parsed.action == ParsedCommand::Action::Window);
        CHECK(parsed.window.theme == theme.value);
    }
    CHECK(parseCommandLine({"--theme", "sepia"}).status == 2);
}

TEST_CASE("--overlays turns on exactly the overlay each word names, for the window and render") {
    for (const OverlayName& overlay : kOverlayNames) {
        CAPTURE(overlay.word);
        Overlays expected;
        expected.*overlay.field = true;
        const ParsedCommand window = parseCommandLine({"--overlays", overlay.word});
        REQUIRE(window.action == ParsedCommand::Action::Window);
        CHECK(window.window.options.scene.views.overlays == expected);
        const ParsedCommand render =
            parseCommandLine({"render", "--overlays", overlay.word, "--out", "x.png"});
        REQUIRE(render.action == ParsedCommand::Action::Render);
        CHECK(render.render.views.overlays == expected);
    }
    const ParsedCommand all =
        parseCommandLine({"render", "--overlays", "gradient,steps,curvature,taylor,ridge", "--out", "x.png"});
    for (const OverlayName& overlay : kOverlayNames)
        CHECK(all.render.views.overlays.*overlay.field);
    CHECK(parseCommandLine({"--overlays", "gradientField"}).status == 2);  // the file key is not the word
}

TEST_CASE("render --contours takes every contour source by its name") {
    for (const auto& source : kContourSources) {
        CAPTURE(source.name);
        const ParsedCommand parsed = parseCommandLine({"render", "--contours", source.name, "--out", "x.png"});
        REQUIRE(parsed.action == ParsedCommand::Action::Render);
        CHECK(parsed.render.contours == source.value);
    }
    CHECK(parseCommandLine({"render", "--contours", "penalty", "--out", "x.png"}).status == 2);
}
