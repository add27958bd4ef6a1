#include "regularization.h"

#include "optimizer.h"

#include <doctest/doctest.h>

#include <Eigen/Cholesky>

#include <cmath>

using namespace gradscape;

TEST_CASE(
    "regularized value, gradient and Hessian add the penalty's, matching finite differences off the axes") {
    auto base = makeLandscape("rosenbrock");
    auto f = regularize(base, {0.3, 0.2});
    for (const Vec2& p : {Vec2(-1.2, 1), Vec2(0.7, -0.4), Vec2(1.5, 2.2)}) {
        CHECK(f->valueAt(p) ==
              doctest::Approx(base->valueAt(p) + 0.3 * p.squaredNorm() + 0.2 * p.lpNorm<1>()));
        Vec2 numeric;
        for (int i = 0; i < 2; ++i) {
            Vec2 a = p, b = p;
            a[i] += 1e-6, b[i] -= 1e-6;
            numeric[i] = (f->valueAt(a) - f->valueAt(b)) / 2e-6;
        }
        CHECK((f->gradientAt(p) - numeric).norm() < 1e-5 * std::max(1.0, numeric.norm()));
        CHECK(f->hessianAt(p).isApprox(base->hessianAt(p) + 0.6 * Mat2::Identity()));
    }
    CHECK(regularize(base, {}) == base);  // nothing switched on: the landscape itself
    CHECK_THROWS_WITH(regularize(base, {-1, 0}), "L2 lambda must be in [0, 100], got -1");
}

TEST_CASE("ridge on linreg: the optimum solves (X^T X / n + 2 lambda I) w = X^T y / n and is shorter") {
    auto base = makeLandscape("linreg");
    auto ridge = regularize(base, {0.25, 0});
    Mat2 xtx = Mat2::Zero();
    Vec2 xty = Vec2::Zero();
    const double n = static_cast<double>(base->samples().size());
    for (const auto& s : base->samples())
        xtx += s.input * s.input.transpose(), xty += s.target * s.input;
    const Vec2 expected = (xtx / n + 0.5 * Mat2::Identity()).ldlt().solve(xty / n);
    CHECK(ridge->knownMinima().front().isApprox(expected, 1e-9));
    CHECK(ridge->knownMinima().front().norm() < base->knownMinima().front().norm());
    CHECK(ridge->samples().size() == base->samples().size());
}

TEST_CASE("lasso on linreg: a large enough L1 sets a weight exactly to zero") {
    auto base = makeLandscape("linreg");
    auto lasso = regularize(base, {0, 0.4});
    const Vec2 w = lasso->knownMinima().front();
    CHECK((w.x() == 0.0 || w.y() == 0.0));
    CHECK(w.norm() > 0);
    // Optimality: zero gradient along the non-zero coordinate.
    const int active = w.x() != 0 ? 0 : 1;
    CHECK(std::abs(lasso->gradientAt(w)[active]) < 1e-8);
}

TEST_CASE("sgd minibatches see the penalty too") {
    auto f = regularize(makeLandscape("linreg"), {0.5, 0});
    const Vec2 w(1, -1);
    const Vec2 all = f->minibatchGradientAt(w, [&] {
        std::vector<int> every(f->samples().size());
        for (size_t i = 0; i < every.size(); ++i)
            every[i] = static_cast<int>(i);
        return every;
    }());
    CHECK(all.isApprox(f->gradientAt(w)));
}
