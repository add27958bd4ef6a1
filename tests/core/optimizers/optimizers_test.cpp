// The optimizers beyond gd, momentum and adam (which have their own files): first steps against their
// formulas worked out here coordinate by coordinate, convergence where theory says, divergence marked.

#include "optimizers/optimizer.h"
#include "optimizers/trajectory.h"

#include <doctest/doctest.h>

#include <cmath>
#include <random>

using namespace gradscape;

namespace {

// f = 0.5 (10 x^2 + y^2): gradient (10 x, y), Hessian diag(10, 1), minimum at the origin.
std::shared_ptr<const Landscape> bowl() {
    return makeLandscape("quadratic");
}
Vec2 bowlGradient(const Vec2& p) {
    return {10 * p.x(), p.y()};
}

Trajectory run(const std::string& kind, const Hyperparameters& h, const Landscape& f, Vec2 start, int steps) {
    auto optimizer = makeOptimizer(kind, h);
    Trajectory t = startTrajectory(f, start);
    advanceTrajectory(t, *optimizer, f, steps);
    return t;
}

Hyperparameters defaultsWith(const std::string& kind, double lr) {
    Hyperparameters h = optimizerInfo(kind).defaults;
    h.learningRate = lr;
    return h;
}

void checkSteps(const Trajectory& t, const std::vector<Vec2>& expected, double tolerance = 1e-14) {
    REQUIRE(t.steps() >= static_cast<int>(expected.size()));
    for (size_t k = 0; k < expected.size(); ++k) {
        CAPTURE(k + 1);
        CHECK((t.points[k + 1] - expected[k]).norm() <= tolerance * std::max(1.0, expected[k].norm()));
    }
}

}  // namespace

TEST_CASE("sgd: x <- x - eta (grad f + sigma xi) with xi from the seeded generator, same seed, same path") {
    Hyperparameters h = defaultsWith("sgd", 0.05);
    h.noise = 0.5, h.seed = 42;
    std::mt19937_64 random(42);
    std::normal_distribution<double> normal;
    Vec2 x(1, 1);
    std::vector<Vec2> expected;
    for (int k = 0; k < 3; ++k) {
        const double n1 = normal(random), n2 = normal(random);
        x = x - 0.05 * (bowlGradient(x) + 0.5 * Vec2(n1, n2));
        expected.push_back(x);
    }
    checkSteps(run("sgd", h, *bowl(), {1, 1}, 3), expected);
    CHECK(run("sgd", h, *bowl(), {1, 1}, 50).points == run("sgd", h, *bowl(), {1, 1}, 50).points);
    Hyperparameters other = h;
    other.seed = 43;
    CHECK(run("sgd", other, *bowl(), {1, 1}, 50).points != run("sgd", h, *bowl(), {1, 1}, 50).points);
    h.noise = 0;
    CHECK(run("sgd", h, *bowl(), {1, 1}, 20).points == run("gd", h, *bowl(), {1, 1}, 20).points);
}

TEST_CASE("nesterov: torch's b <- mu b + g, x <- x - eta (g + mu b), worked by hand") {
    // b1 = (10, 1): x1 = (1 - 0.05 * 19, 1 - 0.05 * 1.9) = (0.05, 0.905)
    // g1 = (0.5, 0.905), b2 = (9.5, 1.805): x2 = (0.05 - 0.05 * 9.05, 0.905 - 0.05 * 2.5295)
    // g2 = (-4.025, 0.778525), b3 = (4.525, 2.403025): x3 = x2 - 0.05 * (g2 + 0.9 b3)
    checkSteps(run("nesterov", Hyperparameters{.learningRate = 0.05, .momentum = 0.9}, *bowl(), {1, 1}, 3),
               {{0.05, 0.905}, {-0.4025, 0.778525}, {-0.404875, 0.631462625}});
}

TEST_CASE("nesterov: the lecture's look-ahead form v <- rho v - eta grad f(x + rho v), x <- x + v") {
    Hyperparameters h{.learningRate = 0.05, .momentum = 0.9};
    h.lookAhead = true;
    Vec2 x(1, 1), v(0, 0);
    std::vector<Vec2> expected;
    for (int k = 0; k < 3; ++k) {
        v = 0.9 * v - 0.05 * bowlGradient(x + 0.9 * v);
        x = x + v;
        expected.push_back(x);
    }
    checkSteps(run("nesterov", h, *bowl(), {1, 1}, 3), expected);
    CHECK(expected[0].isApprox(Vec2(0.5, 0.95)));
}

