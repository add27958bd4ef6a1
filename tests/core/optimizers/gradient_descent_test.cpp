#include "optimizers/gradient_descent.h"
#include "optimizers/trajectory.h"

#include <doctest/doctest.h>

using namespace gradscape;

// f = 0.5 (10 x^2 + y^2), gradient (10 x, y).
TEST_CASE("gd: the first three steps match x <- x - eta * grad f(x) worked by hand") {
    auto f = makeLandscape("quadratic");
    auto gd = makeOptimizer("gd", Hyperparameters{.learningRate = 0.05});
    Trajectory t = startTrajectory(*f, {1, 1});
    advanceTrajectory(t, *gd, *f, 3);
    REQUIRE(t.steps() == 3);
    CHECK(t.points[1].isApprox(Vec2(0.5, 0.95), 1e-15));
    CHECK(t.points[2].isApprox(Vec2(0.25, 0.9025), 1e-15));
    CHECK(t.points[3].isApprox(Vec2(0.125, 0.857375), 1e-15));
    CHECK(t.losses[3] == doctest::Approx(0.5 * (10 * 0.125 * 0.125 + 0.857375 * 0.857375)));
}

TEST_CASE("gd: weight decay adds lambda * x to the gradient") {
    auto f = makeLandscape("quadratic");
    Hyperparameters h = Hyperparameters{.learningRate = 0.05};
    h.weightDecay = 0.1;
    GradientDescent gd(h);
    CHECK(gd.step(*f, {1, 1}, f->gradientAt({1, 1})).isApprox(Vec2(1 - 0.05 * 10.1, 1 - 0.05 * 1.1), 1e-15));
}

TEST_CASE("gd: converges below the stability bound eta < 2 / lambda_max and diverges above it") {
    auto f = makeLandscape("quadratic");  // lambda_max = kappa = 10, bound 0.2
    auto stable = makeOptimizer("gd", Hyperparameters{.learningRate = 0.19});
    Trajectory t = startTrajectory(*f, {1, 1});
    advanceTrajectory(t, *stable, *f, 2000);
    CHECK(!t.diverged());
    CHECK(t.points.back().norm() < 1e-8);

    auto unstable = makeOptimizer("gd", Hyperparameters{.learningRate = 0.21});
    Trajectory u = startTrajectory(*f, {1, 1});
    advanceTrajectory(u, *unstable, *f, 2000);
    CHECK(u.diverged());
}
