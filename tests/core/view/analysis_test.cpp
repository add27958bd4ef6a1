#include "view/analysis.h"

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

TEST_CASE("the Taylor model is exact on a quadratic and second-order accurate elsewhere") {
    auto quadratic = makeLandscape("quadratic", {{"kappa", 7}, {"theta", 50}});
    CHECK(taylorModelAt(*quadratic, {0.4, -1.1})({-1.3, 0.6}) ==
          doctest::Approx(quadratic->valueAt({-1.3, 0.6})));
    auto rosenbrock = makeLandscape("rosenbrock");
    const Vec2 c(-0.5, 0.7), d(0.6, -0.8);
    const QuadraticModel model = taylorModelAt(*rosenbrock, c);
    const double e1 = std::abs(model(c + 1e-2 * d) - rosenbrock->valueAt(c + 1e-2 * d));
    const double e2 = std::abs(model(c + 5e-3 * d) - rosenbrock->valueAt(c + 5e-3 * d));
    CHECK(e1 / e2 == doctest::Approx(8).epsilon(0.1));  // error ~ h^3: halving h divides it by 8
}

TEST_CASE("the Taylor model evaluated at many points is f(c) + g'(p - c) + (p - c)' H (p - c) / 2") {
    auto f = makeLandscape("himmelblau");
    const Vec2 c(0.7, -1.3);
    const QuadraticModel model = taylorModelAt(*f, c);
    CHECK(model(c) == doctest::Approx(f->valueAt(c)));
    for (const Vec2& p : {Vec2(1, 2), Vec2(-3, 0.5), Vec2(0.71, -1.29)}) {
        const Vec2 d = p - c;
        const double expected = f->valueAt(c) + f->gradientAt(c).dot(d) + 0.5 * d.dot(f->hessianAt(c) * d);
        CHECK(model(p) == doctest::Approx(expected));
    }
    // At the centre its gradient and Hessian are f's.
    CHECK((model.gradient - f->gradientAt(c)).norm() < 1e-12);
    CHECK((model.hessian - f->hessianAt(c)).norm() < 1e-12);
}