TEST_CASE("adagrad and rmsprop: per-coordinate steps scaled by accumulated squares") {
    Vec2 x(1, 1), sum(0, 0), average(0, 0);
    Vec2 xr = x;
    std::vector<Vec2> adagrad, rmsprop;
    for (int k = 0; k < 3; ++k) {
        const Vec2 g = bowlGradient(x);
        sum += g.cwiseProduct(g);
        x -= 0.1 * g.cwiseQuotient((sum.cwiseSqrt().array() + 1e-10).matrix());
        adagrad.push_back(x);
        const Vec2 gr = bowlGradient(xr);
        average = 0.99 * average + 0.01 * gr.cwiseProduct(gr);
        xr -= 0.01 * gr.cwiseQuotient((average.cwiseSqrt().array() + 1e-8).matrix());
        rmsprop.push_back(xr);
    }
    checkSteps(run("adagrad", defaultsWith("adagrad", 0.1), *bowl(), {1, 1}, 3), adagrad);
    checkSteps(run("rmsprop", defaultsWith("rmsprop", 0.01), *bowl(), {1, 1}, 3), rmsprop);
    // AdaGrad's first step is eta in each coordinate whatever the gradient's size; RMSProp's is 10 eta.
    CHECK(adagrad[0].isApprox(Vec2(0.9, 0.9), 1e-9));
    CHECK(rmsprop[0].isApprox(Vec2(0.9, 0.9), 1e-6));
}

TEST_CASE("adamw: decoupled decay x <- x (1 - eta lambda), then Adam on the plain gradient") {
    Hyperparameters h = defaultsWith("adamw", 0.1);
    h.weightDecay = 0.5;
    Vec2 x(1, -2), m(0, 0), v(0, 0);
    std::vector<Vec2> expected;
    for (int t = 1; t <= 3; ++t) {
        const Vec2 g = bowlGradient(x);
        x *= 1 - 0.1 * 0.5;
        m = 0.9 * m + 0.1 * g;
        v = 0.999 * v + 0.001 * g.cwiseProduct(g);
        const Vec2 mHat = m / (1 - std::pow(0.9, t)), vHat = v / (1 - std::pow(0.999, t));
        x -= 0.1 * mHat.cwiseQuotient((vHat.cwiseSqrt().array() + 1e-8).matrix());
        expected.push_back(x);
    }
    checkSteps(run("adamw", h, *bowl(), {1, -2}, 3), expected, 1e-13);
}

TEST_CASE("adam switches: bias correction off, epsilon inside the square root") {
    Hyperparameters h = defaultsWith("adam", 0.1);
    h.biasCorrection = false;
    h.epsilonInsideSqrt = true;
    h.epsilon = 1e-4;
    Vec2 x(1, 1), m(0, 0), v(0, 0);
    std::vector<Vec2> expected;
    for (int t = 1; t <= 3; ++t) {
        const Vec2 g = bowlGradient(x);
        m = 0.9 * m + 0.1 * g;
        v = 0.999 * v + 0.001 * g.cwiseProduct(g);
        x -= 0.1 * m.cwiseQuotient((v.array() + 1e-4).sqrt().matrix());
        expected.push_back(x);
    }
    checkSteps(run("adam", h, *bowl(), {1, 1}, 3), expected, 1e-13);
    // Without bias correction the first step is (1 - beta1) / sqrt(1 - beta2) ~ 3.16 times longer than eta.
    CHECK((expected[0] - Vec2(1, 1)).norm() > 3 * 0.1 * std::sqrt(2.0));
}

TEST_CASE("signsgd chatters with steps of exactly eta per coordinate") {
    const Trajectory t = run("signsgd", defaultsWith("signsgd", 0.1), *bowl(), {0.25, 1}, 6);
    checkSteps(t, {{0.15, 0.9}, {0.05, 0.8}, {-0.05, 0.7}, {0.05, 0.6}, {-0.05, 0.5}}, 1e-12);
}

TEST_CASE("coordinate descent moves one axis per step, in turn") {
    checkSteps(run("coordinate", defaultsWith("coordinate", 0.05), *bowl(), {1, 1}, 3),
               {{0.5, 1}, {0.5, 0.95}, {0.25, 0.95}});
}

TEST_CASE("random search keeps a seeded sample only when it lowers f") {
    Hyperparameters h = defaultsWith("random-search", 0.3);
    h.seed = 7;
    std::mt19937_64 random(7);
    std::normal_distribution<double> normal;
    auto f = bowl();
    Vec2 x(1, 1);
    std::vector<Vec2> expected;
    for (int k = 0; k < 20; ++k) {
        const double n1 = normal(random), n2 = normal(random);
        const Vec2 candidate = x + 0.3 * Vec2(n1, n2);
        if (f->valueAt(candidate) < f->valueAt(x)) x = candidate;
        expected.push_back(x);
    }
    const Trajectory t = run("random-search", h, *f, {1, 1}, 20);
    checkSteps(t, expected, 0);
    for (size_t k = 1; k < t.losses.size(); ++k)
        CHECK(t.losses[k] <= t.losses[k - 1]);
}

