// The optimizers of parameter vectors of any size (optimizers/parameter_optimizer.h): through
// LandscapeProblem they match torch.optim's golden trajectories and equal the 2D racers bit for bit; on an
// N = 5 diagonal quadratic they follow the closed forms. (parameter_kinds_test.cpp: Newton, BFGS, L-BFGS,
// coordinate descent, random search and SGD in N dimensions, and minibatch runs.)

#include "optimizers/parameter_optimizer.h"

#include "landscapes/landscape.h"
#include "landscapes/problem.h"
#include "optimizers/momentum.h"
#include "optimizers/optimizer.h"
#include "optimizers/trajectory.h"

#include "support/torch_golden.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>

using namespace gradscape;
using gradscape::testing::loadTorchGolden;
using gradscape::testing::torchGoldenError;
using gradscape::testing::torchGoldenHyperparameters;

namespace {

VecX vec2AsParameters(const Vec2& p) { return VecX{{p.x(), p.y()}}; }

// Runs `kind` both ways from `start`: the 2D racer and the parameter optimizer through LandscapeProblem.
struct BothPaths {
    Trajectory planar;
    ParameterPath parameters;
};

BothPaths runBothWays(const std::string& kind, const Hyperparameters& h, const Landscape& landscape, Vec2 start,
                      int steps) {
    BothPaths result;
    auto planar = makeOptimizer(kind, h);
    result.planar = startTrajectory(landscape, start);
    advanceTrajectory(result.planar, *planar, landscape, steps);
    const LandscapeProblem problem(landscape, start);
    auto optimizer = makeParameterOptimizer(kind, h);
    result.parameters = startParameterPath(problem, problem.initialParameters());
    advanceParameterPath(result.parameters, *optimizer, problem, steps);
    return result;
}

// Whether the two runs are the same bit for bit: every iterate, every loss, the divergence step.
void checkBitIdentical(const BothPaths& both) {
    const Trajectory& t = both.planar;
    const ParameterPath& p = both.parameters;
    REQUIRE(p.steps() == t.steps());
    CHECK(p.divergedAtStep == t.divergedAtStep);
    REQUIRE(p.keptStride == 1);
    REQUIRE(p.iterates.size() == t.points.size());
    int mismatches = 0;
    for (std::size_t k = 0; k < t.points.size(); ++k)
        if (!(p.iterates[k] == vec2AsParameters(t.points[k]) && p.losses[k] == t.losses[k])) ++mismatches;
    CHECK(mismatches == 0);
    CHECK(p.last == vec2AsParameters(t.points.back()));
}

// f(w) = 1/2 sum_i lambda_i w_i^2, n = lambdas.size(): a loss whose runs are known in closed form.
class DiagonalQuadraticProblem final : public Problem {
  public:
    DiagonalQuadraticProblem(VecX lambdas, VecX start) : lambdas_(std::move(lambdas)), start_(std::move(start)) {}
    int dimension() const override { return static_cast<int>(lambdas_.size()); }
    double valueAt(const VecX& w) const override { return 0.5 * w.dot(lambdas_.cwiseProduct(w)); }
    double valueAndGradientAt(const VecX& w, VecX& gradient) const override {
        gradient = lambdas_.cwiseProduct(w);
        return valueAt(w);
    }
    void hessianVectorProduct(const VecX&, const VecX& v, VecX& product) const override {
        product = lambdas_.cwiseProduct(v);
    }
    VecX initialParameters() const override { return start_; }
    std::string name() const override { return "diagonal quadratic"; }

  private:
    VecX lambdas_, start_;
};

// lambda = (0, 0.5, 1, 2, 4): one flat coordinate, where only weight decay moves w.
DiagonalQuadraticProblem fiveParameterQuadratic() {
    return {VecX{{0.0, 0.5, 1.0, 2.0, 4.0}}, VecX{{1.0, -2.0, 0.75, 1.5, -0.5}}};
}

Hyperparameters parameterTestRate(double learningRate) {
    Hyperparameters h;
    h.learningRate = learningRate;
    return h;
}

double worstRelativeError(const VecX& ours, const VecX& expected) {
    double worst = 0;
    for (Eigen::Index i = 0; i < ours.size(); ++i)
        worst = std::max(worst, std::abs(ours[i] - expected[i]) / std::max(std::abs(expected[i]), 1e-300));
    return worst;
}

}  // namespace

