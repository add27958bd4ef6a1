#include "landscapes/landscape.h"

#include <doctest/doctest.h>

#include <Eigen/Eigenvalues>
#include <cmath>
#include <random>

using namespace gradscape;

namespace {

// Central differences with a step scaled to the point, accurate to about 1e-7 relative.
Vec2 numericGradient(const Landscape& f, const Vec2& p) {
    Vec2 g;
    for (int i = 0; i < 2; ++i) {
        const double h = 1e-6 * std::max(1.0, std::abs(p[i]));
        Vec2 a = p, b = p;
        a[i] += h, b[i] -= h;
        g[i] = (f.valueAt(a) - f.valueAt(b)) / (2 * h);
    }
    return g;
}

Mat2 numericHessian(const Landscape& f, const Vec2& p) {
    Mat2 hessian;
    for (int i = 0; i < 2; ++i) {
        const double h = 1e-5 * std::max(1.0, std::abs(p[i]));
        Vec2 a = p, b = p;
        a[i] += h, b[i] -= h;
        hessian.col(i) = (f.gradientAt(a) - f.gradientAt(b)) / (2 * h);
    }
    return hessian;
}

double relativeError(double exact, double numeric, double scale) {
    return std::abs(exact - numeric) / std::max({1.0, std::abs(exact), scale});
}

}  // namespace

TEST_CASE("every built-in landscape has exact derivatives matching finite differences") {
    std::mt19937 random(7);
    for (const auto& name : namedLandscapeNames()) {
        CAPTURE(name);
        auto f = makeLandscape(name);
        const ViewBox box = f->displayBox();
        std::uniform_real_distribution<double> ux(box.xMin, box.xMax), uy(box.yMin, box.yMax);
        for (int trial = 0; trial < 200; ++trial) {
            const Vec2 p(ux(random), uy(random));
            CAPTURE(p.transpose());
            const Vec2 g = f->gradientAt(p), gn = numericGradient(*f, p);
            const double gScale = g.cwiseAbs().maxCoeff();
            for (int i = 0; i < 2; ++i)
                CHECK(relativeError(g[i], gn[i], gScale) < 1e-6);
            const Mat2 h = f->hessianAt(p), hn = numericHessian(*f, p);
            const double hScale = h.cwiseAbs().maxCoeff();
            for (int i = 0; i < 4; ++i)
                CHECK(relativeError(h(i), hn(i), hScale) < 1e-6);
            CHECK(h(0, 1) == doctest::Approx(h(1, 0)));
            Vec2 g2;
            CHECK(f->valueAndGradientAt(p, g2) == doctest::Approx(f->valueAt(p)));
            CHECK((g2 - g).norm() <= 1e-12 * std::max(1.0, g.norm()));
        }
    }
}

TEST_CASE("known minima are stationary points with a positive semidefinite Hessian") {
    for (const auto& name : namedLandscapeNames()) {
        CAPTURE(name);
        auto f = makeLandscape(name);
        CHECK(!f->description().empty());
        CHECK(!f->formula().empty());
        CHECK(f->displayBox().width() > 0);
        CHECK(f->displayBox().contains(f->defaultStart()));
        for (const Vec2& minimum : f->knownMinima()) {
            CAPTURE(minimum.transpose());
            CHECK(f->displayBox().contains(minimum));
            CHECK(f->gradientAt(minimum).norm() < 1e-8);
            Eigen::SelfAdjointEigenSolver<Mat2> eigen(f->hessianAt(minimum));
            CHECK(eigen.eigenvalues().minCoeff() >= -1e-12);
        }
    }
}

TEST_CASE("literature values: Rosenbrock, Himmelblau, Beale minima are zero") {
    CHECK(makeLandscape("rosenbrock")->valueAt({1, 1}) == 0.0);
    CHECK(makeLandscape("rosenbrock")->valueAt({-1.2, 1}) == doctest::Approx(24.2));
    CHECK(makeLandscape("beale")->valueAt({3, 0.5}) == doctest::Approx(0.0));
    auto himmelblau = makeLandscape("himmelblau");
    for (const Vec2& m : himmelblau->knownMinima())
        CHECK(himmelblau->valueAt(m) == doctest::Approx(0.0).epsilon(1e-12));
    CHECK(makeLandscape("saddle")->knownMinima().empty());
    CHECK(makeLandscape("saddle")->valueAt({1, 2}) == -3.0);
}

