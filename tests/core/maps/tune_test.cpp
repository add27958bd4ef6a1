// Tuning before comparing (issue 14): the tuner finds what theory says is best on a quadratic, its result
// is the run with the tuned setting, and tuning never makes a racer worse by its criterion.

#include "maps/tune.h"

#include <doctest/doctest.h>

#include <cmath>

using namespace gradscape;

namespace {

OptimizerSettings tuneRacer(const std::string& kind, double lr, Vec2 start) {
    OptimizerSettings racer;
    racer.kind = kind;
    racer.hyperparameters = optimizerInfo(kind).defaults;
    racer.hyperparameters.learningRate = lr;
    racer.start = start;
    return racer;
}

}  // namespace

TEST_CASE("the tuner tunes lr and the second knob a kind has") {
    CHECK(tunedParameters(tuneRacer("gd", 0.1, {0, 0})) == std::vector<std::string>{"lr"});
    CHECK(tunedParameters(tuneRacer("momentum", 0.1, {0, 0})) == std::vector<std::string>{"lr", "momentum"});
    CHECK(tunedParameters(tuneRacer("nesterov", 0.1, {0, 0})) == std::vector<std::string>{"lr", "momentum"});
    CHECK(tunedParameters(tuneRacer("adam", 0.1, {0, 0})) == std::vector<std::string>{"lr", "beta1"});
    CHECK(tunedParameters(tuneRacer("rmsprop", 0.1, {0, 0})) == std::vector<std::string>{"lr", "alpha"});
}

TEST_CASE("tuned by steps on a quadratic, GD finds 2 / (lambda_min + lambda_max) and heavy ball (eta*, beta*)") {
    const double kappa = 25;
    const auto bowl = makeLandscape("quadratic", {{"kappa", kappa}, {"theta", 10}});
    TuneRequest request;
    request.steps = 600;
    request.tolerance = 1e-6;
    request.criterion = TuneCriterion::Steps;

    request.racer = tuneRacer("gd", 1e-3, Vec2(-1.8, 1.2));
    const TuneResult gd = tune(*bowl, request, 2);
    CHECK(gd.improved);
    CHECK(gd.tuned.hyperparameters.learningRate == doctest::Approx(2 / (1 + kappa)).epsilon(0.1));
    CHECK(gd.summary == "tuned lr by steps to the tolerance after 600 steps");

    request.racer = tuneRacer("momentum", 1e-3, Vec2(-1.8, 1.2));
    const TuneResult hb = tune(*bowl, request, 2);
    const double etaStar = std::pow(2 / (1 + std::sqrt(kappa)), 2);
    const double betaStar = std::pow((std::sqrt(kappa) - 1) / (std::sqrt(kappa) + 1), 2);
    CHECK(hb.improved);
    CHECK(hb.tuned.hyperparameters.learningRate == doctest::Approx(etaStar).epsilon(0.25));
    CHECK(hb.tuned.hyperparameters.momentum == doctest::Approx(betaStar).epsilon(0.25));
    // And it is as fast as the theoretical optimum, to a few steps.
    OptimizerSettings optimum = request.racer;
    optimum.hyperparameters.learningRate = etaStar;
    optimum.hyperparameters.momentum = betaStar;
    const MapCell theory = runCell(*bowl, optimum, request.steps, request.tolerance);
    REQUIRE(theory.minimum == 0);
    CHECK(hb.after.steps <= theory.steps + 3);
    CHECK(hb.after.steps < gd.after.steps);  // momentum wins once both are tuned
}

TEST_CASE("a tuned result is the run with the tuned setting, and tuning never makes a racer worse") {
    const auto rosenbrock = makeLandscape("rosenbrock");
    for (const char* kind : {"gd", "adam", "rmsprop", "nesterov"}) {
        CAPTURE(kind);
        TuneRequest request;
        request.racer = tuneRacer(kind, 1e-3, Vec2(-1.2, 1));
        request.steps = 300;
        request.size = 12;
        const TuneResult r = tune(*rosenbrock, request, 2);
        const MapCell again = runCell(*rosenbrock, r.tuned, request.steps, request.tolerance);
        CHECK(again.finalLoss == r.after.finalLoss);
        CHECK(again.end == r.after.end);
        CHECK_FALSE(betterCell(r.before, r.after, request.criterion));
        CHECK(r.after.finalLoss <= r.before.finalLoss);
    }
    TuneRequest bad;
    bad.racer = tuneRacer("gd", 0.01, Vec2(0, 0));
    bad.size = 1;
    CHECK_THROWS_AS(tune(*rosenbrock, bad, 1), std::invalid_argument);
}
