#include "optimizers/stability.h"

#include "optimizers/optimizer.h"
#include "landscapes/regularization.h"
#include "optimizers/trajectory.h"

#include <Eigen/Eigenvalues>
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <vector>

using namespace gradscape;

namespace {

// The point the real optimizer converges to on a quadratic landscape: g(x) + wd x = 0 with g(x) = g(0) + H x.
Vec2 fixedPoint(const Landscape& f, double weightDecay) {
    const Mat2 a = f.hessianAt(Vec2::Zero()) + weightDecay * Mat2::Identity();
    return -a.inverse() * f.gradientAt(Vec2::Zero());
}

struct Measured {
    bool diverged = false;
    double startDistance = 0, endDistance = 0;
    double rate = 0;  // per step, from the envelope of the distance over a late and a middle window
};

// Runs the real optimizer (makeOptimizer, advanceTrajectory) and measures how fast it approaches x*.
Measured runFor(const Landscape& f, const OptimizerSettings& s, const Vec2& start, int steps) {
    auto optimizer = makeOptimizer(s.kind, s.hyperparameters);
    Trajectory t = startTrajectory(f, start);
    advanceTrajectory(t, *optimizer, f, steps);
    const Vec2 target = fixedPoint(f, s.hyperparameters.weightDecay);
    Measured m;
    m.diverged = t.diverged();
    std::vector<double> d;
    for (const Vec2& p : t.points)
        d.push_back(std::hypot(p.x() - target.x(), p.y() - target.y()));  // no underflow of the square
    m.startDistance = d.front();
    m.endDistance = d.back();
    const int n = static_cast<int>(d.size()) - 1;
    // Windows a quarter of the run long hold whole turns of an oscillating (complex-eigenvalue) decay.
    const int window = std::max(4, n / 4), middle = n / 2;
    if (n < 3 * window) return m;
    auto envelope = [&](int end) { return *std::max_element(d.begin() + (end - window), d.begin() + end + 1); };
    m.rate = std::pow(envelope(n) / envelope(middle), 1.0 / (n - middle));
    return m;
}

// Enough steps for rho^steps to reach `factor` (capped).
int stepsFor(double rho, double factor) {
    const double n = std::log(factor) / std::log(rho);
    return static_cast<int>(std::clamp(std::ceil(n), 200.0, 400000.0));
}

struct Form {
    const char* name;
    OptimizerSettings settings;
};

std::vector<Form> boundedForms() {
    auto with = [](const char* kind, Hyperparameters h) { return OptimizerSettings{.kind = kind, .hyperparameters = h}; };
    return {
        {"gd", with("gd", {})},
        {"gd + weight decay", with("gd", {.weightDecay = 2})},
        {"sgd (no noise)", with("sgd", {.weightDecay = 0.4, .noise = 0})},
        {"momentum torch", with("momentum", {.momentum = 0.9})},
        {"momentum EMA", with("momentum", {.momentum = 0.9, .dampeningFollowsMomentum = true})},
        {"momentum dampening + weight decay", with("momentum", {.momentum = 0.6, .dampening = 0.5, .weightDecay = 1})},
        {"nesterov torch", with("nesterov", {.momentum = 0.9})},
        {"nesterov torch + weight decay", with("nesterov", {.momentum = 0.5, .weightDecay = 1.5})},
        {"nesterov look-ahead", with("nesterov", {.momentum = 0.9, .lookAhead = true})},
        {"nesterov look-ahead + weight decay", with("nesterov", {.momentum = 0.7, .weightDecay = 0.5, .lookAhead = true})},
        {"coordinate", with("coordinate", {})},
        {"coordinate + weight decay", with("coordinate", {.weightDecay = 0.7})},
        {"newton", with("newton", {})},
        {"newton damped", with("newton", {.weightDecay = 0.2, .damping = 3})},
    };
}

}  // namespace

