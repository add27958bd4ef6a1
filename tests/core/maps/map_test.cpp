// Maps (issue 14): every cell is the run `gradscape run` makes from it, the parameter maps agree with the
// theory of GD and heavy ball on a quadratic, and a computation stops when cancelled.

#include "maps/map.h"
#include "maps/map_axis.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <complex>
#include <set>
#include <stdexcept>
#include <string>

using namespace gradscape;

namespace {

OptimizerSettings racerOf(const std::string& kind, double lr, Vec2 start = Vec2::Zero()) {
    OptimizerSettings racer;
    racer.kind = kind;
    racer.hyperparameters = optimizerInfo(kind).defaults;
    racer.hyperparameters.learningRate = lr;
    racer.start = start;
    return racer;
}

// The spectral radius of heavy ball's iteration on one curvature: the larger root's modulus of
// z^2 - (1 + beta - eta lambda) z + beta.
double heavyBallRadius(double eta, double beta, double lambda) {
    const std::complex<double> b = 1 + beta - eta * lambda;
    const std::complex<double> root = std::sqrt(b * b - 4.0 * beta);
    return std::max(std::abs((b + root) / 2.0), std::abs((b - root) / 2.0));
}

}  // namespace

TEST_CASE("a map axis reads NAME:MIN:MAX[:log], samples cell centres and says what is wrong") {
    const MapAxis lr = parseMapAxis("lr:0.0001:1:log", "--x");
    CHECK(lr.name == "lr");
    CHECK(lr.log);
    CHECK(lr.valueAt(0, 4) == doctest::Approx(std::pow(10.0, -3.5)));
    CHECK(lr.valueAt(3, 4) == doctest::Approx(std::pow(10.0, -0.5)));
    CHECK(lr.cellOf(lr.valueAt(2, 4), 4) == doctest::Approx(2.5));
    const MapAxis m = parseMapAxis("momentum:0:0.99", "--y");
    CHECK_FALSE(m.log);
    CHECK(m.valueAt(0, 3) == doctest::Approx(0.165));
    CHECK(parseMapAxis(m.spec(), "--y") == m);
    for (auto [text, why] : {std::pair{"lr:1", "expected NAME:MIN:MAX"}, {"lr:1:0.1", "MIN must be below MAX"},
                             {"lr:0:1:log", "a log axis needs MIN > 0"}, {"lr:a:1", "MIN must be a finite number"},
                             {"lr:0:nan", "MAX must be a finite number"}, {":0:1", "needs a name"},
                             {"lr:0:1:cubic", "'log' or 'linear'"}}) {
        CAPTURE(text);
        try {
            parseMapAxis(text, "--x");
            FAIL("accepted");
        } catch (const std::invalid_argument& e) {
            const std::string message = e.what();
            CHECK(message.find("--x: ") == 0);
            CHECK(message.find(why) != std::string::npos);
            CHECK(message.find(text) != std::string::npos);
        }
    }
}

TEST_CASE("each basin cell is the run from its start: checked against gradient descent written out here") {
    const auto himmelblau = makeLandscape("himmelblau");
    MapRequest request;
    request.racer = racerOf("gd", 0.01);
    request.x = {"x", -5, 5, false};
    request.y = {"y", -5, 5, false};
    request.width = 9, request.height = 7;
    request.steps = 300;
    request.tolerance = 1e-4;
    const MapResult map = computeMap(*himmelblau, request, 2);
    REQUIRE(map.complete);
    std::set<int> reached;
    for (int j = 0; j < request.height; ++j)
        for (int i = 0; i < request.width; ++i) {
            CAPTURE(i);
            CAPTURE(j);
            const MapCell& cell = map.at(i, j);
            Vec2 x(-5 + (i + 0.5) * 10 / 9, -5 + (j + 0.5) * 10 / 7);
            int arrived = 0;
            const auto& minima = himmelblau->knownMinima();
            for (int k = 1; k <= request.steps; ++k) {
                x -= 0.01 * himmelblau->gradientAt(x);
                bool near = false;
                for (const Vec2& m : minima)
                    near = near || (x - m).norm() <= 1e-4;
                if (!near) arrived = k + 1;
            }
            CHECK(cell.end.x() == doctest::Approx(x.x()).epsilon(1e-12));
            CHECK(cell.end.y() == doctest::Approx(x.y()).epsilon(1e-12));
            CHECK(cell.finalLoss == doctest::Approx(himmelblau->valueAt(x)).epsilon(1e-9).scale(1e-12));
            CHECK_FALSE(cell.diverged);
            CHECK(cell.stepsRun == request.steps);
            REQUIRE(cell.minimum >= 0);
            CHECK((minima[cell.minimum] - x).norm() <= 1e-4);
            CHECK(cell.steps == arrived);
            reached.insert(cell.minimum);
        }
    CHECK(reached.size() == 4);  // Himmelblau's four minima each draw a basin
}

