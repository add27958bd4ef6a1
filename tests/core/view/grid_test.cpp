#include "view/grid.h"

#include <doctest/doctest.h>

#include <cmath>
#include <stdexcept>

using namespace gradscape;

namespace {
// Throws for every sample in the upper half of the plane: rows a helper thread samples, on any machine.
class ThrowingLandscape final : public Landscape {
  public:
    double valueAt(const Vec2& p) const override {
        if (p.y() > 0) throw std::runtime_error("cannot evaluate above the x axis");
        return p.x();
    }
    Vec2 gradientAt(const Vec2&) const override { return {1, 0}; }
    Mat2 hessianAt(const Vec2&) const override { return Mat2::Zero(); }
};

class SqrtLandscape final : public Landscape {
  public:
    double valueAt(const Vec2& p) const override { return std::sqrt(p.x()); }
    Vec2 gradientAt(const Vec2& p) const override { return {0.5 / std::sqrt(p.x()), 0}; }
    Mat2 hessianAt(const Vec2& p) const override { return Mat2::Zero(); }
};
}  // namespace

TEST_CASE("a sampled grid holds f at the cell centres with its finite range") {
    auto f = makeLandscape("rosenbrock");
    const ViewBox box{-2, 2, -1, 3};
    Grid grid = sampleGrid(f, box, 64, 32);
    REQUIRE(grid.values.size() == 64u * 32u);
    CHECK(grid.cellCenter(0, 0).isApprox(Vec2(-2 + 4.0 / 128, -1 + 4.0 / 64)));
    double lo = 1e300, hi = -1e300;
    for (int row = 0; row < 32; ++row)
        for (int column = 0; column < 64; ++column) {
            const double f0 = f->valueAt(grid.cellCenter(column, row));
            CHECK(grid.values[row * 64 + column] == doctest::Approx(f0).epsilon(1e-6));
            lo = std::min(lo, f0), hi = std::max(hi, f0);
        }
    CHECK(grid.minimum == doctest::Approx(lo));
    CHECK(grid.maximum == doctest::Approx(hi));
    CHECK(grid.landscape == f);
}

TEST_CASE("samples where f is not finite are NaN and excluded from the range") {
    Grid grid = sampleGrid(std::make_shared<SqrtLandscape>(), {-1, 1, 0, 1}, 4, 1);
    CHECK(std::isnan(grid.values[0]));
    CHECK(std::isnan(grid.values[1]));
    CHECK(grid.values[3] == doctest::Approx(std::sqrt(0.75)));
    CHECK(grid.minimum == doctest::Approx(std::sqrt(0.25)));
}

TEST_CASE("the grid sampler works in the background and the latest request wins") {
    GridSampler sampler;
    CHECK(sampler.latest() == nullptr);
    auto f = makeLandscape("himmelblau");
    for (int i = 1; i <= 50; ++i)
        sampler.request(f, {-i * 0.1, i * 0.1, -1, 1}, 128, 128);
    auto grid = sampler.waitUntilIdle();
    REQUIRE(grid != nullptr);
    CHECK(grid->box == ViewBox{-5, 5, -1, 1});
    CHECK(grid->generation >= 1);
    CHECK(grid->generation <= 50);
    // Repeating the last request does not sample again.
    sampler.request(f, {-5, 5, -1, 1}, 128, 128);
    CHECK(sampler.waitUntilIdle()->generation == grid->generation);
}

TEST_CASE("a landscape that throws while sampling leaves the sampler's previous grid") {
    CHECK_THROWS_WITH_AS(sampleGrid(std::make_shared<ThrowingLandscape>(), {-1, 1, -1, 1}, 8, 64),
                         "cannot evaluate above the x axis", std::runtime_error);
    GridSampler sampler;
    auto f = makeLandscape("himmelblau");
    sampler.request(f, {-1, 1, -1, 1}, 32, 32);
    const auto good = sampler.waitUntilIdle();
    REQUIRE(good != nullptr);
    sampler.request(std::make_shared<ThrowingLandscape>(), {-1, 1, -1, 1}, 32, 32);
    CHECK(sampler.waitUntilIdle() == good);
}

TEST_CASE("every landscape's grid holds f at the cell centres, separable fast paths included") {
    for (const auto& name : namedLandscapeNames()) {
        CAPTURE(name);
        auto f = makeLandscape(name);
        const Grid grid = sampleGrid(f, f->displayBox(), 37, 23);
        for (int row = 0; row < grid.height; row += 5)
            for (int column = 0; column < grid.width; column += 7) {
                const double exact = f->valueAt(grid.cellCenter(column, row));
                CHECK(grid.values[row * grid.width + column] ==
                      doctest::Approx(exact).epsilon(1e-6).scale(1e-6));
            }
    }
}