TEST_CASE("newton lands on the minimum of a quadratic in one step, from anywhere") {
    for (const Vec2& start : {Vec2(1, 1), Vec2(-1.7, 0.3), Vec2(50, -80)}) {
        auto f = makeLandscape("quadratic", {{"kappa", 40}, {"theta", 25}});
        const Trajectory t = run("newton", optimizerInfo("newton").defaults, *f, start, 1);
        CHECK(t.points[1].norm() < 1e-12 * std::max(1.0, start.norm()));
    }
}

TEST_CASE(
    "newton on an indefinite Hessian heads for the saddle and says so, on a singular one it takes a "
    "gradient step") {
    auto saddle = makeLandscape("saddle");
    auto newton = makeOptimizer("newton", optimizerInfo("newton").defaults);
    Trajectory t = startTrajectory(*saddle, {0.7, -0.4});
    advanceTrajectory(t, *newton, *saddle, 1);
    CHECK(t.points[1].norm() < 1e-15);  // straight onto the saddle point
    CHECK(newton->state().note.find("indefinite Hessian") != std::string::npos);
    REQUIRE(newton->state().matrices.size() == 1);
    CHECK(newton->state().matrices[0].value.isApprox(Vec2(2, -2).asDiagonal().toDenseMatrix()));

    // Damping 2 makes H + 2 I = diag(4, 0): singular.
    Hyperparameters damped = optimizerInfo("newton").defaults;
    damped.damping = 2;
    damped.learningRate = 0.1;
    auto singular = makeOptimizer("newton", damped);
    Trajectory s = startTrajectory(*saddle, {0.5, 0.5});
    advanceTrajectory(s, *singular, *saddle, 1);
    CHECK(s.points[1].isApprox(Vec2(0.5 - 0.1 * 1, 0.5 + 0.1 * 1)));
    CHECK(singular->state().note.find("singular Hessian") != std::string::npos);

    // With line search a non-descent Newton direction is replaced by the gradient's.
    Hyperparameters searching = optimizerInfo("newton").defaults;
    searching.lineSearch = true;
    auto careful = makeOptimizer("newton", searching);
    Trajectory c = startTrajectory(*saddle, {0.7, -0.4});
    advanceTrajectory(c, *careful, *saddle, 5);
    CHECK(c.losses.back() < c.losses.front());
    CHECK(careful->state().note.find("not a descent direction") != std::string::npos);
}

TEST_CASE("bfgs and lbfgs: first steps by hand, then the same second step from one (s, y) pair") {
    auto f = bowl();
    // d0 = -g0 = (-10, -1); Armijo from a = 1 halves to a = 1/8: x1 = (-0.25, 0.875).
    const Trajectory b = run("bfgs", optimizerInfo("bfgs").defaults, *f, {1, 1}, 3);
    const Trajectory l = run("lbfgs", optimizerInfo("lbfgs").defaults, *f, {1, 1}, 3);
    checkSteps(b, {{-0.25, 0.875}});
    checkSteps(l, {{-0.25, 0.875}});
    // Second step worked from the formula: B1 from B0 = (s'y / y'y) I and one BFGS update.
    const Vec2 s = b.points[1] - b.points[0], y = bowlGradient(b.points[1]) - bowlGradient(b.points[0]);
    const double rho = 1 / s.dot(y);
    const Mat2 left = Mat2::Identity() - rho * s * y.transpose();
    const Mat2 inverse = left * (s.dot(y) / y.dot(y)) * left.transpose() + rho * s * s.transpose();
    const Vec2 d = -inverse * bowlGradient(b.points[1]);
    double a = 1;
    while (f->valueAt(b.points[1] + a * d) >
           f->valueAt(b.points[1]) + 1e-4 * a * bowlGradient(b.points[1]).dot(d))
        a /= 2;
    CHECK((b.points[2] - (b.points[1] + a * d)).norm() < 1e-14);
    CHECK((l.points[2] - b.points[2]).norm() < 1e-12);
}

