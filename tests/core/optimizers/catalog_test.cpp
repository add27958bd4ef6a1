// The catalog: every row is complete (names, texts, factory, step explanation, stability form), names
// follow one rule and aliases read as their kind, and the stepped base's shared start of a step gives
// the same iterate whichever way a step is taken.

#include "optimizers/optimizer.h"
#include "optimizers/optimizer_spec.h"
#include "optimizers/stability.h"
#include "optimizers/step_explanation.h"
#include "scene/scene_file.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <set>

using namespace gradscape;

namespace {

Trajectory run(const std::string& kind, const Hyperparameters& h, const Landscape& f, const Vec2& start,
               int steps) {
    auto optimizer = makeOptimizer(kind, h);
    Trajectory t = startTrajectory(f, start);
    advanceTrajectory(t, *optimizer, f, steps);
    return t;
}

}  // namespace

TEST_CASE("catalog: every row is complete, and what it carries answers for a real step") {
    auto f = makeLandscape("quadratic");
    for (const auto& info : optimizerCatalog()) {
        CAPTURE(info.name);
        CHECK(!info.title.empty());
        CHECK(!info.updateRule.empty());
        CHECK(!info.hyperparameters.empty());
        for (const auto& spec : info.hyperparameters)
            CHECK_NOTHROW(hyperparameterSpec(spec));
        REQUIRE(static_cast<bool>(info.make));
        REQUIRE(static_cast<bool>(info.explain));
        CHECK(validate(info.defaults).empty());

        // The factory builds it, and it steps.
        const OptimizerSettings settings{0, info.name, info.defaults, f->defaultStart()};
        const Trajectory path = run(info.name, info.defaults, *f, settings.start, 3);
        REQUIRE(path.steps() == 3);

        // The explanation answers for step 1 of that path.
        const StepExplanation e = explainStep(settings, *f, path, 1);
        CHECK(e.terms.size() >= 3);
        CHECK(e.to == path.points[2]);

        // The stability form either says why there is no bound or is a linear map with a bound.
        const StabilityForm& form = info.stability;
        CHECK(form.stepsPerIteration >= 1);
        if (form.noBound.empty()) {
            CHECK(static_cast<bool>(form.iterationMatrix));
            CHECK(static_cast<bool>(form.bound));
            const StabilityAnalysis s = stabilityAt(*f, path.points.back(), settings);
            CHECK(s.learningRateBound.has_value());
            CHECK(!s.boundFormula.empty());
            CHECK(s.rate.has_value());
        } else {
            CHECK_FALSE(static_cast<bool>(form.iterationMatrix));
            CHECK(stabilityAt(*f, path.points.back(), settings).why == form.noBound);
            CHECK_FALSE(iterationMatrix(f->hessianAt(path.points.back()), settings, 0.1).has_value());
        }
    }
}

TEST_CASE("catalog: names are lowercase single words, unique with their aliases") {
    std::set<std::string> seen;
    for (const auto& info : optimizerCatalog()) {
        std::vector<std::string> spellings = info.aliases;
        spellings.push_back(info.name);
        for (const auto& name : spellings) {
            CAPTURE(name);
            CHECK(seen.insert(name).second);
        }
        CAPTURE(info.name);
        CHECK(info.name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789") == std::string::npos);
        CHECK(&optimizerInfo(info.name) == &info);
    }
}

TEST_CASE("catalog: an alias reads as its kind everywhere and is never written back") {
    CHECK(&optimizerInfo("sign-sgd") == &optimizerInfo("signsgd"));
    CHECK(&optimizerInfo("random-search") == &optimizerInfo("randomsearch"));
    CHECK(optimizerInfo("random-search").name == "randomsearch");

    // The same path whichever spelling built it.
    auto f = makeLandscape("rosenbrock");
    Hyperparameters h = optimizerInfo("randomsearch").defaults;
    h.seed = 4;
    CHECK(run("random-search", h, *f, {-1.2, 1}, 50).points ==
          run("randomsearch", h, *f, {-1.2, 1}, 50).points);

    // A command-line spec and a scene file keep the kind's own name.
    CHECK(parseOptimizerSpec("sign-sgd:lr=0.01", {0, 0}).kind == "signsgd");
    CHECK(parseOptimizerSpec("random-search:seed=3", {0, 0}).kind == "randomsearch");
    const Scene scene = sceneFromText(R"({"format": "gradscape-scene", "version": 1,
        "landscape": {"name": "quadratic"},
        "optimizers": [{"kind": "random-search"}, {"kind": "sign-sgd"}]})");
    CHECK(scene.optimizers.at(0).kind == "randomsearch");
    CHECK(scene.optimizers.at(1).kind == "signsgd");
    CHECK(sceneToJson(scene).dump().find("random-search") == std::string::npos);
}

TEST_CASE("catalog: the panel's per-kind controls come from the row") {
    // The EMA-form switch belongs to the kind that reads dampening: momentum alone.
    for (const auto& info : optimizerCatalog()) {
        CAPTURE(info.name);
        CHECK(info.reads("dampening") == (info.name == "momentum"));
    }
    Hyperparameters h;
    h.lineSearch = true;
    CHECK(optimizerInfo("gd").switchedOn(&Hyperparameters::lineSearch, h));
    CHECK_FALSE(optimizerInfo("adam").switchedOn(&Hyperparameters::lineSearch, h));
    h.lineSearch = false;
    CHECK_FALSE(optimizerInfo("gd").switchedOn(&Hyperparameters::lineSearch, h));
}

TEST_CASE("stepped base: a step through step() equals the inlined step of advance(), for every kind") {
    // Both go through SteppedOptimizer's shared start (eta_k, the count, L2 decay into g); with a
    // schedule and weight decay on, the one step taken alone must be the recorded one to the bit.
    for (const std::string landscape : {"rosenbrock", "linreg"}) {
        auto f = makeLandscape(landscape);
        for (const auto& info : optimizerCatalog()) {
            CAPTURE(landscape);
            CAPTURE(info.name);
            Hyperparameters h = info.defaults;
            if (info.reads("weight-decay")) h.weightDecay = 0.05;
            if (info.usesSchedule) h.schedule = parseSchedule("step:3:0.5");
            h.seed = 9;
            const Vec2 start = f->defaultStart();
            const Trajectory path = run(info.name, h, *f, start, 8);
            auto stepped = makeOptimizer(info.name, h);
            Vec2 x = start;
            Vec2 gradient;
            for (int k = 0; k < path.steps(); ++k) {
                f->valueAndGradientAt(x, gradient);
                x = stepped->step(*f, x, gradient);
                CHECK(x == path.points[static_cast<size_t>(k) + 1]);
                CHECK(stepped->stepsTaken() == k + 1);
            }
        }
    }
}
