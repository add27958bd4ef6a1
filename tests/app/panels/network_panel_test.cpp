// The network section's readings: layer sizes as typed, and the line that says what a plane hides of a
// path (its numbers are projectPath's, tested against their definitions in loss_plane_test).

#include "panels/network_panel.h"

#include <doctest/doctest.h>

#include <stdexcept>

using namespace gradscape;

TEST_CASE("layer sizes are read from 2-16-16-1 or 2,16,16,1, and a malformed text is refused") {
    CHECK(parseLayerSizes("2-16-16-1") == std::vector<int>{2, 16, 16, 1});
    CHECK(parseLayerSizes("1,8,1") == std::vector<int>{1, 8, 1});
    CHECK_THROWS_WITH_AS(parseLayerSizes("2-x-1"), doctest::Contains("such as 2-16-16-1"), std::invalid_argument);
    CHECK_THROWS_WITH_AS(parseLayerSizes("2--1"), doctest::Contains("such as 2-16-16-1"), std::invalid_argument);
    CHECK_THROWS_WITH_AS(parseLayerSizes("7"), doctest::Contains("at least an input and an output"),
                         std::invalid_argument);
}

TEST_CASE("the honesty line states the plane's share of the motion, the distance off it and the loss gap") {
    ProjectedPath path;
    path.explained = 0.6499;
    path.maxDistance = 1.76869;
    path.maxLossGap = 0.380891;
    CHECK(honestyLine(path) == "in the plane: 65% of its motion; off it by up to 1.77; loss differs by up to 0.381");
    CHECK(honestyLine(path, false) ==
          "in the plane: 65% of its motion; off it by up to 1.77 (the plane draws the network's loss, not its "
          "linearization's)");
}