TEST_CASE("a cell is exactly runCell of its racer, whatever the thread count") {
    const auto camel = makeLandscape("six-hump-camel");
    MapRequest request;
    request.racer = racerOf("adam", 0.05);
    request.x = {"x", -2, 2, false};
    request.y = {"y", -1, 1, false};
    request.width = 6, request.height = 5;
    request.steps = 200;
    const MapResult one = computeMap(*camel, request, 1), two = computeMap(*camel, request, 2);
    for (int j = 0; j < 5; ++j)
        for (int i = 0; i < 6; ++i) {
            const MapCell alone = runCell(*camel, cellRacer(request, i, j), request.steps, request.tolerance);
            for (const MapResult* map : {&one, &two}) {
                const MapCell& c = map->at(i, j);
                CHECK(c.end == alone.end);
                CHECK(c.finalLoss == alone.finalLoss);
                CHECK(c.minimum == alone.minimum);
                CHECK(c.steps == alone.steps);
            }
        }
}

TEST_CASE("Newton's basins on Himmelblau reach every minimum, and a diverging start is marked") {
    const auto himmelblau = makeLandscape("himmelblau");
    MapRequest request;
    request.racer = racerOf("newton", 1.0);
    request.x = {"x", -6, 6, false};
    request.y = {"y", -6, 6, false};
    request.width = request.height = 24;
    request.steps = 60;
    const MapResult map = computeMap(*himmelblau, request, 2);
    std::set<int> reached;
    int none = 0;
    for (const MapCell& c : map.cells) {
        if (c.minimum >= 0) reached.insert(c.minimum);
        none += c.minimum < 0;
    }
    CHECK(reached.size() == 4);
    // Plain Newton also goes to Himmelblau's saddles and its maximum: those starts reach no minimum.
    CHECK(none > 0);

    const auto quadratic = makeLandscape("quadratic", {{"kappa", 10}});
    MapRequest blowUp;
    blowUp.racer = racerOf("gd", 0.5);  // 0.5 * 10 = 5 > 2: every start but the minimum diverges
    blowUp.x = {"x", 0.5, 1, false};
    blowUp.y = {"y", 0.5, 1, false};
    blowUp.width = blowUp.height = 2;
    blowUp.steps = 1000;
    for (const MapCell& c : computeMap(*quadratic, blowUp, 1).cells) {
        CHECK(c.diverged);
        CHECK(c.minimum == -1);
        CHECK(c.steps == -1);
        CHECK(c.stepsRun < 1000);
        CHECK(c.rate > 2);  // |1 - 0.5 * 10| = 4 per step, measured on the way out
    }
}

TEST_CASE("GD's map over lr x weight decay on a quadratic diverges exactly where eta (lambda_max + wd) > 2") {
    const double kappa = 10;
    const auto quadratic = makeLandscape("quadratic", {{"kappa", kappa}, {"theta", 30}});
    MapRequest request;
    request.kind = MapKind::Parameters;
    request.racer = racerOf("gd", 0.1, Vec2(1.5, -1));
    request.x = {"lr", 0.01, 0.4, false};
    request.y = {"weight-decay", 0, 2, false};
    request.width = 20, request.height = 10;
    request.steps = 2000;
    REQUIRE(checkMapRequest(request).empty());
    const MapResult map = computeMap(*quadratic, request, 2);
    int checked = 0;
    for (int j = 0; j < request.height; ++j)
        for (int i = 0; i < request.width; ++i) {
            const double eta = request.x.valueAt(i, request.width), wd = request.y.valueAt(j, request.height);
            const double theory = std::max(std::abs(1 - eta * (kappa + wd)), std::abs(1 - eta * (1 + wd)));
            const MapCell& c = map.at(i, j);
            CAPTURE(eta);
            CAPTURE(wd);
            if (std::abs(theory - 1) < 0.02) continue;  // on the edge, 2000 steps cannot tell
            ++checked;
            CHECK(c.diverged == (theory > 1));
            // With decay the minimum of f + wd/2 |x|^2 is still the origin: the rate is the theory's.
            CHECK(c.rate == doctest::Approx(theory).epsilon(0.01));
        }
    CHECK(checked > 150);
}