TEST_CASE("parameter optimizers match every torch.optim golden trajectory and equal the 2D path bit for bit") {
    const nlohmann::json fixture = loadTorchGolden();
    const int steps = fixture["steps"];
    std::set<std::string> kindsCovered;
    for (const nlohmann::json& c : fixture["cases"]) {
        const std::string name = c["name"], kind = c["optimizer"];
        CAPTURE(name);
        kindsCovered.insert(kind);
        std::map<std::string, double> landscapeParameters;
        for (auto& [key, value] : c["landscape_parameters"].items())
            landscapeParameters[key] = value.get<double>();
        auto landscape = makeLandscape(c["landscape"], landscapeParameters);
        const BothPaths both = runBothWays(kind, torchGoldenHyperparameters(kind, c["hyperparameters"]),
                                           *landscape, Vec2(c["start"][0], c["start"][1]), steps);
        const ParameterPath& p = both.parameters;
        REQUIRE(p.steps() == steps);
        const std::vector<double> xs = c["x"], ys = c["y"], losses = c["loss"];
        const double pointScale = std::max(std::abs(xs[0]), std::abs(ys[0]));
        double worst = 0;
        for (int k = 0; k <= steps; ++k)
            worst = std::max({worst, torchGoldenError(p.iterates[k][0], xs[k], pointScale),
                              torchGoldenError(p.iterates[k][1], ys[k], pointScale),
                              torchGoldenError(p.losses[k], losses[k], losses[0])});
        CHECK(worst <= 1e-9);
        checkBitIdentical(both);
    }
    CHECK(kindsCovered ==
          std::set<std::string>{"gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw"});
}

TEST_CASE("every kind and option equals the 2D racer bit for bit, schedules and divergence included") {
    auto rosenbrock = makeLandscape("rosenbrock", {});
    Schedule cosine;
    cosine.kind = Schedule::Kind::Cosine;
    cosine.period = 150;
    Schedule stepDecay;
    stepDecay.kind = Schedule::Kind::StepDecay;
    stepDecay.stepSize = 40;
    struct Variant {
        std::string kind;
        const char* what;
        void (*set)(Hyperparameters&);
    };
    const std::vector<Variant> variants = {
        {"gd", "plain", [](Hyperparameters&) {}},
        {"gd", "line search", [](Hyperparameters& h) { h.lineSearch = true, h.learningRate = 0.05; }},
        {"gd", "diverging", [](Hyperparameters& h) { h.learningRate = 0.02; }},
        {"momentum", "dampening", [](Hyperparameters& h) { h.dampening = 0.3; }},
        {"momentum", "EMA form", [](Hyperparameters& h) { h.dampeningFollowsMomentum = true, h.learningRate = 0.01; }},
        {"nesterov", "torch form", [](Hyperparameters&) {}},
        {"nesterov", "look-ahead form", [](Hyperparameters& h) { h.lookAhead = true; }},
        {"adagrad", "plain", [](Hyperparameters& h) { h.learningRate = 0.1; }},
        {"rmsprop", "plain", [](Hyperparameters&) {}},
        {"adam", "no bias correction", [](Hyperparameters& h) { h.biasCorrection = false, h.learningRate = 0.02; }},
        {"adam", "eps inside the root", [](Hyperparameters& h) { h.epsilonInsideSqrt = true, h.learningRate = 0.02; }},
        {"adamw", "plain", [](Hyperparameters& h) { h.learningRate = 0.02; }},
        {"signsgd", "plain", [](Hyperparameters& h) { h.learningRate = 0.01; }},
        {"sgd", "noise", [](Hyperparameters& h) { h.seed = 5; }},
        {"sgd", "less noise", [](Hyperparameters& h) { h.noise = 0.3, h.seed = 6, h.learningRate = 0.002; }},
        {"coordinate", "plain", [](Hyperparameters& h) { h.learningRate = 0.002; }},
        {"randomsearch", "plain", [](Hyperparameters& h) { h.learningRate = 0.1, h.seed = 7; }},
        {"newton", "pure", [](Hyperparameters&) {}},
        {"newton", "damped", [](Hyperparameters& h) { h.damping = 1.0, h.learningRate = 0.5; }},
        {"newton", "line search", [](Hyperparameters& h) { h.lineSearch = true; }},
        {"bfgs", "plain", [](Hyperparameters&) {}},
        {"lbfgs", "plain", [](Hyperparameters&) {}},
        {"lbfgs", "memory 3", [](Hyperparameters& h) { h.memory = 3; }},
    };
    for (const Variant& v : variants) {
        for (const Schedule& schedule : {Schedule{}, cosine, stepDecay}) {
            CAPTURE(v.kind);
            CAPTURE(v.what);
            CAPTURE(schedule.spec());
            Hyperparameters h = optimizerInfo(v.kind).defaults;
            h.weightDecay = v.kind == "adamw" ? 0.05 : 0.01;
            v.set(h);
            h.schedule = schedule;
            checkBitIdentical(runBothWays(v.kind, h, *rosenbrock, Vec2(-1.2, 1.0), 300));
        }
    }
    // The diverging run really diverged, at the same step both ways.
    Hyperparameters fast = optimizerInfo("gd").defaults;
    fast.learningRate = 0.02;
    const BothPaths diverging = runBothWays("gd", fast, *rosenbrock, Vec2(-1.2, 1.0), 300);
    CHECK(diverging.parameters.diverged());
    CHECK(diverging.parameters.divergedAtStep == diverging.planar.divergedAtStep);
}