TEST_CASE("the quadratic has curvatures kappa and 1 along axes rotated by theta") {
    auto f = makeLandscape("quadratic", {{"kappa", 25}, {"theta", 30}});
    Eigen::SelfAdjointEigenSolver<Mat2> eigen(f->hessianAt(Vec2::Zero()));
    CHECK(eigen.eigenvalues()[0] == doctest::Approx(1));
    CHECK(eigen.eigenvalues()[1] == doctest::Approx(25));
    // The steep axis u points along (cos 30, sin 30).
    const Vec2 u(std::cos(M_PI / 6), std::sin(M_PI / 6));
    CHECK(f->valueAt(u) == doctest::Approx(12.5));
    CHECK(f->valueAt(Vec2(-u.y(), u.x())) == doctest::Approx(0.5));
    // Defaults: kappa 10, theta 0.
    auto plain = makeLandscape("quadratic");
    CHECK(plain->valueAt({1, 1}) == doctest::Approx(5.5));
    CHECK(plain->parameters().at(0).value == 10);
}

TEST_CASE("bad landscape names and parameters are refused with the allowed range") {
    CHECK_THROWS_WITH(makeLandscape("nope"), doctest::Contains("unknown landscape 'nope'"));
    CHECK_THROWS_WITH(makeLandscape("quadratic", {{"kappa", -1}}),
                      doctest::Contains("kappa must be in [0.001, 10000]"));
    CHECK_THROWS_WITH(makeLandscape("quadratic", {{"kappa", NAN}}), doctest::Contains("kappa"));
    CHECK_THROWS_WITH(makeLandscape("rosenbrock", {{"kappa", 2}}),
                      doctest::Contains("unknown parameter 'kappa'"));
}

TEST_CASE("at least 14 built-ins, with minima and values where the literature puts them") {
    CHECK(namedLandscapeNames().size() >= 14);
    auto at = [](const std::string& name, const Vec2& p) { return makeLandscape(name)->valueAt(p); };
    auto globalMinimum = [](const std::string& name) { return makeLandscape(name)->knownMinima().front(); };
    CHECK(at("booth", {1, 3}) == 0.0);
    CHECK(globalMinimum("booth").isApprox(Vec2(1, 3)));
    CHECK(at("rastrigin", {0, 0}) == 0.0);
    CHECK(at("ackley", {0, 0}) == doctest::Approx(0.0).epsilon(1e-12));
    CHECK(at("goldstein-price", {0, -1}) == doctest::Approx(3.0));
    CHECK(at("goldstein-price", globalMinimum("goldstein-price")) == doctest::Approx(3.0));
    // Six-hump camel: f* = -1.0316284535 at (+-0.0898420131, -+0.7126564030).
    CHECK(globalMinimum("six-hump-camel").isApprox(Vec2(0.0898420131, -0.7126564030), 1e-9));
    CHECK(at("six-hump-camel", globalMinimum("six-hump-camel")) == doctest::Approx(-1.0316284535));
    // Styblinski-Tang: f* = -39.1661657 per coordinate at the root x = -2.9035340278 of 4x^3 - 32x + 5.
    CHECK(globalMinimum("styblinski-tang").isApprox(Vec2(-2.9035340278, -2.9035340278), 1e-9));
    CHECK(at("styblinski-tang", globalMinimum("styblinski-tang")) == doctest::Approx(-78.3323314));
    CHECK(makeLandscape("monkey-saddle")->hessianAt({0, 0}).isZero());
    CHECK(makeLandscape("rosenbrock", {{"a", 0.5}, {"b", 10}})
              ->knownMinima()
              .front()
              .isApprox(Vec2(0.5, 0.25)));
}

TEST_CASE("two valleys: the left one is deeper, and GD from the right settles in the wrong one") {
    auto f = makeLandscape("two-valleys");
    const auto& minima = f->knownMinima();
    REQUIRE(minima.size() == 2);
    CHECK(minima[0].x() < 0);
    CHECK(minima[1].x() > 0);
    CHECK(f->valueAt(minima[0]) < f->valueAt(minima[1]));
    // The tilt sets the depth difference; with no tilt both valleys are equally deep.
    auto level = makeLandscape("two-valleys", {{"tilt", 0}});
    CHECK(level->valueAt(level->knownMinima()[0]) ==
          doctest::Approx(level->valueAt(level->knownMinima()[1])));
    CHECK_THROWS_WITH(makeLandscape("two-valleys", {{"tilt", 3}}),
                      doctest::Contains("tilt must be in [0, 1]"));
}

TEST_CASE("the plateau has almost no gradient, the cliff a steep one") {
    auto f = makeLandscape("plateau-cliff");
    CHECK(f->gradientAt({2.5, 0}).norm() < 0.2);
    CHECK(f->gradientAt({0.5, 0}).norm() > 2);
    CHECK(f->knownMinima().front().isApprox(Vec2(-1.5, 0), 1e-5));
}