TEST_CASE("heavy ball's map over lr x momentum matches its spectral radius and the region eta lambda < 2 + 2 beta") {
    const double kappa = 25;
    const auto quadratic = makeLandscape("quadratic", {{"kappa", kappa}});
    MapRequest request;
    request.kind = MapKind::Parameters;
    request.racer = racerOf("momentum", 0.01, Vec2(-1.8, 1.2));
    request.x = {"lr", 1e-3, 0.2, true};
    request.y = {"momentum", 0, 0.95, false};
    request.width = 16, request.height = 12;
    request.steps = 3000;
    const MapResult map = computeMap(*quadratic, request, 2);
    int inside = 0, outside = 0;
    for (int j = 0; j < request.height; ++j)
        for (int i = 0; i < request.width; ++i) {
            const double eta = request.x.valueAt(i, request.width), beta = request.y.valueAt(j, request.height);
            const double rho = std::max(heavyBallRadius(eta, beta, kappa), heavyBallRadius(eta, beta, 1));
            const bool stable = eta * kappa < 2 + 2 * beta;  // the region, for every lambda in {1, kappa}
            CAPTURE(eta);
            CAPTURE(beta);
            CHECK(stable == (rho < 1));
            const MapCell& c = map.at(i, j);
            if (std::abs(rho - 1) < 0.01) continue;
            CHECK(c.diverged == !stable);
            (stable ? inside : outside)++;
            if (rho < 0.995) CHECK(c.rate == doctest::Approx(rho).epsilon(0.02));
        }
    CHECK(inside > 60);
    CHECK(outside > 15);
    // The optimum (eta*, beta*) = ((2 / (sqrt(l1) + sqrt(ln)))^2, ((sqrt(kappa) - 1) / (sqrt(kappa) + 1))^2)
    // has the smallest radius, (sqrt(kappa) - 1) / (sqrt(kappa) + 1), and the map's cell there shows it.
    const double etaStar = std::pow(2 / (std::sqrt(kappa) + 1), 2);
    const double betaStar = std::pow((std::sqrt(kappa) - 1) / (std::sqrt(kappa) + 1), 2);
    OptimizerSettings best = request.racer;
    best.hyperparameters.learningRate = etaStar;
    best.hyperparameters.momentum = betaStar;
    const MapCell optimum = runCell(*quadratic, best, 200, 1e-6);
    CHECK(optimum.minimum == 0);
    double smallest = 1;
    for (const MapCell& c : map.cells)
        if (!c.diverged && std::isfinite(c.rate)) smallest = std::min(smallest, c.rate);
    CHECK(optimum.rate < smallest + 0.02);
    CHECK(optimum.rate == doctest::Approx((std::sqrt(kappa) - 1) / (std::sqrt(kappa) + 1)).epsilon(0.1));
}

TEST_CASE("a map request names what is wrong with it") {
    MapRequest request;
    request.kind = MapKind::Parameters;
    request.racer = racerOf("gd", 0.1);
    request.x = {"lr", 1e-3, 1, true};
    request.y = {"momentum", 0, 0.9, false};
    CHECK(checkMapRequest(request) == "--y: gd does not read momentum; it reads lr, weight-decay");
    request.y = {"lr", 0, 0.9, false};
    CHECK(checkMapRequest(request) == "--y: the two axes must be different hyperparameters");
    request.racer = racerOf("momentum", 0.1);
    request.y = {"momentum", 0, 1.5, false};
    CHECK(checkMapRequest(request).find("--y: momentum must be in") == 0);
    request.y = {"momentum", 0, 0.9, false};
    CHECK(checkMapRequest(request).empty());
    request.width = 0;
    CHECK(checkMapRequest(request).find("--size") == 0);
    request.width = 8;
    request.tolerance = -1;
    CHECK(checkMapRequest(request).find("--tol") == 0);
    request.tolerance = 1e-3;
    request.kind = MapKind::Basins;
    CHECK(checkMapRequest(request).find("--x: a basin map's x axis") == 0);
    CHECK_THROWS_AS(computeMap(*makeLandscape("quadratic"), request, 1), std::invalid_argument);
}

TEST_CASE("a cancelled map stops between cells and says it is not complete") {
    const auto rosenbrock = makeLandscape("rosenbrock");
    MapRequest request;
    request.racer = racerOf("gd", 1e-3);
    request.x = {"x", -2, 2, false};
    request.y = {"y", -1, 3, false};
    request.width = request.height = 64;
    request.steps = 2000;
    std::atomic<bool> cancel{false};
    long heard = 0;
    const MapResult map = computeMap(*rosenbrock, request, 2, &cancel, [&](long done, long total) {
        CHECK(total == 64 * 64);
        CHECK(done > heard);
        heard = done;
        if (done >= 128) cancel = true;
    });
    CHECK_FALSE(map.complete);
    CHECK(heard < 64 * 64);
    std::atomic<bool> never{false};
    request.width = request.height = 4;
    CHECK(computeMap(*rosenbrock, request, 2, &never).complete);
}
