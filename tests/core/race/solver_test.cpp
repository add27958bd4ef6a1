#include "race/solver.h"

#include <doctest/doctest.h>

#include <atomic>
#include <thread>

using namespace gradscape;

namespace {

OptimizerSettings settings(int id, const std::string& kind, double lr, Vec2 start) {
    OptimizerSettings s;
    s.id = id;
    s.kind = kind;
    s.hyperparameters = optimizerInfo(kind).defaults;
    s.hyperparameters.learningRate = lr;
    s.start = start;
    return s;
}

std::vector<OptimizerSettings> threeRacers() {
    return {settings(1, "gd", 1e-3, {-1.2, 1}), settings(2, "momentum", 1e-3, {-1.2, 1}),
            settings(3, "adam", 0.05, {-1.2, 1})};
}

// The path a fresh optimizer would take, computed directly without the solver.
Trajectory expectedPath(const Landscape& f, const OptimizerSettings& s, int steps) {
    auto optimizer = makeOptimizer(s.kind, s.hyperparameters);
    Trajectory t = startTrajectory(f, s.start);
    advanceTrajectory(t, *optimizer, f, steps);
    return t;
}

}  // namespace

TEST_CASE("the solver starts with every path at its start point and steps on command") {
    auto f = makeLandscape("rosenbrock");
    Solver solver(f, threeRacers());
    auto first = solver.snapshot();
    REQUIRE(first->paths.size() == 3);
    CHECK(first->stepCount == 0);
    for (const auto& path : first->paths)
        CHECK(path.trajectory->points == std::vector<Vec2>{Vec2(-1.2, 1)});

    auto after = solver.waitFor(solver.post(command::Step{250}));
    CHECK(after->stepCount == 250);
    CHECK(after->generation > first->generation);
    for (const auto& path : after->paths) {
        CHECK(path.trajectory->steps() == 250);
        CHECK(path.trajectory->points == expectedPath(*f, path.settings, 250).points);
    }
    CHECK(after->find(2)->state.vectors.at(0).name == "velocity");
    CHECK(after->find(7) == nullptr);
    // The earlier snapshot is immutable: still at step 0.
    CHECK(first->paths[0].trajectory->steps() == 0);
}

TEST_CASE("a new start point or hyperparameter recomputes that path from its start to the current step") {
    auto f = makeLandscape("rosenbrock");
    Solver solver(f, threeRacers());
    solver.post(command::Step{300});
    auto before = solver.sync();
    solver.post(command::SetStart{1, {0.5, -0.5}});
    Hyperparameters h = before->find(3)->settings.hyperparameters;
    h.learningRate = 0.01;
    auto after = solver.waitFor(solver.post(command::SetHyperparameters{3, h}));
    CHECK(after->stepCount == 300);
    CHECK(after->find(1)->settings.start == Vec2(0.5, -0.5));
    CHECK(after->find(1)->trajectory->points == expectedPath(*f, after->find(1)->settings, 300).points);
    CHECK(after->find(3)->trajectory->points == expectedPath(*f, after->find(3)->settings, 300).points);
    // The untouched path is shared with the previous snapshot, not recomputed or copied.
    CHECK(after->find(2)->trajectory == before->find(2)->trajectory);
}

TEST_CASE("refused commands leave the previous state and say why") {
    Solver solver(makeLandscape("quadratic"), threeRacers());
    auto before = solver.waitFor(solver.post(command::Step{10}));
    Hyperparameters bad = before->find(1)->settings.hyperparameters;
    bad.learningRate = -0.5;
    auto after = solver.waitFor(solver.post(command::SetHyperparameters{1, bad}));
    CHECK(after->error == "gd: learning rate must be in (0, 1000], got -0.5");
    CHECK(after->errorCount == 1);
    CHECK(after->find(1)->settings.hyperparameters.learningRate == 1e-3);
    CHECK(after->find(1)->trajectory == before->find(1)->trajectory);

    after = solver.waitFor(solver.post(command::SetStart{1, {NAN, 0}}));
    CHECK(after->error == "start point must be finite");
    CHECK(after->find(1)->settings.start == Vec2(-1.2, 1));
    after = solver.waitFor(solver.post(command::SetSpeed{-3}));
    CHECK(after->error.find("steps per second must be in") == 0);
    after = solver.waitFor(solver.post(command::SetStart{42, {0, 0}}));
    CHECK(after->error == "no optimizer with id 42");
    OptimizerSettings unknown = settings(0, "gd", 1, {0, 0});
    unknown.kind = "newtonish";
    after = solver.waitFor(solver.post(command::AddOptimizer{unknown}));
    CHECK(after->error.find("unknown optimizer") == 0);
    CHECK(after->errorCount == 5);
    CHECK(after->paths.size() == 3);

    CHECK_THROWS_WITH(Solver(makeLandscape("saddle"), {settings(1, "gd", 0, {0, 0})}),
                      doctest::Contains("learning rate must be in"));
}

