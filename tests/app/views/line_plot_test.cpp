// The line plot's pure parts (issue 10 item 7, issue 13): the log axis's floor, oscillation, polylines
// simplified to the pixel and labels laid out so that none overlaps another.

#include "views/line_plot.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <random>

using namespace gradscape;

TEST_CASE("a log axis's floor is machine precision relative to the largest first value") {
    const std::vector<double> newton{15.0, 1e-20, 1e-150, 0}, gd{2.5, 1.0, 0.5}, zeros{0, 0};
    const LinePlotSeries series[] = {{"newton", 0, newton, ""}, {"gd", 0, gd, ""}};
    CHECK(logFloor(series) == doctest::Approx(15.0 * DBL_EPSILON));
    // Newton's 1e-150 sits on the floor, sixteen decades below its start, not 150.
    CHECK(std::log10(15.0) - std::log10(logFloor(series)) == doctest::Approx(15.8).epsilon(0.01));
    const LinePlotSeries none[] = {{"zeros", 0, zeros, ""}};
    CHECK(logFloor(none) == 0);
}

TEST_CASE("a 2-cycle oscillates, a descent or a slow ringing does not") {
    std::vector<double> cycle, descent, ringing;
    for (int k = 0; k < 60; ++k) {
        cycle.push_back(k % 2 ? std::log10(0.064) : -29.3);  // SignSGD between 0.064 and 5e-30
        descent.push_back(-0.1 * k);
        ringing.push_back(std::cos(k * 0.3) * std::exp(-0.05 * k));  // momentum's slow ringing
    }
    CHECK(oscillates(cycle, 0.5));
    CHECK_FALSE(oscillates(descent, 0.001));
    CHECK_FALSE(oscillates(ringing, 0.001));
    // A wiggle smaller than the swing that counts is no oscillation.
    std::vector<double> wiggle;
    for (int k = 0; k < 60; ++k)
        wiggle.push_back(-0.001 * k + (k % 2 ? 0.01 : 0));
    CHECK(oscillates(wiggle, 0.001));
    CHECK_FALSE(oscillates(wiggle, 0.05));
}

TEST_CASE("a polyline simplified to the pixel stays within the tolerance of every point it dropped") {
    // A straight run keeps its two ends, however many points lie on it.
    std::vector<ImVec2> straight;
    for (int i = 0; i <= 1000; ++i)
        straight.push_back({0.5f * i, 200 - 0.1f * i});
    const auto ends = simplifyPolyline(straight, 0.1f);
    REQUIRE(ends.size() == 2);
    CHECK(ends.front().x == straight.front().x);
    CHECK(ends.back().y == straight.back().y);

    // A descent on a log axis with noise: fewer points, none dropped farther than the tolerance from the
    // segment that replaces it, the kept ones in order.
    std::mt19937 random(2);
    std::uniform_real_distribution<float> noise(-0.3f, 0.3f);
    std::vector<ImVec2> curve;
    for (int i = 0; i < 1000; ++i)
        curve.push_back({72 + 0.55f * i, 800 + 200 * std::exp(-i / 150.0f) + (i > 600 ? noise(random) : 0)});
    const float tolerance = 0.1f;
    const auto kept = simplifyPolyline(curve, tolerance);
    CHECK(kept.size() < curve.size());
    size_t j = 0;  // the kept segment [j, j + 1] that spans point i
    for (const ImVec2& p : curve) {
        while (j + 1 < kept.size() && kept[j + 1].x < p.x)
            ++j;
        if (j + 1 == kept.size()) break;
        const ImVec2 a = kept[j], b = kept[j + 1];
        const float t = std::clamp(((p.x - a.x) * (b.x - a.x) + (p.y - a.y) * (b.y - a.y)) /
                                       ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)),
                                   0.0f, 1.0f);
        CHECK(std::hypot(p.x - a.x - t * (b.x - a.x), p.y - a.y - t * (b.y - a.y)) <= tolerance + 1e-4f);
    }
    // A spike: its tip and both of the tip's neighbours stay, although the neighbours lie on the straight
    // flanks (a thick line's mitre at the tip follows its segments' directions).
    const std::vector<ImVec2> spike{{0, 100}, {1, 80}, {2, 60}, {3, 40}, {4, 60}, {5, 80}, {6, 100}};
    const auto tip = simplifyPolyline(spike, 0.1f);
    REQUIRE(tip.size() == 5);
    CHECK(tip[1].y == 60);
    CHECK(tip[2].y == 40);
    CHECK(tip[3].y == 60);
    // A zigzag taller than the tolerance loses nothing.
    std::vector<ImVec2> zigzag;
    for (int i = 0; i < 100; ++i)
        zigzag.push_back({float(i), i % 2 ? 0.0f : 3.0f});
    CHECK(simplifyPolyline(zigzag, 0.1f).size() == zigzag.size());
}

TEST_CASE("labels never overlap and stay inside the plot, wherever their anchors are") {
    // The case seen at 2x: the current step's number and "diverged at step 3" anchored at the same place.
    const LabelRect bounds{0, 0, 300, 120};
    const LabelRequest clash[] = {{40, 12, 30, 18, 6}, {36, 14, 150, 18, 9}};
    const auto placed = layoutLabels(clash, bounds);
    REQUIRE(placed[0]);
    REQUIRE(placed[1]);
    CHECK_FALSE(placed[0]->overlaps(*placed[1]));
    // The first keeps its place beside its anchor.
    CHECK(placed[0]->x == 46);

    std::mt19937 random(7);
    std::uniform_real_distribution<float> x(0, 300), y(0, 120), w(10, 160);
    for (int trial = 0; trial < 200; ++trial) {
        std::vector<LabelRequest> requests;
        for (int i = 0; i < 6; ++i)
            requests.push_back({x(random), y(random), w(random), 18, 6});
        const auto rects = layoutLabels(requests, bounds);
        int shown = 0;
        for (size_t i = 0; i < rects.size(); ++i) {
            if (!rects[i]) continue;
            ++shown;
            CHECK(rects[i]->x >= bounds.x);
            CHECK(rects[i]->y >= bounds.y);
            CHECK(rects[i]->x + rects[i]->width <= bounds.x + bounds.width);
            CHECK(rects[i]->y + rects[i]->height <= bounds.y + bounds.height);
            for (size_t j = 0; j < i; ++j)
                if (rects[j]) CHECK_FALSE(rects[i]->overlaps(*rects[j]));
        }
        // Six labels of one line each fit a plot six lines high: the first is always placed.
        CHECK(rects[0]);
        CHECK(shown >= 3);
    }
}
