// The step-by-step explanation: its step taken is the optimizer's own next step for every kind, its
// parts add up where it says so, and its terms match formulas worked out by hand.

#include "optimizers/step_explanation.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

using namespace gradscape;

namespace {

Trajectory run(const OptimizerSettings& settings, const Landscape& f, int steps) {
    auto optimizer = makeOptimizer(settings.kind, settings.hyperparameters);
    Trajectory t = startTrajectory(f, settings.start);
    advanceTrajectory(t, *optimizer, f, steps);
    return t;
}

OptimizerSettings settingsFor(const std::string& kind, Vec2 start) {
    return {0, kind, optimizerInfo(kind).defaults, start};
}

const StepTerm& term(const StepExplanation& e, const std::string& label) {
    for (const auto& t : e.terms)
        if (t.label == label) return t;
    FAIL("no term labelled " << label);
    throw;
}

// Checks everything that holds for every explanation of a recorded step k of path.
void checkExplains(const OptimizerSettings& settings, const Landscape& f, const Trajectory& path, int k) {
    CAPTURE(settings.kind);
    CAPTURE(k);
    const StepExplanation e = explainStep(settings, f, path, k);
    CHECK(e.step == k);
    CHECK(e.from == path.points[static_cast<size_t>(k)]);
    CHECK(e.to == path.points[static_cast<size_t>(k) + 1]);
    CHECK(e.stepTaken == path.points[static_cast<size_t>(k) + 1] - path.points[static_cast<size_t>(k)]);
    CHECK(e.lossTo == path.losses[static_cast<size_t>(k) + 1]);
    CHECK_FALSE(e.diverges);
    REQUIRE(e.terms.size() >= 3);
    CHECK(e.terms.back().label == "next iterate x_{k+1}");
    CHECK(term(e, "step taken").vector == e.stepTaken);
    for (const auto& t : e.terms) {
        CHECK(!t.label.empty());
        CHECK(!t.formula.empty());
    }
    // The method's own step, worked from its terms, is the step the optimizer took.
    const Vec2 worked = term(e, "step").vector;
    CHECK((worked - e.stepTaken).norm() <= 1e-9 * (worked.norm() + e.stepTaken.norm()) + 1e-300);
    REQUIRE(!e.arrows.empty());
    CHECK(e.arrows.back().part == StepPart::StepTaken);
    CHECK(e.arrows.back().vector == e.stepTaken);
    if (e.partsAddUp) {
        Vec2 sum = Vec2::Zero();
        double scale = 0;
        for (const auto& a : e.arrows)
            if (a.addsToStep) sum += a.vector, scale += a.vector.norm();
        CHECK((sum - e.stepTaken).norm() <= 1e-9 * scale + 1e-300);
    }
}

// Checks the recorded steps among `steps`; a path that diverged has its last step marked as diverging.
void checkPath(const OptimizerSettings& settings, const Landscape& f, const Trajectory& path,
               std::initializer_list<int> steps) {
    REQUIRE(path.steps() >= 1);
    for (int k : steps)
        if (k < path.steps()) checkExplains(settings, f, path, k);
    if (path.diverged()) {
        CAPTURE(settings.kind);
        CHECK(explainStep(settings, f, path, path.steps()).diverges);
    }
}

}  // namespace

TEST_CASE("step explanation: the step taken is the optimizer's next step, for every kind in the catalog") {
    for (const std::string landscape : {"rosenbrock", "quadratic"}) {
        auto f = makeLandscape(landscape);
        CAPTURE(landscape);
        for (const auto& info : optimizerCatalog()) {
            const OptimizerSettings settings = settingsFor(info.name, f->defaultStart());
            checkPath(settings, *f, run(settings, *f, 40), {0, 1, 2, 17, 39});
        }
    }
}