TEST_CASE("gradient descent on an N = 5 diagonal quadratic follows w_k = (1 - eta (lambda_i + wd))^k w_0") {
    const DiagonalQuadraticProblem problem = fiveParameterQuadratic();
    const VecX lambdas{{0.0, 0.5, 1.0, 2.0, 4.0}};
    for (const double weightDecay : {0.0, 0.1}) {
        CAPTURE(weightDecay);
        Hyperparameters h = parameterTestRate(0.1);
        h.weightDecay = weightDecay;
        auto gd = makeParameterOptimizer("gd", h);
        ParameterPath path = startParameterPath(problem, problem.initialParameters());
        advanceParameterPath(path, *gd, problem, 50);
        REQUIRE(path.steps() == 50);
        CHECK(gd->stepsTaken() == 50);
        for (const int k : {1, 7, 50}) {
            VecX expected(5);
            for (int i = 0; i < 5; ++i)
                expected[i] = std::pow(1 - 0.1 * (lambdas[i] + weightDecay), k) * problem.initialParameters()[i];
            CAPTURE(k);
            CHECK(worstRelativeError(path.iterates[static_cast<std::size_t>(k)], expected) < 1e-13);
        }
        // The flat coordinate moves only under weight decay.
        CHECK((path.last[0] == 1.0) == (weightDecay == 0.0));
    }
}

TEST_CASE("a schedule sets each step's learning rate on N parameters: w_{k+1,i} = (1 - eta_k lambda_i) w_{k,i}") {
    const DiagonalQuadraticProblem problem = fiveParameterQuadratic();
    const VecX lambdas{{0.0, 0.5, 1.0, 2.0, 4.0}};
    Hyperparameters h = parameterTestRate(0.2);
    h.schedule = parseSchedule("step:3:0.5");
    auto gd = makeParameterOptimizer("gd", h);
    ParameterPath path = startParameterPath(problem, problem.initialParameters());
    advanceParameterPath(path, *gd, problem, 10);
    VecX expected = problem.initialParameters();
    for (int k = 0; k < 10; ++k) {
        const double eta = 0.2 * std::pow(0.5, k / 3);
        for (int i = 0; i < 5; ++i) expected[i] *= 1 - eta * lambdas[i];
    }
    CHECK(worstRelativeError(path.last, expected) < 1e-13);
}

TEST_CASE("Adam's first step on N parameters is -eta sign(g) per coordinate; AdamW's decay is decoupled") {
    const DiagonalQuadraticProblem problem = fiveParameterQuadratic();
    const VecX w0 = problem.initialParameters();
    VecX g0;
    problem.valueAndGradientAt(w0, g0);
    Hyperparameters h = parameterTestRate(0.01);
    h.epsilon = 1e-12;

    auto adam = makeParameterOptimizer("adam", h);
    const VecX w1 = adam->step(problem, w0, g0);
    // Coordinate 0 is flat (g = 0): m = v = 0, so it does not move.
    CHECK(w1[0] == w0[0]);
    for (int i = 1; i < 5; ++i) CHECK(w1[i] == doctest::Approx(w0[i] - 0.01 * (g0[i] > 0 ? 1 : -1)).epsilon(1e-9));

    // Adam's L2: the flat coordinate's gradient is wd w, so it too takes a full -eta sign(w) first step.
    h.weightDecay = 0.1;
    auto adamL2 = makeParameterOptimizer("adam", h);
    CHECK(adamL2->step(problem, w0, g0)[0] == doctest::Approx(w0[0] - 0.01).epsilon(1e-9));

    // AdamW: the flat coordinate only shrinks, w_k = (1 - eta wd)^k w_0, whatever its moments do.
    auto adamw = makeParameterOptimizer("adamw", h);
    ParameterPath path = startParameterPath(problem, w0);
    advanceParameterPath(path, *adamw, problem, 20);
    CHECK(path.last[0] == doctest::Approx(std::pow(1 - 0.01 * 0.1, 20) * w0[0]).epsilon(1e-13));
    CHECK(std::abs(path.last[4]) < std::abs(w0[4]));
}

