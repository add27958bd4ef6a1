// The line plot's pure parts (issue 10 item 7): the log axis's floor, oscillating series as envelopes
// and labels laid out so that none overlaps another.

#include "views/line_plot.h"

#include <doctest/doctest.h>

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

TEST_CASE("a 2-cycle's envelope has its two branches as edges, one point per column") {
    std::vector<double> cycle;
    for (int k = 0; k <= 100; ++k)
        cycle.push_back(k % 2 ? -1.2 : -29.3);
    // More steps than columns: several steps per column.
    const Envelope e = envelopeOf(cycle, 100, 20);
    CHECK(e.steps.size() == 20);
    for (size_t i = 0; i < e.steps.size(); ++i) {
        CHECK(e.upper[i] == -1.2);
        CHECK(e.lower[i] == -29.3);
    }
    // Fewer steps than columns: one per step, still both branches (a step with its neighbours).
    const Envelope few = envelopeOf(std::span(cycle).first(11), 10, 400);
    CHECK(few.steps.size() == 11);
    CHECK(few.upper[4] == -1.2);
    CHECK(few.lower[5] == -29.3);
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