TEST_CASE("step explanation: options, weight decay, schedules and seeds are followed") {
    auto f = makeLandscape("rosenbrock");
    std::vector<OptimizerSettings> variants;
    auto add = [&](const std::string& kind, auto change) {
        OptimizerSettings s = settingsFor(kind, {-1.2, 1});
        change(s.hyperparameters);
        variants.push_back(s);
    };
    add("adam", [](Hyperparameters& h) { h.biasCorrection = false; });
    add("adam", [](Hyperparameters& h) { h.epsilonInsideSqrt = true, h.weightDecay = 0.1; });
    add("adamw", [](Hyperparameters& h) { h.weightDecay = 0.5, h.learningRate = 0.01; });
    add("nesterov", [](Hyperparameters& h) { h.lookAhead = true, h.weightDecay = 0.05; });
    add("nesterov", [](Hyperparameters& h) { h.weightDecay = 0.05; });
    add("momentum", [](Hyperparameters& h) { h.dampening = 0.5, h.weightDecay = 0.05; });
    add("gd", [](Hyperparameters& h) { h.lineSearch = true, h.learningRate = 0.5, h.weightDecay = 0.01; });
    add("gd", [](Hyperparameters& h) { h.schedule = parseSchedule("step:5:0.5"), h.weightDecay = 0.1; });
    add("rmsprop", [](Hyperparameters& h) { h.schedule = parseSchedule("cosine:30"); });
    add("adam", [](Hyperparameters& h) { h.schedule = parseSchedule("warmup:10"); });
    add("sgd", [](Hyperparameters& h) { h.seed = 7, h.weightDecay = 0.1; });
    add("random-search", [](Hyperparameters& h) { h.seed = 3; });
    add("newton", [](Hyperparameters& h) { h.lineSearch = true, h.damping = 0.5; });
    add("lbfgs", [](Hyperparameters& h) { h.memory = 2, h.weightDecay = 0.01; });
    add("coordinate", [](Hyperparameters& h) { h.weightDecay = 0.1; });
    for (const auto& settings : variants) {
        checkPath(settings, *f, run(settings, *f, 30), {0, 1, 5, 12, 29});
    }
}

TEST_CASE("step explanation: SGD on a data landscape splits the minibatch gradient into mean and error") {
    auto f = makeLandscape("linreg");
    OptimizerSettings settings = settingsFor("sgd", f->defaultStart());
    settings.hyperparameters.batchSize = 4;
    settings.hyperparameters.learningRate = 0.01;
    const Trajectory path = run(settings, *f, 20);
    for (int k : {0, 3, 19})
        checkExplains(settings, *f, path, k);
    const StepExplanation e = explainStep(settings, *f, path, 3);
    CHECK(e.partsAddUp);
    CHECK(term(e, "sampling error").vector.norm() > 0);
}

TEST_CASE("step explanation: Adam's first step has m^ = g, v^ = g^2 and moves eta g / (|g| + eps)") {
    auto f = makeLandscape("quadratic");  // gradient (10 x, y)
    OptimizerSettings settings = settingsFor("adam", {1, 2});
    settings.hyperparameters.learningRate = 0.1;
    const Trajectory path = run(settings, *f, 3);
    const StepExplanation e = explainStep(settings, *f, path, 0);
    const Vec2 g(10, 2);
    CHECK(term(e, "gradient grad f(x_k)").vector == g);
    CHECK(term(e, "b1^t").scalar == doctest::Approx(0.9));
    CHECK(term(e, "bias correction 1 - b2^t").scalar == doctest::Approx(0.001));
    CHECK(term(e, "first moment m_t").vector.isApprox(0.1 * g, 1e-15));
    CHECK(term(e, "second moment v_t").vector.isApprox(0.001 * g.cwiseProduct(g), 1e-12));
    CHECK(term(e, "bias-corrected m^_t").vector.isApprox(g, 1e-14));
    CHECK(term(e, "bias-corrected v^_t").vector.isApprox(g.cwiseProduct(g), 1e-12));
    const Vec2 expected(-0.1 * 10 / (10 + 1e-8), -0.1 * 2 / (2 + 1e-8));
    CHECK(term(e, "adaptive step").vector.isApprox(expected, 1e-12));
    CHECK(e.stepTaken.isApprox(expected, 1e-12));
    CHECK(e.partsAddUp);

    // Without bias correction the first moment is only (1 - b1) g: the step is the uncorrected one.
    settings.hyperparameters.biasCorrection = false;
    const StepExplanation raw = explainStep(settings, *f, run(settings, *f, 1), 0);
    CHECK(raw.terms.end() == std::find_if(raw.terms.begin(), raw.terms.end(), [](const StepTerm& t) {
              return t.label == "bias correction 1 - b1^t";
          }));
    const Vec2 uncorrected(-0.1 * 1.0 / (std::sqrt(0.1) + 1e-8), -0.1 * 0.2 / (std::sqrt(0.004) + 1e-8));
    CHECK(raw.stepTaken.isApprox(uncorrected, 1e-12));
}

