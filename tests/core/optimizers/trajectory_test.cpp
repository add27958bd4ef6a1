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

// f = -x for x < edge, not finite beyond: a walk to the right that diverges at a chosen step.
class Ramp final : public Landscape {
  public:
    explicit Ramp(double edge) : edge_(edge) {}
    double valueAt(const Vec2& p) const override { return p.x() < edge_ ? -p.x() : NAN; }
    Vec2 gradientAt(const Vec2&) const override { return {-1, 0}; }
    Mat2 hessianAt(const Vec2&) const override { return Mat2::Zero(); }

  private:
    double edge_;
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

TEST_CASE("advancing across chunk boundaries in uneven parts records the same path as one call") {
    auto f = makeLandscape("rosenbrock");
    const Hyperparameters h{.learningRate = 1e-3};
    constexpr int kSteps = 3 * static_cast<int>(ChunkedVector<Vec2>::kChunkSize) + 17;
    auto whole = makeOptimizer("momentum", h);
    Trajectory t = startTrajectory(*f, {-1.2, 1});
    advanceTrajectory(t, *whole, *f, kSteps);
    REQUIRE(t.steps() == kSteps);

    auto parts = makeOptimizer("momentum", h);
    Trajectory split = startTrajectory(*f, {-1.2, 1});
    for (int target : {4094, 4095, 4096, 4097, 8191, 8192, 9000, kSteps})
        advanceTrajectory(split, *parts, *f, target);
    CHECK(split.points == t.points);
    CHECK(split.losses == t.losses);
    for (size_t k = 0; k < t.points.size(); k += 997)
        CHECK(t.losses[k] == f->valueAt(t.points[k]));
}

TEST_CASE("a copied trajectory shares its iterates and keeps them while the original grows") {
    auto f = makeLandscape("rosenbrock");
    auto gd = makeOptimizer("gd", Hyperparameters{.learningRate = 1e-3});
    Trajectory t = startTrajectory(*f, {-1.2, 1});
    advanceTrajectory(t, *gd, *f, 5000);
    const Trajectory published = t;
    CHECK(published.points.sharedPrefix(t.points) == 5001);
    CHECK(published.losses.sharedPrefix(t.losses) == 5001);
    const Vec2 last = t.points.back();
    advanceTrajectory(t, *gd, *f, 9000);
    CHECK(t.steps() == 9000);
    CHECK(published.steps() == 5000);
    CHECK(published.points.back() == last);
    CHECK(t.points.sharedPrefix(published.points) == 5001);  // grown in place, nothing copied
}

TEST_CASE("a path that diverges at a chunk's first or last element keeps every iterate before it") {
    // f = -x until x = edge: gd with eta 1 walks x_k = k, and the first step past the edge is not finite.
    for (double edge : {4094.5, 4095.5, 4096.5, 8191.5}) {
        CAPTURE(edge);
        const Ramp f(edge);
        auto gd = makeOptimizer("gd", Hyperparameters{.learningRate = 1});
        Trajectory t = startTrajectory(f, {0, 0});
        advanceTrajectory(t, *gd, f, 20000);
        const int first = static_cast<int>(edge + 0.5);
        CHECK(t.divergedAtStep == first);
        REQUIRE(t.points.size() == static_cast<size_t>(first));
        CHECK(t.losses.size() == t.points.size());
        CHECK(t.points.back() == Vec2(first - 1, 0));
        advanceTrajectory(t, *gd, f, 30000);  // a diverged path stays as it is
        CHECK(t.points.size() == static_cast<size_t>(first));
    }
}