TEST_CASE("every bounded form: 0.98 x bound converges, 1.02 x bound grows, measured rate = predicted") {
    const Vec2 start(-1.8, 1.2);
    for (double kappa : {3.0, 10.0, 40.0})
        for (double theta : {0.0, 30.0, -65.0})
            for (double l2 : {0.0, 0.5})
                for (const Form& form : boundedForms()) {
                    auto f = regularize(makeLandscape("quadratic", {{"kappa", kappa}, {"theta", theta}}),
                                        Regularization{.l2 = l2});
                    const std::string name = form.name;
                    CAPTURE(name);
                    CAPTURE(kappa);
                    CAPTURE(theta);
                    CAPTURE(l2);
                    OptimizerSettings s = form.settings;
                    const auto bound = stabilityAt(*f, start, s).learningRateBound;
                    REQUIRE(bound);
                    for (double factor : {0.3, 0.7, 0.98, 1.02}) {
                        CAPTURE(factor);
                        s.hyperparameters.learningRate = factor * *bound;
                        const StabilityAnalysis a = stabilityAt(*f, start, s);
                        REQUIRE(a.rate);
                        CHECK((*a.rate < 1) == (factor < 1));
                        // Far enough to see the rate (x* = 0 here, so tiny distances stay exact), well short
                        // of overflow.
                        const Measured m =
                            runFor(*f, s, start, stepsFor(*a.rate, factor < 1 ? 1e-280 : 1e8));
                        if (factor < 1) {
                            CHECK_FALSE(m.diverged);
                            CHECK(m.endDistance < 1e-6 * m.startDistance);
                        } else {
                            CHECK((m.diverged || m.endDistance > 1e3 * m.startDistance));
                        }
                        // 0.1%: the envelope of an oscillating decay still carries its phase, O(1/steps).
                        if (!m.diverged && *a.rate > 1e-3) CHECK(m.rate == doctest::Approx(*a.rate).epsilon(1e-3));
                    }
                }
}

TEST_CASE("the bounds agree with the spectral radius of each form's iteration matrix") {
    const Vec2 start(0.7, -0.4);
    auto f = makeLandscape("quadratic", {{"kappa", 15}, {"theta", 20}});
    for (const Form& form : boundedForms()) {
        CAPTURE(std::string(form.name));
        const auto bound = stabilityAt(*f, start, form.settings).learningRateBound;
        REQUIRE(bound);
        auto rho = [&](double eta) { return spectralRadius(*iterationMatrix(f->hessianAt(start), form.settings, eta)); };
        CHECK(rho(*bound * (1 - 1e-6)) < 1);
        CHECK(rho(*bound * (1 + 1e-6)) > 1);
        // Stable all the way up from small steps, not only just below the bound.
        for (double t = 0.01; t < 1; t += 0.01) CHECK(rho(t * *bound) < 1);
    }
}

TEST_CASE("regression: momentum in the lecture's EMA form on kappa 10 is stable to 3.8, not 0.38") {
    auto f = makeLandscape("quadratic", {{"kappa", 10}});
    OptimizerSettings s{.kind = "momentum",
                        .hyperparameters = {.momentum = 0.9, .dampeningFollowsMomentum = true}};
    const StabilityAnalysis a = stabilityAt(*f, {-1.8, 1.2}, s);
    REQUIRE(a.learningRateBound);
    CHECK(*a.learningRateBound == doctest::Approx(3.8));
    CHECK(a.boundFormula == "2(1 + mu) / ((1 - mu) lambda_max)");
    for (auto [lr, diverges] : {std::pair{3.7, false}, std::pair{3.9, true}}) {
        s.hyperparameters.learningRate = lr;
        CHECK(runFor(*f, s, {-1.8, 1.2}, 20000).diverged == diverges);
    }
    // The same with the dampening typed in by hand (torch's form with dampening = momentum).
    s.hyperparameters.dampeningFollowsMomentum = false;
    s.hyperparameters.dampening = 0.9;
    CHECK(*stabilityAt(*f, {0, 1}, s).learningRateBound == doctest::Approx(3.8));
    CHECK(stabilityAt(*f, {0, 1}, s).boundFormula == "2(1 + mu) / ((1 - d) lambda_max)");
}

TEST_CASE("regression: GD with its own weight decay 10 on linreg is stable below ~0.098, 0.15 diverges") {
    auto f = makeLandscape("linreg", {{"scale", 3}});  // the second feature scaled by 3, as in the issue
    OptimizerSettings s{.kind = "gd", .hyperparameters = {.learningRate = 0.15, .weightDecay = 10}};
    const Vec2 start = f->defaultStart();
    const StabilityAnalysis a = stabilityAt(*f, start, s);
    REQUIRE(a.learningRateBound);
    const double lambdaMax = Eigen::SelfAdjointEigenSolver<Mat2>(f->hessianAt(start)).eigenvalues()[1];
    CHECK(*a.learningRateBound == doctest::Approx(2 / (lambdaMax + 10)));
    CHECK(*a.learningRateBound == doctest::Approx(0.098).epsilon(0.01));
    CHECK(a.boundFormula == "2 / (lambda_max + wd)");
    CHECK(*a.rate > 1);
    CHECK(runFor(*f, s, start, 2000).diverged);
    s.hyperparameters.learningRate = 0.95 * *a.learningRateBound;
    CHECK_FALSE(runFor(*f, s, start, 2000).diverged);
}

