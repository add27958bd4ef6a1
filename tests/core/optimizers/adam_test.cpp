#include "optimizers/adam.h"
#include "optimizers/trajectory.h"

#include <doctest/doctest.h>

#include <cmath>

using namespace gradscape;

namespace {

// One coordinate of Adam, written out from the lecture's formula.
struct ScalarAdam {
    double m = 0, v = 0;
    int t = 0;
    double step(double x, double g, double lr, double b1, double b2, double eps) {
        ++t;
        m = b1 * m + (1 - b1) * g;
        v = b2 * v + (1 - b2) * g * g;
        const double mHat = m / (1 - std::pow(b1, t)), vHat = v / (1 - std::pow(b2, t));
        return x - lr * mHat / (std::sqrt(vHat) + eps);
    }
};

}  // namespace

TEST_CASE("adam: the first three steps match the bias-corrected formula worked coordinate by coordinate") {
    auto f = makeLandscape("quadratic");  // gradient (10 x, y)
    Adam adam(Hyperparameters{.learningRate = 0.1});
    Trajectory t = startTrajectory(*f, {1, 1});
    advanceTrajectory(t, adam, *f, 3);
    ScalarAdam ax, ay;
    double x = 1, y = 1;
    for (int step = 1; step <= 3; ++step) {
        const double gx = 10 * x, gy = y;
        x = ax.step(x, gx, 0.1, 0.9, 0.999, 1e-8);
        y = ay.step(y, gy, 0.1, 0.9, 0.999, 1e-8);
        CHECK(t.points[step].x() == doctest::Approx(x).epsilon(1e-14));
        CHECK(t.points[step].y() == doctest::Approx(y).epsilon(1e-14));
    }
    // The first bias-corrected step is eta * g / |g|: 0.1 in each coordinate, whatever the gradient's size.
    CHECK(t.points[1].x() == doctest::Approx(0.9).epsilon(1e-8));
    CHECK(t.points[1].y() == doctest::Approx(0.9).epsilon(1e-8));
}

TEST_CASE("adam: weight decay is L2 added to the gradient, as torch.optim.Adam") {
    auto f = makeLandscape("quadratic");
    Hyperparameters h = Hyperparameters{.learningRate = 0.1};
    h.weightDecay = 0.5;
    Adam adam(h);
    const Vec2 x(1, -2);
    const Vec2 next = adam.step(*f, x, f->gradientAt(x));
    ScalarAdam ax, ay;
    CHECK(next.x() == doctest::Approx(ax.step(1, 10 * 1 + 0.5 * 1, 0.1, 0.9, 0.999, 1e-8)));
    CHECK(next.y() == doctest::Approx(ay.step(-2, -2 + 0.5 * -2, 0.1, 0.9, 0.999, 1e-8)));
    CHECK(adam.state().vectors.size() == 2);
}

TEST_CASE("adam: reaches the minimum of the convex quadratic") {
    auto f = makeLandscape("quadratic", {{"kappa", 50}, {"theta", 20}});
    Adam adam(Hyperparameters{.learningRate = 0.01});
    Trajectory t = startTrajectory(*f, {1.5, -1});
    advanceTrajectory(t, adam, *f, 3000);
    CHECK(!t.diverged());
    CHECK(t.points.back().norm() < 1e-3);
}
