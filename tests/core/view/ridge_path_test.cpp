// Early stopping against ridge (issue 14, lecture 2): the ridge path is a path of minimizers of
// f + alpha/2 |w|^2 shrinking to 0 as alpha grows, and gradient descent from 0 walks close to it, its step
// t near the ridge point at alpha = 1 / (eta t).

#include "view/ridge_path.h"

#include <doctest/doctest.h>

#include <cmath>

using namespace gradscape;

TEST_CASE("the ridge path holds stationary points of f + alpha/2 |w|^2, shrinking towards 0 as alpha grows") {
    const auto linreg = makeLandscape("linreg", {{"scale", 3}, {"correlation", 0.5}, {"noise", 0.5}});
    const std::vector<RidgePoint> path = ridgePath(*linreg);
    REQUIRE(path.size() == 141);  // least squares is convex: the path runs the whole range
    CHECK(path.front().alpha == doctest::Approx(1e3));
    CHECK(path.back().alpha == doctest::Approx(1e-4));
    for (size_t k = 0; k < path.size(); ++k) {
        const Vec2 g = linreg->gradientAt(path[k].w) + path[k].alpha * path[k].w;
        CHECK(g.norm() < 1e-8);
        if (k > 0) CHECK(path[k].w.norm() >= path[k - 1].w.norm() - 1e-12);  // less shrinkage, longer w
    }
    // At the small end, the least-squares minimum itself.
    REQUIRE_FALSE(linreg->knownMinima().empty());
    CHECK((path.back().w - linreg->knownMinima().front()).norm() < 1e-3);
    // Interpolated in log alpha, exact at the points and clamped beyond the ends.
    CHECK(ridgeAt(path, path[40].alpha) == path[40].w);
    CHECK(ridgeAt(path, 1e9) == path.front().w);
    CHECK(ridgeAt(path, 1e-9) == path.back().w);
    CHECK(ridgeAt({}, 1).norm() == 0);
}

TEST_CASE("gradient descent from 0 passes near the ridge point at alpha = 1 / (eta t)") {
    const auto linreg = makeLandscape("linreg", {{"scale", 3}, {"correlation", 0.5}, {"noise", 0.5}});
    const std::vector<RidgePoint> path = ridgePath(*linreg);
    const double eta = 0.02;
    const double full = linreg->knownMinima().front().norm();
    Vec2 w = Vec2::Zero();
    int compared = 0;
    for (int t = 1; t <= 2000; ++t) {
        w -= eta * linreg->gradientAt(w);
        if (t % 50 != 0) continue;
        const Vec2 ridge = ridgeAt(path, 1 / (eta * t));
        CAPTURE(t);
        // Not equal (the spectral filters differ), but close on the scale of the solution.
        CHECK((w - ridge).norm() < 0.2 * full);
        ++compared;
    }
    CHECK(compared == 40);
}

TEST_CASE("on a non-convex landscape the path ends where Newton finds no minimum of f + alpha/2 |w|^2") {
    const auto himmelblau = makeLandscape("himmelblau");
    const std::vector<RidgePoint> path = ridgePath(*himmelblau);
    for (const RidgePoint& p : path)
        CHECK((himmelblau->gradientAt(p.w) + p.alpha * p.w).norm() < 1e-6);
}