TEST_CASE("momentum's state is sized by the first step, and a reset gives the same run again on another size") {
    const DiagonalQuadraticProblem five = fiveParameterQuadratic();
    const DiagonalQuadraticProblem three(VecX{{1.0, 2.0, 3.0}}, VecX{{1.0, 1.0, 1.0}});
    ParameterStepper<MomentumRule<VecX>> momentum(parameterTestRate(0.05));
    CHECK(momentum.rule().velocity.size() == 0);
    ParameterPath first = startParameterPath(five, five.initialParameters());
    advanceParameterPath(first, momentum, five, 30);
    CHECK(momentum.rule().velocity.size() == 5);
    // v_1 = g_0: torch seeds the buffer with the first gradient.
    momentum.reset();
    VecX g0;
    five.valueAndGradientAt(five.initialParameters(), g0);
    momentum.step(five, five.initialParameters(), g0);
    CHECK(momentum.rule().velocity == g0);

    momentum.reset();
    CHECK(momentum.stepsTaken() == 0);
    ParameterPath other = startParameterPath(three, three.initialParameters());
    advanceParameterPath(other, momentum, three, 30);
    CHECK(momentum.rule().velocity.size() == 3);
    momentum.reset();
    ParameterPath again = startParameterPath(five, five.initialParameters());
    advanceParameterPath(again, momentum, five, 30);
    CHECK(again.last == first.last);
}

TEST_CASE("a parameter path records divergence as a step, never a NaN, as a 2D trajectory does") {
    const DiagonalQuadraticProblem problem = fiveParameterQuadratic();
    // eta lambda_max = 1.5 * 4 = 6: coordinate 4 grows by |1 - 6| = 5 a step from 0.5, past 1e6 at step 10.
    auto gd = makeParameterOptimizer("gd", parameterTestRate(1.5));
    ParameterPath path = startParameterPath(problem, problem.initialParameters());
    advanceParameterPath(path, *gd, problem, 100);
    CHECK(path.divergedAtStep == 10);
    CHECK(path.steps() == 9);
    for (std::size_t k = 0; k < path.losses.size(); ++k) CHECK(std::isfinite(path.losses[k]));
    // A diverged path grows no further.
    advanceParameterPath(path, *gd, problem, 200);
    CHECK(path.steps() == 9);

    const VecX nan = VecX::Constant(5, std::nan(""));
    CHECK(startParameterPath(problem, nan).divergedAtStep == 0);
}

TEST_CASE("a long parameter path keeps evenly spaced iterates under its memory budget") {
    // 2^20 parameters: four iterates fill the 4M-value budget, so a fifth doubles the stride.
    const int n = 1 << 20;
    const DiagonalQuadraticProblem problem(VecX::Constant(n, 1.0), VecX::Constant(n, 1.0));
    auto gd = makeParameterOptimizer("gd", parameterTestRate(0.5));
    ParameterPath path = startParameterPath(problem, problem.initialParameters());
    advanceParameterPath(path, *gd, problem, 9);
    CHECK(path.steps() == 9);
    CHECK(path.losses.size() == 10);
    CHECK(path.keptStride == 4);
    REQUIRE(path.iterates.size() == 3);
    for (std::size_t j = 0; j < path.iterates.size(); ++j) {
        CAPTURE(j);
        CHECK(path.stepOfIterate(j) == static_cast<long>(4 * j));
        CHECK(path.iterates[j][0] == std::pow(0.5, path.stepOfIterate(j)));
    }
    CHECK(path.last[n - 1] == std::pow(0.5, 9));
    CHECK(static_cast<long>(path.iterates.size()) * n <= ParameterPath::kMaxKeptParameterValues);
}

TEST_CASE("every kind of the catalog walks parameter vectors; unknown names and bad values are refused") {
    std::vector<std::string> catalogKinds;
    for (const OptimizerInfo& info : optimizerCatalog()) catalogKinds.push_back(info.name);
    CHECK(catalogKinds.size() == 14);
    CHECK(parameterOptimizerKinds() == catalogKinds);
    CHECK_THROWS_WITH_AS(makeParameterOptimizer("adam2", {}), doctest::Contains("unknown optimizer 'adam2'"),
                         std::invalid_argument);
    CHECK_THROWS_WITH_AS(makeParameterOptimizer("sign-sgd", parameterTestRate(-1)),
                         doctest::Contains("signsgd: learning rate"), std::invalid_argument);

    const DiagonalQuadraticProblem problem = fiveParameterQuadratic();
    auto adam = makeParameterOptimizer("adam", {});
    CHECK_THROWS_WITH_AS(adam->step(problem, VecX::Zero(4), VecX::Zero(4)),
                         "a step needs 5 parameters and gradient entries, got 4 and 4", std::invalid_argument);
    CHECK(adam->stepsTaken() == 0);
    CHECK_THROWS_AS(startParameterPath(problem, VecX::Zero(2)), std::invalid_argument);
}
