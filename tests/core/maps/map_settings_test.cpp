// What the map panel maps (issue 14): one racer's map, or the basins of every enabled racer side by side
// (small multiples), each request built from its own racer over the visible box.

#include "maps/map_settings.h"

#include <doctest/doctest.h>

using namespace gradscape;

namespace {

std::vector<OptimizerSettings> threeRacers() {
    std::vector<OptimizerSettings> racers(3);
    const char* kinds[] = {"gd", "momentum", "adam"};
    for (int k = 0; k < 3; ++k) {
        racers[size_t(k)].id = k + 1;
        racers[size_t(k)].kind = kinds[k];
        racers[size_t(k)].hyperparameters = optimizerInfo(kinds[k]).defaults;
        racers[size_t(k)].start = Vec2(k, -k);
    }
    return racers;
}

}  // namespace

TEST_CASE("basins of all racers map every enabled racer, each request its own racer's over the view") {
    std::vector<OptimizerSettings> racers = threeRacers();
    racers[1].enabled = false;
    MapSettings settings;
    settings.kind = MapKind::Basins;
    settings.racerId = 3;
    // One racer: the chosen one, or the first enabled when it is gone or off.
    REQUIRE(mappedRacers(settings, racers).size() == 1);
    CHECK(mappedRacers(settings, racers)[0]->id == 3);
    settings.racerId = 2;
    CHECK(mappedRacers(settings, racers)[0]->id == 1);

    settings.allRacers = true;
    const std::vector<const OptimizerSettings*> all = mappedRacers(settings, racers);
    REQUIRE(all.size() == 2);
    CHECK(all[0]->id == 1);
    CHECK(all[1]->id == 3);
    const ViewBox view{-5, 5, -4, 4};
    for (const OptimizerSettings* racer : all) {
        const MapRequest request = mapRequestFor(settings, *racer, view, 250);
        CHECK(request.racer.kind == racer->kind);
        CHECK(request.racer.hyperparameters == racer->hyperparameters);
        CHECK(request.x == MapAxis{"x", -5, 5, false});
        CHECK(request.y == MapAxis{"y", -4, 4, false});
        CHECK(request.steps == 250);
        // Square cells, settings.size along the longer side.
        CHECK(request.width == 128);
        CHECK(request.height == 102);
    }
    const MapRequest tall = mapRequestFor(settings, *all[0], ViewBox{0, 1, 0, 4}, 250);
    CHECK(tall.width == 32);
    CHECK(tall.height == 128);
    // Small multiples are of basins: a parameter map stays one racer's.
    settings.kind = MapKind::Parameters;
    REQUIRE(mappedRacers(settings, racers).size() == 1);
    for (OptimizerSettings& r : racers)
        r.enabled = false;
    CHECK(mappedRacers(settings, racers).empty());
    settings.kind = MapKind::Basins;
    CHECK(mappedRacers(settings, racers).empty());
}