TEST_CASE("play advances every path, pause stops, reset returns to the start, max steps ends play") {
    auto f = makeLandscape("quadratic");
    Solver solver(f, threeRacers(), 400);
    solver.post(command::SetSpeed{20000});
    solver.post(command::Play{});
    // Wait until the solver has played up to its limit and stopped by itself.
    std::shared_ptr<const Snapshot> s;
    do {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        s = solver.snapshot();
    } while (s->playing || s->stepCount < 400);
    CHECK(s->stepCount == 400);
    CHECK(!s->playing);
    for (const auto& path : s->paths)
        CHECK(path.trajectory->points == expectedPath(*f, path.settings, 400).points);

    s = solver.waitFor(solver.post(command::Reset{}));
    CHECK(s->stepCount == 0);
    for (const auto& path : s->paths)
        CHECK(path.trajectory->steps() == 0);
    solver.post(command::Play{});
    solver.post(command::Pause{});
    s = solver.sync();
    CHECK(!s->playing);
}

TEST_CASE("optimizers can be added, disabled and removed, the landscape can change") {
    Solver solver(makeLandscape("rosenbrock"), threeRacers());
    auto s = solver.waitFor(solver.post(command::AddOptimizer{settings(0, "momentum", 2e-3, {1.5, 2})}));
    REQUIRE(s->paths.size() == 4);
    CHECK(s->paths.back().settings.id == 4);
    s = solver.waitFor(solver.post(command::SetEnabled{2, false}));
    CHECK(s->find(2)->trajectory->points.empty());
    s = solver.waitFor(solver.post(command::Step{20}));
    CHECK(s->find(2)->trajectory->points.empty());
    CHECK(s->find(4)->trajectory->steps() == 20);
    s = solver.waitFor(solver.post(command::RemoveOptimizer{1}));
    CHECK(s->paths.size() == 3);
    auto saddle = makeLandscape("saddle");
    s = solver.waitFor(solver.post(command::SetLandscape{saddle}));
    CHECK(s->landscape == saddle);
    CHECK(s->find(4)->trajectory->points == expectedPath(*saddle, s->find(4)->settings, 20).points);
}

TEST_CASE("a diverging path is marked in the snapshot while the others go on") {
    auto f = makeLandscape("quadratic");
    auto racers = threeRacers();
    racers[0].hyperparameters.learningRate = 1;  // far above 2 / kappa = 0.2
    Solver solver(f, racers);
    auto s = solver.waitFor(solver.post(command::Step{100}));
    CHECK(s->find(1)->trajectory->diverged());
    CHECK(s->find(1)->trajectory->divergenceMessage().rfind("diverged at step ", 0) == 0);
    CHECK(s->find(2)->trajectory->steps() == 100);
}

TEST_CASE("a burst of drags collapses to the latest start point") {
    auto f = makeLandscape("himmelblau");
    Solver solver(f, threeRacers());
    solver.post(command::Step{1000});
    for (int i = 0; i <= 2000; ++i)
        solver.post(command::SetStart{2, {-4 + i * 0.004, 1}});
    auto s = solver.sync();
    CHECK(s->find(2)->settings.start == Vec2(4, 1));
    CHECK(s->find(2)->trajectory->points == expectedPath(*f, s->find(2)->settings, 1000).points);
    // Far fewer recomputations than drags were published.
    CHECK(s->generation < 2000);
}

// The way a fast slider drag hammers the queue, while the solver plays and a reader draws snapshots.
TEST_CASE("10,000 hyperparameter changes while stepping: no race, the last value wins") {
    auto f = makeLandscape("rosenbrock");
    Solver solver(f, threeRacers(), 1'000'000);
    solver.post(command::SetSpeed{50000});
    solver.post(command::Play{});
    std::atomic<bool> done{false};
    std::thread reader([&] {
        std::uint64_t lastGeneration = 0;
        while (!done) {
            auto s = solver.snapshot();
            CHECK(s->generation >= lastGeneration);
            lastGeneration = s->generation;
            for (const auto& path : s->paths) {
                const Trajectory& t = *path.trajectory;
                CHECK(t.points.size() == t.losses.size());
                if (!t.points.empty()) CHECK(t.points.front() == path.settings.start);
            }
        }
    });
    Hyperparameters h = optimizerInfo("adam").defaults;
    for (int i = 0; i < 10000; ++i) {
        h.learningRate = 1e-4 + i * 1e-6;
        h.beta1 = 0.5 + (i % 40) * 0.01;
        solver.post(command::SetHyperparameters{3, h});
        if (i % 1000 == 0) solver.post(command::SetStart{1, {-1.2 + i * 1e-5, 1}});
    }
    solver.post(command::Pause{});
    auto s = solver.sync();
    done = true;
    reader.join();
    CHECK(s->find(3)->settings.hyperparameters == h);
    CHECK(s->find(1)->settings.start == Vec2(-1.2 + 9000 * 1e-5, 1));
    CHECK(s->error.empty());
    for (const auto& path : s->paths)
        CHECK(path.trajectory->points == expectedPath(*f, path.settings, s->stepCount).points);
}

