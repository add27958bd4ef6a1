#include "landscapes/regularization.h"

#include "optimizers/optimizer.h"

#include <doctest/doctest.h>

#include <Eigen/Cholesky>

#include <cmath>
#include <numbers>

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

namespace {

// The least value of the data loss f on the region's boundary, by a fine walk around it refined by
// golden-section search near the best sample, and where it is.
std::pair<double, Vec2> minimumOnBoundary(const Landscape& f, const ConstraintRegion& region) {
    const double turn = 2 * std::numbers::pi;
    const int samples = 40000;
    double bestAngle = 0, best = f.valueAt(region.boundaryAt(0));
    for (int i = 1; i < samples; ++i) {
        const double angle = turn * i / samples, v = f.valueAt(region.boundaryAt(angle));
        if (v < best) best = v, bestAngle = angle;
    }
    double lo = bestAngle - turn / samples, hi = bestAngle + turn / samples;
    for (int i = 0; i < 100; ++i) {
        const double a = hi - (hi - lo) * 0.618034, b = lo + (hi - lo) * 0.618034;
        if (f.valueAt(region.boundaryAt(a)) < f.valueAt(region.boundaryAt(b)))
            hi = b;
        else
            lo = a;
    }
    const Vec2 w = region.boundaryAt((lo + hi) / 2);
    return {std::min(best, f.valueAt(w)), w};
}

}  // namespace

TEST_CASE("the contours show the data loss alone on request, the optimizers' objective otherwise") {
    auto base = makeLandscape("linreg");
    auto lasso = regularize(base, {0, 0.2});
    CHECK(contouredLandscape(lasso, ContourSource::DataLoss) == base);
    CHECK(contouredLandscape(lasso, ContourSource::Total) == lasso);
    CHECK(contouredLandscape(base, ContourSource::DataLoss) == base);  // nothing to strip
    CHECK(valueNamed(kContourSources, nameOf(kContourSources, ContourSource::DataLoss)) ==
          ContourSource::DataLoss);
    CHECK(valueNamed(kContourSources, nameOf(kContourSources, ContourSource::Total)) == ContourSource::Total);
    CHECK(!valueNamed(kContourSources, "penalty"));
    CHECK(!constraintRegion(*base));
}

TEST_CASE("the constraint region is the diamond, the disc or the rounded diamond through the optimum") {
    auto base = makeLandscape("linreg", {{"correlation", 0.6}, {"noise", 0.3}});
    const auto diamond = constraintRegion(*regularize(base, {0, 0.3}));
    const auto disc = constraintRegion(*regularize(base, {0.3, 0}));
    const auto net = constraintRegion(*regularize(base, {0.3, 0.3}));
    REQUIRE((diamond && disc && net));
    for (double angle : {0.0, 0.3, 1.0, 2.0, 3.5, 5.9}) {
        CAPTURE(angle);
        CHECK(diamond->boundaryAt(angle).lpNorm<1>() == doctest::Approx(diamond->optimum.lpNorm<1>()));
        CHECK(disc->boundaryAt(angle).norm() == doctest::Approx(disc->optimum.norm()));
        CHECK(net->penaltyAt(net->boundaryAt(angle)) == doctest::Approx(net->budget));
    }
    // The elastic net's corner is rounded: between the diamond and the disc through the same axis point.
    const double axis = net->boundaryAt(0).norm(), diagonal = net->boundaryAt(std::numbers::pi / 4).norm();
    CHECK(diagonal > axis / std::sqrt(2) * 1.01);
    CHECK(diagonal < axis * 0.99);
}

TEST_CASE("the data loss's contour through the regularized optimum touches the region's boundary there") {
    // Lesson 10's data; L1 (lambdas large enough to zero a weight), L2, and the elastic net.
    auto base = makeLandscape("linreg", {{"correlation", 0.6}, {"noise", 0.3}});
    // (Every lambda1 here zeroes one weight, none all: from 0.41 on the optimum is the origin.)
    for (const Regularization r :
         {Regularization{0, 0.2}, Regularization{0, 0.3}, Regularization{0, 0.4}, Regularization{0.1, 0},
          Regularization{0.5, 0}, Regularization{2, 0}, Regularization{0.2, 0.2}, Regularization{0.1, 0.3}}) {
        CAPTURE(r.l2);
        CAPTURE(r.l1);
        const auto region = constraintRegion(*regularize(base, r));
        REQUIRE(region);
        const Vec2 w = region->optimum;
        // The unregularized optimum is outside the region, so the constraint binds.
        CHECK(region->penaltyAt(base->knownMinima().front()) > region->budget);
        // Tangent: nowhere on the boundary is the data loss lower than at the optimum, and the lowest
        // boundary point is the optimum itself.
        const auto [lowest, where] = minimumOnBoundary(*base, *region);
        CHECK(base->valueAt(w) == doctest::Approx(lowest).epsilon(1e-9));
        CHECK((where - w).norm() < 1e-4 * std::max(1.0, w.norm()));
        const Vec2 g = base->gradientAt(w);
        if (r.l1 == 0) {
            // Ridge: grad f(w*) = -2 lambda w*, along the disc's normal, pointing inwards.
            CHECK(std::abs(g.x() * w.y() - g.y() * w.x()) < 1e-9 * g.norm() * w.norm());
            CHECK(g.dot(w) < 0);
            CHECK((g + 2 * r.l2 * w).norm() < 1e-8);
        }
        if (r.l1 > 0) {
            // Sparse: a corner on an axis, and the data loss's slope across the axis is within lambda1
            // plus nothing from L2 there (the subgradient condition that keeps the optimum on the axis).
            CAPTURE(w.transpose());
            REQUIRE((w.x() == 0.0) != (w.y() == 0.0));
            const int zero = w.x() == 0.0 ? 0 : 1;
            CHECK(std::abs(g[zero]) <= r.l1);
            CHECK(std::abs(g[1 - zero] + 2 * r.l2 * w[1 - zero]) == doctest::Approx(r.l1).epsilon(1e-8));
        }
    }
}