TEST_CASE("no fixed bound: adaptive, sign, random search, line search say why") {
    auto f = makeLandscape("quadratic");
    for (const char* kind : {"adagrad", "rmsprop", "adam", "adamw", "signsgd", "random-search", "bfgs", "lbfgs"}) {
        CAPTURE(kind);
        const StabilityAnalysis a = stabilityAt(*f, {1, 1}, OptimizerSettings{.kind = kind});
        CHECK_FALSE(a.learningRateBound);
        CHECK_FALSE(a.rate);
        CHECK_FALSE(a.why.empty());
    }
    for (const char* kind : {"gd", "newton"}) {
        const StabilityAnalysis a =
            stabilityAt(*f, {1, 1}, OptimizerSettings{.kind = kind, .hyperparameters = {.lineSearch = true}});
        CHECK_FALSE(a.learningRateBound);
        CHECK(a.why.find("line search") != std::string::npos);
    }
}

TEST_CASE("indefinite curvature: unstable at every rate, except Newton that heads for the saddle") {
    auto saddle = makeLandscape("saddle");
    for (const char* kind : {"gd", "momentum", "nesterov", "coordinate"}) {
        CAPTURE(kind);
        const StabilityAnalysis a = stabilityAt(*saddle, {0.1, 0.2}, OptimizerSettings{.kind = kind});
        CHECK_FALSE(a.learningRateBound);
        CHECK(a.why.find("unstable at every learning rate") != std::string::npos);
        CHECK(*a.rate > 1);
    }
    const StabilityAnalysis newton = stabilityAt(*saddle, {0.1, 0.2}, OptimizerSettings{.kind = "newton"});
    CHECK(*newton.learningRateBound == doctest::Approx(2));
    CHECK(newton.note.find("saddle") != std::string::npos);
}

TEST_CASE("a flat valley of minima: the bound is for the curved direction") {
    auto f = makeLandscape("quadratic", {{"kappa", 1e-3}});  // nearly flat, yet not exactly
    CHECK(flatDirections(f->hessianAt({0, 0}), 0) == 0);
    Mat2 flat;
    flat << 4, 0, 0, 0;
    CHECK(flatDirections(flat, 0) == 1);
    const StabilityAnalysis a = stabilityFor(flat, Vec2(1, 0), Vec2(0.25, 3), OptimizerSettings{.kind = "gd", .hyperparameters = {.learningRate = 0.25}});
    CHECK(*a.learningRateBound == doctest::Approx(0.5));
    CHECK(*a.rate == doctest::Approx(0));
    CHECK_FALSE(a.note.empty());
}

TEST_CASE("the lecture's bounds: 2 / lambda_max, 2 g'g / g'Hg, and heavy ball's (2 + 2 beta) / lambda_max") {
    auto f = makeLandscape("quadratic");  // H = diag(10, 1)
    const StabilityAnalysis gd = stabilityAt(*f, {1, 1}, OptimizerSettings{.kind = "gd"});
    const StabilityAnalysis heavyBall =
        stabilityAt(*f, {1, 1}, OptimizerSettings{.kind = "momentum", .hyperparameters = {.momentum = 0.9}});
    REQUIRE(gd.learningRateBound);
    REQUIRE(heavyBall.learningRateBound);
    CHECK(*gd.learningRateBound == doctest::Approx(0.2));
    CHECK(*heavyBall.learningRateBound == doctest::Approx(3.8 / 10));
    // g = (10, 1): g'g = 101, g'Hg = 1001.
    CHECK(*gd.alongGradient == doctest::Approx(2 * 101.0 / 1001.0));
    // The bound is exact for GD on a quadratic: just below converges, just above diverges.
    for (auto [factor, diverges] : {std::pair{0.98, false}, std::pair{1.02, true}}) {
        auto step = makeOptimizer("gd", Hyperparameters{.learningRate = factor * *gd.learningRateBound});
        Trajectory t = startTrajectory(*f, {1, 1});
        advanceTrajectory(t, *step, *f, 3000);
        CHECK(t.diverged() == diverges);
    }
    // And for heavy-ball momentum.
    for (auto [factor, diverges] : {std::pair{0.97, false}, std::pair{1.03, true}}) {
        auto momentum = makeOptimizer(
            "momentum", Hyperparameters{.learningRate = factor * *heavyBall.learningRateBound, .momentum = 0.9});
        Trajectory t = startTrajectory(*f, {1, 1});
        advanceTrajectory(t, *momentum, *f, 5000);
        CHECK(t.diverged() == diverges);
    }
    // No curvature, no bound.
    const auto flat = stabilityAt(*makeLandscape("monkey-saddle"), {0, 0}, OptimizerSettings{.kind = "gd"});
    CHECK_FALSE(flat.learningRateBound);
}

