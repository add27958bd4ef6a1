// The theory drawn over parameter maps (issue 14) against the maps measured on quadratics: the stability
// boundaries split diverged from converging cells, heavy ball's optimum sits at the fastest cell, and above
// both critical-damping curves every mode contracts by sqrt(beta) per step.

#include "maps/map_theory.h"

#include <doctest/doctest.h>

#include <cmath>

using namespace gradscape;

namespace {

OptimizerSettings racerOf(const std::string& kind, Vec2 start) {
    OptimizerSettings racer;
    racer.kind = kind;
    racer.hyperparameters = optimizerInfo(kind).defaults;
    racer.start = start;
    return racer;
}

// The curve's y at x, interpolated between its points (NaN outside them).
double curveAt(const TheoryCurve& curve, double x) {
    for (size_t k = 0; k + 1 < curve.points.size(); ++k) {
        const Vec2 a = curve.points[k], b = curve.points[k + 1];
        if (x >= a.x() && x <= b.x()) return a.y() + (x - a.x()) / (b.x() - a.x()) * (b.y() - a.y());
    }
    return NAN;
}

}  // namespace

TEST_CASE("a quadratic bowl's curvatures are found, and any other landscape has none") {
    const auto bowl = makeLandscape("quadratic", {{"kappa", 25}, {"theta", 30}});
    const auto curvatures = quadraticCurvatures(*bowl, bowl->displayBox());
    REQUIRE(curvatures);
    CHECK(curvatures->first == doctest::Approx(1));
    CHECK(curvatures->second == doctest::Approx(25));
    CHECK_FALSE(quadraticCurvatures(*makeLandscape("rosenbrock"), {-2, 2, -1, 3}));
    CHECK_FALSE(quadraticCurvatures(*makeLandscape("saddle"), {-1, 1, -1, 1}));  // not a bowl
    MapRequest basins;
    CHECK_FALSE(mapTheory(*bowl, basins));  // basin maps have no such theory
}

TEST_CASE("GD's boundary eta (lambda_max + wd) = 2 splits the measured lr x weight-decay map") {
    const auto bowl = makeLandscape("quadratic", {{"kappa", 10}, {"theta", 20}});
    MapRequest r;
    r.kind = MapKind::Parameters;
    r.racer = racerOf("gd", Vec2(1.5, -1));
    r.x = {"lr", 0.02, 0.5, true};
    r.y = {"weight-decay", 0, 3, false};
    r.width = r.height = 24;
    r.steps = 1500;
    const auto theory = mapTheory(*bowl, r);
    REQUIRE(theory);
    REQUIRE(theory->curves.size() == 1);
    const TheoryCurve& boundary = theory->curves[0];
    CHECK(boundary.boundary);
    CHECK(boundary.label == "η (λ_max + wd) = 2");
    const MapResult map = computeMap(*bowl, r, 2);
    int checked = 0;
    for (int j = 0; j < r.height; ++j)
        for (int i = 0; i < r.width; ++i) {
            const double eta = r.x.valueAt(i, r.width), wd = r.y.valueAt(j, r.height);
            const double edge = curveAt(boundary, eta);
            // Left of where the curve enters the map, every decay is stable; keep a margin at the curve.
            const bool theoryStable = std::isnan(edge) ? eta * (10 + wd) < 2 : wd < edge;
            if (std::abs(eta * (10 + wd) - 2) < 0.08) continue;
            CAPTURE(eta);
            CAPTURE(wd);
            CHECK(map.at(i, j).diverged == !theoryStable);
            ++checked;
        }
    CHECK(checked > 400);
}

