// The background map sampler (issue 14): coarse to fine, the latest request wins and cancels the one
// being computed, a refused request leaves the last map, and destruction never waits for a long map.
// Run under ThreadSanitizer in CI (the core tests).

#include "maps/map_sampler.h"

#include <doctest/doctest.h>

#include <chrono>
#include <thread>

using namespace gradscape;

namespace {

MapRequest basinRequest(int side, int steps) {
    MapRequest request;
    request.racer.kind = "gd";
    request.racer.hyperparameters = optimizerInfo("gd").defaults;
    request.racer.hyperparameters.learningRate = 0.01;
    request.x = {"x", -5, 5, false};
    request.y = {"y", -5, 5, false};
    request.width = request.height = side;
    request.steps = steps;
    return request;
}

}  // namespace

TEST_CASE("the sampler computes coarse to fine and ends with the map computeMap makes") {
    CHECK(MapSampler::levelsFor(4) == 1);
    CHECK(MapSampler::levelsFor(16) == 2);
    CHECK(MapSampler::levelsFor(64) == 4);
    CHECK(MapSampler::levelsFor(512) == 4);
    const auto himmelblau = makeLandscape("himmelblau");
    MapSampler sampler(2);
    const MapRequest request = basinRequest(32, 200);
    sampler.request(himmelblau, request);
    const MapProgressReport report = sampler.waitUntilIdle();
    REQUIRE(report.latest);
    CHECK_FALSE(report.working);
    CHECK(report.done == 1);
    CHECK(report.error.empty());
    CHECK(report.latest->complete);
    CHECK(report.latest->request == request);
    const MapResult direct = computeMap(*himmelblau, request, 1);
    for (size_t k = 0; k < direct.cells.size(); ++k) {
        CHECK(report.latest->cells[k].end == direct.cells[k].end);
        CHECK(report.latest->cells[k].minimum == direct.cells[k].minimum);
    }
}

TEST_CASE("a new request cancels the map being computed, and the latest one wins") {
    const auto rosenbrock = makeLandscape("rosenbrock");
    MapSampler sampler(2);
    // Minutes of work if it ran to the end.
    MapRequest slow = basinRequest(512, 200000);
    slow.racer.hyperparameters.learningRate = 1e-4;
    slow.x = {"x", -2, 2, false};
    slow.y = {"y", -1, 3, false};
    sampler.request(rosenbrock, slow);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    CHECK(sampler.report().working);
    CHECK(sampler.report().done < 1);
    const MapRequest quick = basinRequest(16, 50);
    const auto start = std::chrono::steady_clock::now();
    sampler.request(rosenbrock, quick);
    const MapProgressReport report = sampler.waitUntilIdle();
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(60));  // not the minutes
    REQUIRE(report.latest);
    CHECK(report.latest->request == quick);
    CHECK(report.latest->complete);

    // Asking again for what is already there does nothing; cancel() forgets the request.
    sampler.request(rosenbrock, quick);
    CHECK_FALSE(sampler.report().working);
    sampler.request(rosenbrock, slow);
    sampler.cancel();
    const MapProgressReport after = sampler.waitUntilIdle();
    CHECK_FALSE(after.working);
    REQUIRE(after.latest);
    CHECK(after.latest->request.width <= 512);
}

TEST_CASE("a refused request says why and leaves the last map; destruction does not wait for a long map") {
    const auto quadratic = makeLandscape("quadratic");
    {
        MapSampler sampler(1);
        const MapRequest good = basinRequest(8, 20);
        sampler.request(quadratic, good);
        sampler.waitUntilIdle();
        MapRequest bad = good;
        bad.kind = MapKind::Parameters;
        bad.x = {"lr", 1e-3, 1, true};
        bad.y = {"momentum", 0, 0.9, false};
        sampler.request(quadratic, bad);
        const MapProgressReport report = sampler.waitUntilIdle();
        CHECK(report.error == "--y: gd does not read momentum; it reads lr, weight-decay");
        REQUIRE(report.latest);
        CHECK(report.latest->request == good);
    }
    MapSampler busy(2);
    MapRequest endless = basinRequest(1024, 1000000);
    busy.request(quadratic, endless);
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    // The destructor cancels between cells: the test ends instead of running for hours.
}

TEST_CASE("a set of maps (small multiples) ends with each map computeMap makes, coarse pictures first") {
    const auto himmelblau = makeLandscape("himmelblau");
    MapSampler sampler(2);
    std::vector<MapRequest> set = {basinRequest(32, 150), basinRequest(32, 150), basinRequest(16, 150)};
    set[1].racer.kind = "momentum";
    set[1].racer.hyperparameters = optimizerInfo("momentum").defaults;
    set[1].racer.hyperparameters.learningRate = 0.005;
    set[1].racer.label = "heavy ball";
    set[2].racer.hyperparameters.learningRate = 0.002;
    sampler.request(himmelblau, set);
    // While it computes, no map of the set shows a finer level than a map after it has reached (level
    // by level), and the report always holds one slot per map.
    for (int polls = 0; polls < 2000 && sampler.report().working; ++polls) {
        const MapProgressReport partial = sampler.report();
        REQUIRE(partial.maps.size() == set.size());
        if (partial.maps[0] && partial.maps[1]) CHECK(partial.maps[1]->request.width <= partial.maps[0]->request.width);
        std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    const MapProgressReport report = sampler.waitUntilIdle();
    REQUIRE(report.maps.size() == set.size());
    CHECK(report.latest == report.maps[0]);
    for (size_t k = 0; k < set.size(); ++k) {
        REQUIRE(report.maps[k]);
        CHECK(report.maps[k]->request == set[k]);
        const MapResult direct = computeMap(*himmelblau, set[k], 1);
        REQUIRE(direct.cells.size() == report.maps[k]->cells.size());
        int same = 0;
        for (size_t c = 0; c < direct.cells.size(); ++c)
            same += report.maps[k]->cells[c].end == direct.cells[c].end && report.maps[k]->cells[c].steps == direct.cells[c].steps;
        CHECK(same == int(direct.cells.size()));
    }
    // The maps differ: each is its own racer's.
    int differ = 0;
    for (size_t c = 0; c < report.maps[0]->cells.size(); ++c)
        differ += report.maps[0]->cells[c].steps != report.maps[1]->cells[c].steps;
    CHECK(differ > 100);

    // A set with one refused map is refused whole and names the racer; the maps shown stay.
    std::vector<MapRequest> bad = set;
    bad[1].kind = MapKind::Parameters;
    bad[1].x = {"lr", 1e-3, 1, true};
    bad[1].y = {"beta1", 0, 0.9, false};
    sampler.request(himmelblau, bad);
    const MapProgressReport refused = sampler.waitUntilIdle();
    CHECK(refused.error == "heavy ball's map: --y: momentum does not read beta1; it reads lr, momentum, dampening, weight-decay");
    CHECK(refused.maps == report.maps);
    // An empty set cancels.
    sampler.request(himmelblau, std::vector<MapRequest>{});
    CHECK_FALSE(sampler.waitUntilIdle().working);
}