TEST_CASE("bfgs and lbfgs reach (1, 1) on Rosenbrock within 1e-6") {
    auto f = makeLandscape("rosenbrock");
    for (const std::string kind : {"bfgs", "lbfgs"}) {
        CAPTURE(kind);
        for (Hyperparameters h : {optimizerInfo(kind).defaults, [&] {
                                      Hyperparameters small = optimizerInfo(kind).defaults;
                                      small.memory = 3;
                                      return small;
                                  }()}) {
            const Trajectory t = run(kind, h, *f, {-1.2, 1}, 500);
            CHECK(!t.diverged());
            CHECK((t.points.back() - Vec2(1, 1)).norm() < 1e-6);
        }
    }
}

TEST_CASE("every optimizer converges on the convex quadratic") {
    auto f = makeLandscape("quadratic", {{"kappa", 10}, {"theta", 30}});
    struct Case {
        std::string kind;
        double lr, tolerance;
    };
    for (const Case& c : std::vector<Case>{{"gd", 0.1, 1e-6},
                                           {"momentum", 0.05, 1e-6},
                                           {"nesterov", 0.05, 1e-6},
                                           {"adagrad", 0.5, 1e-6},
                                           {"rmsprop", 0.01, 0.05},
                                           {"adam", 0.05, 1e-3},
                                           {"adamw", 0.05, 1e-3},
                                           {"signsgd", 0.001, 0.01},
                                           {"newton", 1, 1e-12},
                                           {"bfgs", 1, 1e-8},
                                           {"lbfgs", 1, 1e-8},
                                           {"coordinate", 0.1, 1e-6},
                                           {"random-search", 0.05, 0.05},
                                           {"sgd", 0.05, 0.1}}) {
        CAPTURE(c.kind);
        Hyperparameters h = defaultsWith(c.kind, c.lr);
        h.noise = 0.1;
        h.weightDecay = 0;
        const Trajectory t = run(c.kind, h, *f, {1.5, -1}, 3000);
        CHECK(!t.diverged());
        CHECK(t.points.back().norm() < c.tolerance);
    }
}

TEST_CASE("every optimizer marks a blow-up as divergence instead of crashing") {
    auto f = makeLandscape("rosenbrock");
    for (const auto& info : optimizerCatalog()) {
        CAPTURE(info.name);
        Hyperparameters h = info.defaults;
        h.learningRate = 900;
        h.noise = 100;
        const Trajectory t = run(info.name, h, *f, {-1.2, 1}, 200);
        // Whatever happened, nothing recorded is NaN and the record stops where the run blew up.
        for (const Vec2& p : t.points)
            CHECK(p.allFinite());
        if (t.diverged()) CHECK(t.steps() == t.divergedAtStep - 1);
    }
    CHECK(run("gd", defaultsWith("gd", 900), *f, {-1.2, 1}, 200).diverged());
    CHECK(run("momentum", defaultsWith("momentum", 900), *f, {-1.2, 1}, 200).diverged());
}

TEST_CASE("every optimizer exposes its state and shows an update rule") {
    auto f = bowl();
    for (const auto& info : optimizerCatalog()) {
        CAPTURE(info.name);
        auto optimizer = makeOptimizer(info.name, info.defaults);
        Trajectory t = startTrajectory(*f, {1, 1});
        advanceTrajectory(t, *optimizer, *f, 3);
        CHECK(!updateRuleFor({0, info.name, info.defaults}).empty());
        const OptimizerState state = optimizer->state();
        for (const auto& v : state.vectors)
            CHECK(v.value.allFinite());
        optimizer->reset();
        CHECK(optimizer->stepsTaken() == 0);
    }
    CHECK(makeOptimizer("momentum", optimizerInfo("momentum").defaults)->state().vectors.at(0).name ==
          "velocity");
    OptimizerSettings lookAhead{0, "nesterov", optimizerInfo("nesterov").defaults};
    lookAhead.hyperparameters.lookAhead = true;
    CHECK(updateRuleFor(lookAhead).find("x + rho * v") != std::string::npos);
}

TEST_CASE("bfgs stays on a quadratic's minimum once it lands there, however long it runs") {
    // Found through the Newton/BFGS lesson: at the minimum s and y underflow and the update turned
    // the inverse-Hessian estimate infinite, so the path 'diverged' at step 31.
    const auto landscape = makeLandscape("quadratic", {{"kappa", 50}, {"theta", 30}});
    auto bfgs = makeOptimizer("bfgs", optimizerInfo("bfgs").defaults);
    Trajectory t = startTrajectory(*landscape, {-1.8, 1.2});
    advanceTrajectory(t, *bfgs, *landscape, 500);
    CHECK(!t.diverged());
    CHECK(t.steps() == 500);
    CHECK(t.points.back().norm() < 1e-12);
}