TEST_CASE("heavy ball's theory matches its measured lr x momentum map: region, optimum, critical damping") {
    const double kappa = 16;
    const auto bowl = makeLandscape("quadratic", {{"kappa", kappa}});
    MapRequest r;
    r.kind = MapKind::Parameters;
    r.racer = racerOf("momentum", Vec2(-1.8, 1.2));
    r.x = {"lr", 0.005, 0.3, true};
    r.y = {"momentum", 0, 0.95, false};
    r.width = r.height = 40;
    r.steps = 2500;
    const auto theory = mapTheory(*bowl, r);
    REQUIRE(theory);
    REQUIRE(theory->curves.size() == 3);
    CHECK(theory->curves[0].label == "η λ_max = 2 + 2β");
    CHECK(theory->curves[1].label == "critical damping, λ_min");
    CHECK(theory->curves[2].label == "critical damping, λ_max");
    REQUIRE(theory->optimum);
    CHECK(theory->optimum->x() == doctest::Approx(std::pow(2 / (1 + 4.0), 2)));
    CHECK(theory->optimum->y() == doctest::Approx(std::pow(3 / 5.0, 2)));
    CHECK(theory->optimalRate == doctest::Approx(0.6));

    const MapResult map = computeMap(*bowl, r, 2);
    int boundaryChecked = 0, dampedChecked = 0;
    double fastest = 2;
    Vec2 fastestAt = Vec2::Zero();
    for (int j = 0; j < r.height; ++j)
        for (int i = 0; i < r.width; ++i) {
            const double eta = r.x.valueAt(i, r.width), beta = r.y.valueAt(j, r.height);
            const MapCell& c = map.at(i, j);
            CAPTURE(eta);
            CAPTURE(beta);
            // The boundary curve: stable above it (beta > eta lambda_max / 2 - 1).
            const double edge = eta * kappa / 2 - 1;
            if (std::abs(beta - edge) > 0.03) {
                CHECK(c.diverged == (beta < edge));
                ++boundaryChecked;
            }
            // Above both critical-damping curves (and stable), both modes turn: each shrinks by sqrt(beta).
            const double lowCritical = curveAt(theory->curves[1], eta), highCritical = curveAt(theory->curves[2], eta);
            const bool aboveBoth = (std::isnan(lowCritical) || beta > lowCritical + 0.03) &&
                                   (std::isnan(highCritical) || beta > highCritical + 0.03) &&
                                   std::sqrt(eta * 1) < 1 + std::sqrt(beta) - 0.05 && beta > edge + 0.05;
            if (aboveBoth && !c.diverged && std::isfinite(c.rate) && std::sqrt(beta) < 0.99) {
                CHECK(c.rate == doctest::Approx(std::sqrt(beta)).epsilon(0.03));
                ++dampedChecked;
            }
            if (!c.diverged && std::isfinite(c.rate) && c.rate < fastest) fastest = c.rate, fastestAt = Vec2(i, j);
        }
    CHECK(boundaryChecked > 1000);
    CHECK(dampedChecked > 100);
    // The fastest measured cell lies within two cells of (eta*, beta*), and is as fast as theory says.
    CHECK(std::abs(r.x.cellOf(theory->optimum->x(), r.width) - (fastestAt.x() + 0.5)) < 2.5);
    CHECK(std::abs(r.y.cellOf(theory->optimum->y(), r.height) - (fastestAt.y() + 0.5)) < 2.5);
    CHECK(fastest == doctest::Approx(theory->optimalRate).epsilon(0.05));
}

TEST_CASE("no theory where the closed forms do not hold") {
    const auto bowl = makeLandscape("quadratic");
    MapRequest r;
    r.kind = MapKind::Parameters;
    r.racer = racerOf("momentum", Vec2(1, 1));
    r.x = {"lr", 0.01, 1, true};
    r.y = {"momentum", 0, 0.9, false};
    CHECK(mapTheory(*bowl, r));
    r.racer.hyperparameters.dampening = 0.5;
    CHECK_FALSE(mapTheory(*bowl, r));
    r.racer.hyperparameters.dampening = 0;
    r.racer.hyperparameters.schedule.kind = Schedule::Kind::Cosine;
    CHECK_FALSE(mapTheory(*bowl, r));
    r.racer = racerOf("adam", Vec2(1, 1));
    r.y = {"beta1", 0, 0.9, false};
    CHECK_FALSE(mapTheory(*bowl, r));
    r.racer = racerOf("momentum", Vec2(1, 1));
    r.y = {"momentum", 0, 0.9, false};
    CHECK_FALSE(mapTheory(*makeLandscape("rosenbrock"), r));
}
