#include "view/isolines.h"

#include <doctest/doctest.h>

#include <cmath>
#include <set>

using namespace gradscape;

TEST_CASE("the isolines of x^2 + y^2 are circles of the right radius") {
    const auto f = [](const Vec2& p) { return p.squaredNorm(); };
    const ViewBox box{-2, 2, -2, 2};
    const auto segments = isolines(f, box, 101, {1.0, 2.25});
    REQUIRE(segments.size() > 100);
    std::set<int> radii;
    for (const auto& s : segments)
        for (const Vec2& p : {s.a, s.b}) {
            // Linear interpolation across a cell of side 0.04 is off by at most a few thousandths.
            const double r = p.norm();
            const bool onOne = std::abs(r - 1.0) < 5e-3, onOneAndAHalf = std::abs(r - 1.5) < 5e-3;
            CHECK((onOne || onOneAndAHalf));
            radii.insert(onOne ? 1 : 2);
        }
    CHECK(radii.size() == 2);
    // The circle of radius 1 is closed: its segments add up to about 2 pi.
    double length = 0;
    for (const auto& s : segments)
        if (std::abs(s.a.norm() - 1) < 5e-3) length += (s.b - s.a).norm();
    CHECK(length == doctest::Approx(2 * M_PI).epsilon(1e-3));
}

TEST_CASE("a saddle cell keeps the side of its centre connected") {
    // f = x y on one cell: the level 0.1 crosses all four edges; the centre (0) is below it, like the
    // corners (-1, 1) and (1, -1), so the segments cut off the corners above.
    const auto f = [](const Vec2& p) { return p.x() * p.y(); };
    const auto segments = isolines(f, {-1, 1, -1, 1}, 2, {0.1});
    REQUIRE(segments.size() == 2);
    for (const auto& s : segments) {
        // Each segment stays in one quadrant, on the hyperbola's side of the corner it cuts off.
        CHECK(s.a.x() * s.b.x() >= 0);
        CHECK(s.a.y() * s.b.y() >= 0);
        CHECK(s.a.x() * s.a.y() > 0);
    }
}

TEST_CASE("cells with a non-finite corner are skipped") {
    const auto f = [](const Vec2& p) { return p.x() > 0.5 ? NAN : p.x(); };
    const auto segments = isolines(f, {0, 1, 0, 1}, 11, {0.25});
    REQUIRE(!segments.empty());
    for (const auto& s : segments)
        CHECK(s.a.x() == doctest::Approx(0.25));
    CHECK(isolines(f, {0, 1, 0, 1}, 11, {0.75}).empty());
}

TEST_CASE("log-spaced levels match the contour shader's spacing") {
    const auto levels = logSpacedLevels(2, 1002, 28);
    REQUIRE(levels.size() == 27);
    const double s = 1000.0 / 1000;
    for (int k = 1; k < 28; ++k) {
        // h = log(1 + (f - min) / s) / log(1 + range / s) is exactly k / 28 at level k.
        const double h = std::log(1 + (levels[k - 1] - 2) / s) / std::log(1 + 1000 / s);
        CHECK(h == doctest::Approx(k / 28.0));
    }
    CHECK(logSpacedLevels(3, 3, 28).empty());
}