// Issue 11, item 8: 10,000 racers took the window to 8 GB, 1,000 racers x 100k steps past 9.4 GB.
TEST_CASE("checkRaceSize names the racer and stored-iterate limits") {
    CHECK(checkRaceSize(64, 100'000).empty());
    CHECK(checkRaceSize(65, 10) == "a race has at most 64 racers, got 65");
    CHECK(checkRaceSize(10'000, 1) == "a race has at most 64 racers, got 10000");
    CHECK(checkRaceSize(20, 1'000'000).empty());  // exactly the budget
    CHECK(checkRaceSize(21, 1'000'000) ==
          "a race keeps at most 20000000 iterates (racers x steps), got 21 racers x 1000000 steps");
    CHECK(checkRaceSize(1, 2'000'000) == "a racer takes at most 1000000 steps, got 2000000");
}

TEST_CASE("the solver refuses more racers or stored iterates than the limits, changing nothing") {
    auto f = makeLandscape("rosenbrock");
    std::vector<OptimizerSettings> many;
    for (int id = 1; id <= 65; ++id)
        many.push_back(settings(id, "gd", 1e-3, {-1.2, 1}));
    CHECK_THROWS_WITH(Solver(f, many), "a race has at most 64 racers, got 65");
    CHECK_NOTHROW(Solver(f, threeRacers(), 1'000'000));  // 3 racers x 1e6 steps fits
    many.pop_back();
    Solver solver(f, many);  // 64 racers x 100,000 steps fits
    auto added = solver.waitFor(solver.post(command::AddOptimizer{settings(0, "adam", 0.05, {0, 0})}));
    CHECK(added->error == "a race has at most 64 racers, got 65");
    CHECK(added->paths.size() == 64);
    auto longer = solver.waitFor(solver.post(command::SetMaxSteps{1'000'000}));
    CHECK(longer->error ==
          "a race keeps at most 20000000 iterates (racers x steps), got 64 racers x 1000000 steps");
    CHECK(longer->maxSteps == 100'000);
}

TEST_CASE("published paths carry the analyses asked for, equal to computing them directly") {
    auto f = makeLandscape("rosenbrock");
    Solver solver(f, threeRacers());
    // A bare solver works out nothing beyond the paths.
    auto plain = solver.waitFor(solver.post(command::Step{30}));
    for (const auto& path : plain->paths) {
        REQUIRE(path.analysis);
        CHECK_FALSE(path.analysis->stabilityAtLatest);
        CHECK_FALSE(path.analysis->series);
        CHECK_FALSE(path.analysis->latestStep);
        CHECK_FALSE(path.analysis->nextStep);
    }

    solver.post(command::SetAnalyses{{true, true, true, 2}});
    const auto snapshot = solver.sync();
    CHECK(snapshot->analyses == AnalysisRequest{true, true, true, 2});
    for (const auto& path : snapshot->paths) {
        CAPTURE(path.settings.kind);
        const Trajectory& t = *path.trajectory;
        const PathAnalysis& a = *path.analysis;
        // The stability bounds are stability.h's for these settings at the latest iterate and at the start.
        const StabilityAnalysis latest = stabilityAt(*f, t.points.back(), path.settings);
        const StabilityAnalysis start = stabilityAt(*f, t.points.front(), path.settings);
        REQUIRE(a.stabilityAtLatest);
        REQUIRE(a.stabilityAtStart);
        CHECK(a.stabilityAtLatest->learningRateBound == latest.learningRateBound);
        CHECK(a.stabilityAtLatest->rate == latest.rate);
        CHECK(a.stabilityAtLatest->boundFormula == latest.boundFormula);
        CHECK(a.stabilityAtStart->rate == start.rate);
        // The plots' series, one value per iterate.
        REQUIRE(a.series);
        REQUIRE(a.series->gradientNorm.size() == t.points.size());
        CHECK(a.series->gradientNorm.back() == f->gradientAt(t.points.back()).norm());
        CHECK(a.series->loss == t.losses);
        // The next step, explained as explainStep explains it.
        REQUIRE(a.nextStep);
        const StepExplanation next = explainStep(path.settings, *f, t, t.steps());
        CHECK(a.nextStep->error.empty());
        CHECK(a.nextStep->explanation.step == next.step);
        CHECK(a.nextStep->explanation.to == next.to);
        CHECK(a.nextStep->explanation.stepTaken == next.stepTaken);
        // The latest step only for the path asked for.
        CHECK(a.latestStep.has_value() == (path.settings.id == 2));
    }
    const PathSnapshot& chosen = *snapshot->find(2);
    const StepExplanation latest =
        explainStep(chosen.settings, *f, *chosen.trajectory, stepToExplain(*chosen.trajectory));
    REQUIRE(chosen.analysis->latestStep);
    CHECK(chosen.analysis->latestStep->explanation.step == 29);
    CHECK(chosen.analysis->latestStep->explanation.step == latest.step);
    CHECK(chosen.analysis->latestStep->explanation.to == latest.to);
    CHECK(chosen.analysis->latestStep->explanation.terms.size() == latest.terms.size());
}

TEST_CASE("an analysis is worked out again only when its path, settings or request changed") {
    auto f = makeLandscape("rosenbrock");
    Solver solver(f, threeRacers());
    solver.post(command::SetAnalyses{{true, true, true, 1}});
    const auto before = solver.waitFor(solver.post(command::Step{20}));
    // A change to one racer leaves the others' paths and analyses shared, not recomputed.
    Hyperparameters faster = before->find(3)->settings.hyperparameters;
    faster.learningRate = 0.02;
    const auto after = solver.waitFor(solver.post(command::SetHyperparameters{3, faster}));
    CHECK(after->find(1)->analysis == before->find(1)->analysis);
    CHECK(after->find(2)->analysis == before->find(2)->analysis);
    CHECK(after->find(3)->analysis != before->find(3)->analysis);
    REQUIRE(after->find(3)->analysis->stabilityAtLatest);
    CHECK(after->find(3)->analysis->stabilityAtLatest->rate ==
          stabilityAt(*f, after->find(3)->trajectory->points.back(), after->find(3)->settings).rate);
    // Grown paths get grown series.
    const auto grown = solver.waitFor(solver.post(command::Step{5}));
    CHECK(grown->find(1)->analysis->series->loss.size() == 26);
}

TEST_CASE("the publish listener is called once per published snapshot") {
    auto f = makeLandscape("rosenbrock");
    std::atomic<int> calls{0};
    std::uint64_t firstGeneration = 0, lastGeneration = 0;
    {
        Solver solver(f, threeRacers());
        firstGeneration = solver.sync()->generation;  // idle: nothing is being published now
        solver.setPublishListener([&] { ++calls; });
        for (int i = 0; i < 5; ++i)
            solver.waitFor(solver.post(command::Step{1}));
        solver.waitFor(solver.post(command::Reset{}));
        lastGeneration = solver.sync()->generation;
    }  // joins the solver thread: every listener call has returned
    CHECK(lastGeneration - firstGeneration == 6);
    CHECK(calls == static_cast<int>(lastGeneration - firstGeneration));
}

TEST_CASE("a grown path is published sharing its storage with the snapshots before it") {
    auto f = makeLandscape("rosenbrock");
    Solver solver(f, threeRacers(), 100'000);
    const auto before = solver.waitFor(solver.post(command::Step{50'000}));
    const auto after = solver.waitFor(solver.post(command::Step{10}));
    for (size_t i = 0; i < 3; ++i) {
        const Trajectory& old = *before->paths[i].trajectory;
        const Trajectory& grown = *after->paths[i].trajectory;
        CHECK(old.steps() == 50'000);
        CHECK(grown.steps() == 50'010);
        // Every iterate the earlier snapshot holds is the same memory in the later one: nothing was copied.
        CHECK(grown.points.sharedPrefix(old.points) == old.points.size());
        CHECK(grown.losses.sharedPrefix(old.losses) == old.losses.size());
    }
    // A path recomputed from another start shares nothing with the old one; the others stay shared whole.
    const auto moved = solver.waitFor(solver.post(command::SetStart{2, {-1, 1.5}}));
    CHECK(moved->find(2)->trajectory->points.sharedPrefix(after->find(2)->trajectory->points) == 0);
    CHECK(moved->find(1)->trajectory == after->find(1)->trajectory);
    CHECK(moved->find(2)->trajectory->points == expectedPath(*f, moved->find(2)->settings, 50'010).points);
}
