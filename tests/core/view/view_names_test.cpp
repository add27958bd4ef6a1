// One table per enumeration (view modes, themes, overlays, contour sources, schedule kinds): every value
// has one name that files and the command line spell and that reads back as the same value, and the
// scene file writes and reads exactly those names.
#include "landscapes/regularization.h"
#include "scene/scene_file.h"
#include "scene/scene_names.h"
#include "view/view_settings.h"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <set>
#include <string>

using namespace gradscape;

namespace {

// Every row's name reads back as its value, every label is its own, no name or label is used twice.
template <class Enum, std::size_t N>
void checkRoundTrip(const EnumName<Enum> (&table)[N]) {
    std::set<std::string> names, labels;
    for (const auto& row : table) {
        CAPTURE(row.name);
        CHECK(valueNamed(table, row.name) == row.value);
        CHECK(std::string(nameOf(table, row.value)) == row.name);
        CHECK(std::string(labelOf(table, row.value)) == row.label);
        names.insert(row.name);
        labels.insert(row.label);
    }
    CHECK(names.size() == N);
    CHECK(labels.size() == N);
    CHECK_FALSE(valueNamed(table, "no-such-name").has_value());
}

}  // namespace

TEST_CASE("view modes, themes, contour sources and schedule kinds round-trip between name and value") {
    checkRoundTrip(kViewModes);
    checkRoundTrip(kThemes);
    checkRoundTrip(kContourSources);
    checkRoundTrip(kScheduleKinds);
    // Every value of the enumerations has its row, in the enumeration's order (V and C cycle by it).
    for (int i = 0; i < 3; ++i) {
        CHECK(static_cast<int>(kViewModes[i].value) == i);
        CHECK(static_cast<int>(kThemes[i].value) == i);
    }
    CHECK(nameList(kThemes, " or ") == "dark, high-contrast or colour-blind-safe");
    CHECK(nameList(kViewModes) == "contour, surface, both");
    CHECK(namesOf(kViewModes) == std::vector<std::string>{"contour", "surface", "both"});
}

TEST_CASE("each overlay has one switch, one file key, one command-line word and one label") {
    std::set<std::string> keys, words, labels;
    Overlays all;
    for (const OverlayName& overlay : kOverlayNames) {
        keys.insert(overlay.key), words.insert(overlay.word), labels.insert(overlay.label);
        CHECK_FALSE(all.*overlay.field);  // no switch named twice
        all.*overlay.field = true;
    }
    // Every switch of Overlays has its row.
    CHECK((all.gradientField && all.stepParts && all.hessianAtHover && all.taylorModel));
    const std::size_t n = std::size(kOverlayNames);
    CHECK((keys.size() == n && words.size() == n && labels.size() == n));
}

TEST_CASE("scene files write and read view modes, themes and overlays by the tables' names") {
    for (const auto& mode : kViewModes)
        for (const auto& theme : kThemes)
            for (const OverlayName& overlay : kOverlayNames) {
                Scene scene = defaultScene();
                scene.views.mode = mode.value;
                scene.views.presentation.theme = theme.value;
                scene.views.overlays.*overlay.field = true;
                const nlohmann::json json = sceneToJson(scene);
                CHECK(json["views"]["mode"] == mode.name);
                CHECK(json["views"]["presentation"]["theme"] == theme.name);
                CHECK(json["views"]["overlays"][overlay.key] == true);
                const Scene read = sceneFromJson(json);
                CHECK(read.views.mode == mode.value);
                CHECK(read.views.presentation.theme == theme.value);
                CHECK(read.views.overlays == scene.views.overlays);
            }
}