TEST_CASE("lecture 2's 2 g'g / g'Ag for GD, with its weight decay in g and A") {
    auto f = makeLandscape("quadratic");  // H = diag(10, 1)
    // g = (10, 1) at (1, 1): g'g = 101, g'Hg = 1001.
    CHECK(*stabilityAt(*f, {1, 1}, OptimizerSettings{.kind = "gd"}).alongGradient == doctest::Approx(202.0 / 1001));
    // With weight decay 1: g = (11, 2), A = diag(11, 2): g'g = 125, g'Ag = 1339.
    const auto a = stabilityAt(*f, {1, 1}, OptimizerSettings{.kind = "gd", .hyperparameters = {.weightDecay = 1}});
    CHECK(*a.alongGradient == doctest::Approx(250.0 / 1339));
    CHECK_FALSE(stabilityAt(*f, {1, 1}, OptimizerSettings{.kind = "momentum"}).alongGradient);
}

TEST_CASE("the landscape's L2 term adds 2 lambda2 to the curvature; its L1 term adds none but is noted") {
    auto base = makeLandscape("quadratic", {{"kappa", 10}});
    const OptimizerSettings gd{.kind = "gd"};
    const StabilityAnalysis l2 = stabilityAt(*regularize(base, {.l2 = 0.5}), {1, 1}, gd);
    CHECK(*l2.learningRateBound == doctest::Approx(2.0 / 11));
    CHECK(l2.note.find("L2") != std::string::npos);
    const StabilityAnalysis l1 = stabilityAt(*regularize(base, {.l1 = 0.5}), {1, 1}, gd);
    CHECK(*l1.learningRateBound == doctest::Approx(0.2));
    CHECK(l1.note.find("L1") != std::string::npos);
    // Dampening 1 (outside the allowed range; the analysis still answers): no gradient enters the velocity.
    const StabilityAnalysis stuck =
        stabilityAt(*base, {1, 1}, OptimizerSettings{.kind = "momentum", .hyperparameters = {.dampening = 1}});
    CHECK_FALSE(stuck.learningRateBound);
    CHECK(stuck.why.find("dampening 1") != std::string::npos);
}

TEST_CASE("the edge of stability in curvature: 2/eta for GD, 2(1+mu)/eta heavy ball, torch Nesterov's, none for Adam") {
    OptimizerSettings gd;
    gd.kind = "gd";
    gd.hyperparameters.learningRate = 0.1;
    REQUIRE(sharpnessEdge(gd));
    CHECK(*sharpnessEdge(gd) == doctest::Approx(2 / 0.1).epsilon(1e-11));
    OptimizerSettings momentum = gd;
    momentum.kind = "momentum";
    momentum.hyperparameters.momentum = 0.9;
    CHECK(*sharpnessEdge(momentum) == doctest::Approx(2 * 1.9 / 0.1).epsilon(1e-11));
    OptimizerSettings nesterov = momentum;
    nesterov.kind = "nesterov";
    CHECK(*sharpnessEdge(nesterov) == doctest::Approx((2 + 2 * 0.9) / ((1 + 2 * 0.9) * 0.1)).epsilon(1e-11));
    // The optimizer's own weight decay adds to the curvature: the edge moves down by it.
    OptimizerSettings decayed = gd;
    decayed.hyperparameters.weightDecay = 0.5;
    CHECK(*sharpnessEdge(decayed) == doctest::Approx(2 / 0.1 - 0.5).epsilon(1e-11));
    OptimizerSettings adam = gd;
    adam.kind = "adam";
    CHECK_FALSE(sharpnessEdge(adam));
    // What the plots call each edge, the formula the values above were checked against.
    CHECK(sharpnessEdgeFormula(gd) == "2/\xce\xb7");
    CHECK(sharpnessEdgeFormula(momentum) == "2(1+\xce\xbc)/\xce\xb7");
    CHECK(sharpnessEdgeFormula(nesterov) == "(2+2\xce\xbc)/((1+2\xce\xbc)\xce\xb7)");
    CHECK(sharpnessEdgeFormula(decayed) == "2/\xce\xb7 \xe2\x88\x92 \xce\xbb");
    CHECK(sharpnessEdgeFormula(adam).empty());
    OptimizerSettings sgd = gd;
    sgd.kind = "sgd";
    CHECK(sharpnessEdgeFormula(sgd) == "2/\xce\xb7");
    CHECK(*sharpnessEdge(sgd) == doctest::Approx(2 / 0.1).epsilon(1e-11));
    // Measured: heavy ball on f = lambda x^2 / 2 just under the edge shrinks, just over it grows.
    for (const double factor : {0.99, 1.01}) {
        const double lambda = factor * *sharpnessEdge(momentum), lr = 0.1, mu = 0.9;
        double x = 1, v = 0;
        for (int k = 0; k < 4000; ++k) {
            v = mu * v + lambda * x;
            x -= lr * v;
        }
        CHECK((std::abs(x) < 1) == (factor < 1));
    }
}
