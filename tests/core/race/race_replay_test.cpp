// The race replayed for an animation: which step each frame shows, and the race cut at that step.

#include "race/race_replay.h"
#include "scene/scene.h"

#include <doctest/doctest.h>

using namespace gradscape;

TEST_CASE("replay frames run from step 0 to the last step, rounded to the nearest step") {
    CHECK(replayStep(0, 12, 500) == 0);
    CHECK(replayStep(11, 12, 500) == 500);
    CHECK(replayStep(1, 12, 500) == 45);   // 500 / 11 = 45.45
    CHECK(replayStep(6, 12, 500) == 273);  // 3000 / 11 = 272.7
    CHECK(replayStep(1, 3, 5) == 3);       // 2.5 rounds away from zero
    // More frames than steps: neighbouring frames repeat a step, none is skipped.
    for (int frame = 0; frame < 10; ++frame)
        CHECK(replayStep(frame, 10, 3) == (frame * 3 + 4) / 9);
    CHECK_THROWS_AS(replayStep(0, 1, 10), std::invalid_argument);
}

TEST_CASE("a snapshot cut at a step holds each path up to that step and no further") {
    Scene scene = defaultScene();
    scene.steps = 40;
    Solver solver(makeLandscape(scene.landscape), scene.optimizers);
    const auto whole = solver.waitFor(solver.post(command::Step{40}));
    REQUIRE(whole->stepCount == 40);
    const auto past = snapshotAtStep(*whole, 15);
    CHECK(past->stepCount == 15);
    REQUIRE(past->paths.size() == whole->paths.size());
    for (size_t i = 0; i < past->paths.size(); ++i) {
        const Trajectory& cut = *past->paths[i].trajectory;
        const Trajectory& full = *whole->paths[i].trajectory;
        REQUIRE(cut.points.size() == 16);
        CHECK(cut.losses.size() == 16);
        CHECK(cut.points.back() == full.points[15]);
        CHECK(cut.losses.back() == full.losses[15]);
        CHECK(cut.points.front() == full.points.front());
        CHECK(past->paths[i].settings.id == whole->paths[i].settings.id);
        // The cut path's summary is of the cut path, sharing the whole one's storage up to the cut chunk.
        const PathLod& lod = *past->paths[i].lod;
        CHECK(lod.points() == cut.points);
        CHECK(lod.points().sharedPrefix(whole->paths[i].lod->points()) == 0);  // one chunk, copied at the cut
        CHECK(whole->paths[i].lod->points().sharedPrefix(full.points) == full.points.size());
    }
    // The whole race at its own step is the same paths.
    const auto all = snapshotAtStep(*whole, 40);
    for (size_t i = 0; i < all->paths.size(); ++i)
        CHECK(all->paths[i].trajectory == whole->paths[i].trajectory);
    // Step 0: the start points alone.
    CHECK(snapshotAtStep(*whole, 0)->paths[0].trajectory->points.size() == 1);
}

TEST_CASE("a path that diverged later is not yet diverged in the past") {
    OptimizerSettings gd = defaultSettings("gd", {-1.2, 1});
    gd.id = 1;
    gd.hyperparameters.learningRate = 0.01;  // diverges within a few steps on Rosenbrock
    Solver solver(makeLandscape("rosenbrock"), {gd});
    const auto whole = solver.waitFor(solver.post(command::Step{100}));
    const Trajectory& full = *whole->paths[0].trajectory;
    REQUIRE(full.diverged());
    REQUIRE(full.divergedAtStep > 1);
    // The replayed snapshots are held: their paths live as long as they do.
    const auto past = snapshotAtStep(*whole, full.divergedAtStep - 1);
    const Trajectory& before = *past->paths[0].trajectory;
    CHECK_FALSE(before.diverged());
    CHECK(before.steps() == full.divergedAtStep - 1);
    const auto later = snapshotAtStep(*whole, full.divergedAtStep + 5);
    const Trajectory& after = *later->paths[0].trajectory;
    CHECK(after.divergedAtStep == full.divergedAtStep);
    CHECK(after.points.size() == full.points.size());
}

TEST_CASE("a cut path's analyses are those of the cut path") {
    Scene scene = defaultScene();
    Solver solver(makeLandscape(scene.landscape), scene.optimizers);
    solver.post(command::SetAnalyses{{true, true, true, scene.optimizers.front().id}});
    const auto whole = solver.waitFor(solver.post(command::Step{40}));
    const auto past = snapshotAtStep(*whole, 15);
    for (const PathSnapshot& path : past->paths) {
        const Trajectory& cut = *path.trajectory;
        const PathAnalysis& a = *path.analysis;
        REQUIRE(a.series);
        CHECK(a.series->loss == cut.losses);
        CHECK(a.series->gradientNorm.size() == 16);
        REQUIRE(a.stabilityAtLatest);
        CHECK(a.stabilityAtLatest->rate ==
              stabilityAt(*whole->landscape, cut.points.back(), path.settings).rate);
        REQUIRE(a.nextStep);
        CHECK(a.nextStep->explanation.step == 15);
        CHECK(a.nextStep->explanation.from == cut.points.back());
        CHECK(a.latestStep.has_value() == (path.settings.id == scene.optimizers.front().id));
    }
}
