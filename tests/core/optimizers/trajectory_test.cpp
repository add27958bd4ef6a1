#include "optimizers/trajectory.h"
#include "optimizers/optimizer.h"

#include <doctest/doctest.h>

#include <cmath>

using namespace gradscape;

namespace {

// f = log(x) + y^2: not finite for x <= 0, so a step across x = 0 must be marked, not recorded.
class LogLandscape final : public Landscape {
  public:
    double valueAt(const Vec2& p) const override { return std::log(p.x()) + p.y() * p.y(); }
    Vec2 gradientAt(const Vec2& p) const override { return {1 / p.x(), 2 * p.y()}; }
    Mat2 hessianAt(const Vec2& p) const override { return Vec2(-1 / (p.x() * p.x()), 2).asDiagonal(); }
};

}  // namespace

TEST_CASE("a run records every iterate and its loss, step 0 being the start") {
    auto f = makeLandscape("rosenbrock");
    auto gd = makeOptimizer("gd", Hyperparameters{.learningRate = 1e-3});
    Trajectory t = startTrajectory(*f, {-1.2, 1});
    advanceTrajectory(t, *gd, *f, 1000);
    REQUIRE(t.steps() == 1000);
    CHECK(t.points.size() == t.losses.size());
    CHECK(t.points[0] == Vec2(-1.2, 1));
    for (size_t k = 0; k < t.points.size(); ++k)
        CHECK(t.losses[k] == f->valueAt(t.points[k]));
    CHECK(t.losses.back() < t.losses.front());
    // Advancing in two parts gives the same path as in one.
    auto gd2 = makeOptimizer("gd", Hyperparameters{.learningRate = 1e-3});
    Trajectory split = startTrajectory(*f, {-1.2, 1});
    advanceTrajectory(split, *gd2, *f, 400);
    advanceTrajectory(split, *gd2, *f, 1000);
    CHECK(split.points == t.points);
}

TEST_CASE("a run that blows up stops there and says diverged at step k") {
    auto f = makeLandscape("quadratic");  // gd with eta 1: x_k = (1 - 10)^k x_0 along x
    auto gd = makeOptimizer("gd", Hyperparameters{.learningRate = 1});
    Trajectory t = startTrajectory(*f, {1, 0});
    advanceTrajectory(t, *gd, *f, 100);
    // |x_k| = 9^k passes 1e6 at k = 7 (9^6 = 531441, 9^7 = 4782969).
    CHECK(t.divergedAtStep == 7);
    CHECK(t.steps() == 6);
    CHECK(t.divergenceMessage() == "diverged at step 7");
    advanceTrajectory(t, *gd, *f, 200);
    CHECK(t.steps() == 6);
}

TEST_CASE("a step into a region where f is not finite is divergence, never a recorded NaN") {
    LogLandscape f;
    auto gd = makeOptimizer("gd", Hyperparameters{.learningRate = 1});
    Trajectory t = startTrajectory(f, {0.5, 0});  // x1 = 0.5 - 1 / 0.5 = -1.5: log of a negative
    advanceTrajectory(t, *gd, f, 10);
    CHECK(t.divergedAtStep == 1);
    CHECK(t.points.size() == 1);

    Trajectory bad = startTrajectory(f, {-1, 0});
    CHECK(bad.divergedAtStep == 0);
    CHECK(bad.points.empty());
    advanceTrajectory(bad, *gd, f, 10);
    CHECK(bad.points.empty());
    CHECK(Trajectory{}.divergenceMessage().empty());
}