TEST_CASE("step explanation: momentum's second step is -eta (mu v_1 + g_1), split into its two parts") {
    // f = 0.5 (10 x^2 + y^2) from (1, 1), eta 0.05, mu 0.9: v1 = (10, 1), x1 = (0.5, 0.95),
    // g1 = (5, 0.95), v2 = (14, 1.85), x2 = (-0.2, 0.8575).
    auto f = makeLandscape("quadratic");
    OptimizerSettings settings = settingsFor("momentum", {1, 1});
    settings.hyperparameters.learningRate = 0.05;
    const Trajectory path = run(settings, *f, 2);
    const StepExplanation e = explainStep(settings, *f, path, 1);
    CHECK(term(e, "velocity v_k").vector.isApprox(Vec2(10, 1), 1e-15));
    CHECK(term(e, "velocity v_{k+1}").vector.isApprox(Vec2(14, 1.85), 1e-15));
    CHECK(e.to.isApprox(Vec2(-0.2, 0.8575), 1e-15));
    REQUIRE(e.partsAddUp);
    for (const auto& a : e.arrows) {
        if (a.part == StepPart::RawGradient) CHECK(a.vector.isApprox(Vec2(-0.25, -0.0475), 1e-15));
        if (a.part == StepPart::Momentum) CHECK(a.vector.isApprox(Vec2(-0.45, -0.045), 1e-15));
    }
}

TEST_CASE("step explanation: AdamW's shrink and adaptive step add up to the step taken") {
    auto f = makeLandscape("quadratic");
    OptimizerSettings settings = settingsFor("adamw", {1, 2});
    settings.hyperparameters.learningRate = 0.1;
    settings.hyperparameters.weightDecay = 0.5;
    const StepExplanation e = explainStep(settings, *f, run(settings, *f, 1), 0);
    CHECK(term(e, "decoupled weight decay").vector.isApprox(Vec2(-0.05, -0.1), 1e-15));
    int parts = 0;
    for (const auto& a : e.arrows)
        parts += a.addsToStep;
    CHECK(parts == 2);
    CHECK(e.stepTaken.isApprox(Vec2(-0.05 - 0.1 * 10 / (10 + 1e-8), -0.1 - 0.1 * 2 / (2 + 1e-8)), 1e-12));
}

TEST_CASE("step explanation: the last iterate's next step is explained, and a diverging one is marked") {
    auto f = makeLandscape("quadratic");
    OptimizerSettings settings = settingsFor("gd", {1, 1});
    settings.hyperparameters.learningRate = 0.1;
    const Trajectory path = run(settings, *f, 5);
    const StepExplanation next = explainStep(settings, *f, path, 5);
    CHECK(next.to.isApprox(path.points[5] - 0.1 * Vec2(10 * path.points[5].x(), path.points[5].y()), 1e-15));

    // eta 0.5 on curvature 10: x is multiplied by -4 each step and leaves kDivergenceRadius.
    settings.hyperparameters.learningRate = 0.5;
    const Trajectory runaway = run(settings, *f, 100);
    REQUIRE(runaway.diverged());
    const StepExplanation last = explainStep(settings, *f, runaway, runaway.steps());
    CHECK(last.diverges);
    CHECK(last.arrows.empty());
    CHECK_FALSE(last.partsAddUp);
    CHECK(std::abs(last.to.x()) > kDivergenceRadius);
}

TEST_CASE("step explanation: refuses a step out of range and a path from other settings") {
    auto f = makeLandscape("quadratic");
    OptimizerSettings settings = settingsFor("adam", {1, 1});
    const Trajectory path = run(settings, *f, 5);
    CHECK_THROWS_AS(explainStep(settings, *f, path, 6), std::invalid_argument);
    CHECK_THROWS_AS(explainStep(settings, *f, path, -1), std::invalid_argument);
    OptimizerSettings other = settings;
    other.hyperparameters.learningRate = 0.5;
    CHECK_THROWS_WITH(explainStep(other, *f, path, 3),
                      doctest::Contains("the path was not produced by these settings"));
}

TEST_CASE("step explanation: random search's sample is the accepted next iterate") {
    auto f = makeLandscape("rosenbrock");
    OptimizerSettings settings = settingsFor("random-search", {-1.2, 1});
    settings.hyperparameters.seed = 11;
    const Trajectory path = run(settings, *f, 60);
    int accepted = 0;
    for (int k = 0; k < 60; ++k) {
        const StepExplanation e = explainStep(settings, *f, path, k);
        if (e.stepTaken == Vec2::Zero()) continue;
        ++accepted;
        CHECK(term(e, "candidate c").vector == e.to);
    }
    CHECK(accepted > 0);
}

TEST_CASE("step explanation: values read as on the board") {
    CHECK(formatVector(Vec2(0.5, -1.25)) == "(0.5, -1.25)");
    StepTerm scalar{"t", "k + 1", StepTerm::Kind::Scalar};
    scalar.scalar = 3;
    CHECK(formatTermValue(scalar) == "3");
    StepTerm matrix{"H", "H(x_k)", StepTerm::Kind::Matrix};
    matrix.matrix << 10, 0, 0, 1;
    CHECK(formatTermValue(matrix) == "[[10, 0], [0, 1]]");
}
