#include "view/analysis.h"

#include "optimizers/optimizer.h"
#include "optimizers/trajectory.h"

#include <doctest/doctest.h>

#include <cmath>

using namespace gradscape;

TEST_CASE("curvature of the rotated quadratic: eigenvalues 1 and kappa along the rotated axes") {
    auto f = makeLandscape("quadratic", {{"kappa", 25}, {"theta", 30}});
    const Curvature c = curvatureAt(*f, {0.3, -0.8});
    CHECK(c.eigenvalues[0] == doctest::Approx(1));
    CHECK(c.eigenvalues[1] == doctest::Approx(25));
    CHECK(c.conditionNumber == doctest::Approx(25));
    // The steep direction is (cos 30, sin 30), up to sign.
    CHECK(std::abs(c.eigenvectors.col(1).dot(Vec2(std::cos(M_PI / 6), std::sin(M_PI / 6)))) ==
          doctest::Approx(1));
    CHECK(std::isinf(curvatureAt(*makeLandscape("saddle"), {0, 0}).conditionNumber));
}

TEST_CASE("stability bounds: 2 / lambda_max, lecture 2's 2 g'g / g'Hg, and (2 + 2 beta) / lambda_max") {
    auto f = makeLandscape("quadratic");  // H = diag(10, 1)
    const StepSizeBounds b = stepSizeBoundsAt(*f, {1, 1}, 0.9);
    CHECK(b.gradientDescent == doctest::Approx(0.2));
    CHECK(b.heavyBall == doctest::Approx(3.8 / 10));
    // g = (10, 1): g'g = 101, g'Hg = 1001.
    CHECK(b.alongGradient == doctest::Approx(2 * 101.0 / 1001.0));
    // The bound is exact for GD on a quadratic: just below converges, just above diverges.
    for (auto [factor, diverges] : {std::pair{0.98, false}, std::pair{1.02, true}}) {
        auto gd = makeOptimizer("gd", Hyperparameters{.learningRate = factor * b.gradientDescent});
        Trajectory t = startTrajectory(*f, {1, 1});
        advanceTrajectory(t, *gd, *f, 3000);
        CHECK(t.diverged() == diverges);
    }
    // And for heavy-ball momentum.
    for (auto [factor, diverges] : {std::pair{0.97, false}, std::pair{1.03, true}}) {
        auto momentum =
            makeOptimizer("momentum", Hyperparameters{.learningRate = factor * b.heavyBall, .momentum = 0.9});
        Trajectory t = startTrajectory(*f, {1, 1});
        advanceTrajectory(t, *momentum, *f, 5000);
        CHECK(t.diverged() == diverges);
    }
    CHECK(std::isinf(stepSizeBoundsAt(*makeLandscape("monkey-saddle"), {0, 0}, 0.9).gradientDescent));
}

TEST_CASE("the Taylor model is exact on a quadratic and second-order accurate elsewhere") {
    auto quadratic = makeLandscape("quadratic", {{"kappa", 7}, {"theta", 50}});
    CHECK(taylorModel(*quadratic, {0.4, -1.1}, {-1.3, 0.6}) ==
          doctest::Approx(quadratic->valueAt({-1.3, 0.6})));
    auto rosenbrock = makeLandscape("rosenbrock");
    const Vec2 c(-0.5, 0.7), d(0.6, -0.8);
    const double e1 = std::abs(taylorModel(*rosenbrock, c, c + 1e-2 * d) - rosenbrock->valueAt(c + 1e-2 * d));
    const double e2 = std::abs(taylorModel(*rosenbrock, c, c + 5e-3 * d) - rosenbrock->valueAt(c + 5e-3 * d));
    CHECK(e1 / e2 == doctest::Approx(8).epsilon(0.1));  // error ~ h^3: halving h divides it by 8
}

TEST_CASE("the Taylor model evaluated at many points equals the one-point form") {
    auto f = makeLandscape("himmelblau");
    const Vec2 c(0.7, -1.3);
    const QuadraticModel model = taylorModelAt(*f, c);
    CHECK(model(c) == doctest::Approx(f->valueAt(c)));
    for (const Vec2& p : {Vec2(1, 2), Vec2(-3, 0.5), Vec2(0.71, -1.29)})
        CHECK(model(p) == doctest::Approx(taylorModel(*f, c, p)));
    // At the centre its gradient and Hessian are f's.
    CHECK((model.gradient - f->gradientAt(c)).norm() < 1e-12);
    CHECK((model.hessian - f->hessianAt(c)).norm() < 1e-12);
}
