// The window's model without a window: adding and removing optimizers, shared and own start points.

#include "session.h"
#include "palette.h"
#include "support/input_limits.h"
#include "support/test_support.h"
#include "theme.h"

#include <doctest/doctest.h>

#include <atomic>

using namespace gradscape;

TEST_CASE("two optimizers of one kind can race with different settings, each with its own colour") {
    Session session(defaultScene());
    const int a = session.addOptimizer("gd");
    const int b = session.addOptimizer("gd");
    CHECK(a == 4);
    CHECK(b == 5);
    CHECK(session.colourOf(a) != session.colourOf(b));
    Hyperparameters faster = optimizerInfo("gd").defaults;
    faster.learningRate = 2e-3;
    session.setHyperparameters(b, faster);
    session.step(100);
    auto snapshot = session.sync();
    REQUIRE(snapshot->paths.size() == 5);
    CHECK(snapshot->find(a)->settings.hyperparameters.learningRate == 1e-3);
    CHECK(snapshot->find(b)->settings.hyperparameters.learningRate == 2e-3);
    CHECK(snapshot->find(a)->trajectory->points.back() != snapshot->find(b)->trajectory->points.back());
    CHECK(snapshot->find(b)->settings.start == session.race().sharedStart);

    session.removeOptimizer(a);
    snapshot = session.sync();
    CHECK(snapshot->paths.size() == 4);
    CHECK(snapshot->find(a) == nullptr);
    CHECK(session.addOptimizer("newton") == 6);  // ids are never reused
}

TEST_CASE("dragging a follower moves the shared start and every follower, an own start moves alone") {
    Session session(defaultScene());
    for (int id : {1, 2, 3})
        CHECK(session.followsShared(id));
    session.moveStart(2, {0.5, 0.5});
    auto snapshot = session.sync();
    for (int id : {1, 2, 3})
        CHECK(snapshot->find(id)->settings.start == Vec2(0.5, 0.5));
    CHECK(session.race().sharedStart == Vec2(0.5, 0.5));

    session.setFollowsShared(3, false);
    session.moveStart(3, {-1, 2});
    session.moveStart(1, {1.5, -0.5});
    snapshot = session.sync();
    CHECK(snapshot->find(1)->settings.start == Vec2(1.5, -0.5));
    CHECK(snapshot->find(2)->settings.start == Vec2(1.5, -0.5));
    CHECK(snapshot->find(3)->settings.start == Vec2(-1, 2));
    // Following again brings it back to the shared start.
    session.setFollowsShared(3, true);
    snapshot = session.sync();
    CHECK(snapshot->find(3)->settings.start == Vec2(1.5, -0.5));
}

TEST_CASE("the views draw a start handle at the drag for the dragged racer and every follower of it") {
    Session session(defaultScene());
    session.setFollowsShared(3, false);
    for (int id : {1, 2, 3})
        CHECK_FALSE(session.startDragged(id));  // nothing is dragged
    session.layout.drag.startId = 1;            // a follower is dragged: every follower moves with it
    CHECK(session.startDragged(1));
    CHECK(session.startDragged(2));
    CHECK_FALSE(session.startDragged(3));
    session.layout.drag.startId = 3;  // a racer with its own start moves alone
    CHECK_FALSE(session.startDragged(1));
    CHECK_FALSE(session.startDragged(2));
    CHECK(session.startDragged(3));
}

TEST_CASE("a new landscape moves every racer to its classic start, a bad parameter changes nothing") {
    Session session(defaultScene());
    CHECK(session.setLandscape("himmelblau", {}, true));
    auto snapshot = session.sync();
    CHECK(snapshot->landscape->name() == "himmelblau");
    CHECK(session.race().sharedStart == snapshot->landscape->defaultStart());
    for (const auto& path : snapshot->paths)
        CHECK(path.settings.start == session.race().sharedStart);
    CHECK(!session.setLandscape("quadratic", {{"kappa", -3}}, false));
    CHECK(session.statusIsError);
    CHECK(session.status.find("kappa must be in") != std::string::npos);
    CHECK(session.sync()->landscape->name() == "himmelblau");
}

TEST_CASE("a regularization slider reshapes the landscape live, an out-of-range lambda changes nothing") {
    Session session(defaultScene());
    const double before = session.sync()->landscape->valueAt({1, 1});
    CHECK(session.setRegularization({0.5, 0.1}));
    auto snapshot = session.sync();
    CHECK(snapshot->landscape->valueAt({1, 1}) == doctest::Approx(before + 0.5 * 2 + 0.1 * 2));
    CHECK(snapshot->landscape->formula().find("0.5 |w|^2") != std::string::npos);
    CHECK(!session.setRegularization({-2, 0}));
    CHECK(session.status.find("L2 lambda must be in") != std::string::npos);
    CHECK(session.race().regularization == Regularization{0.5, 0.1});
    // Switching the landscape keeps the regularization.
    CHECK(session.setLandscape("quadratic", {}, true));
    CHECK(session.sync()->landscape->formula().find("|w|_1") != std::string::npos);
}

TEST_CASE("a typed formula replaces the landscape, a typo is refused with its position and changes nothing") {
    Session session(defaultScene());
    CHECK(session.setFormula("x^2 + 4*y^2", true));
    auto snapshot = session.sync();
    CHECK(snapshot->landscape->name() == "formula");
    CHECK(snapshot->landscape->valueAt({1, 1}) == 5.0);
    CHECK(!session.setFormula("x^2 + 4*z", false));
    CHECK(session.race().formulaError.find("position 8") != std::string::npos);
    CHECK(session.race().formula == "x^2 + 4*y^2");
    CHECK(session.sync()->landscape->valueAt({1, 1}) == 5.0);
    // Regularization applies to formulas too.
    CHECK(session.setRegularization({1, 0}));
    CHECK(session.sync()->landscape->valueAt({1, 1}) == 7.0);
}

TEST_CASE("a scene comes back as saved: colours, labels, follow flags and the shared start") {
    // The race: Adam pink and AdamW orange, two GD racers of which only the second follows.
    Scene scene = defaultScene();
    scene.landscape = "quadratic";
    scene.view = makeLandscape("quadratic")->displayBox();
    OptimizerSettings gdOwn = defaultSettings("gd", {1, -1}), gdFollowing = defaultSettings("gd", {0.5, 0.5});
    OptimizerSettings adam = defaultSettings("adam", {0.5, 0.5}), adamw = defaultSettings("adamw", {0.5, 0.5});
    gdOwn.id = 3, gdFollowing.id = 5, adam.id = 8, adamw.id = 9;
    gdOwn.followsSharedStart = false;
    adam.colour = 0xcc79a7;
    adamw.colour = 0xe69f00;
    adamw.label = "AdamW (decoupled)";
    scene.optimizers = {gdOwn, gdFollowing, adam, adamw};
    scene.sharedStart = Vec2(0.5, 0.5);
    scene.playing = false;

    Session session(scene);
    CHECK(session.colourOf(8) == themedPathColour(colourFromRgb(0xcc79a7)));
    CHECK(session.race().colours.at(9) == colourFromRgb(0xe69f00));
    CHECK_FALSE(session.followsShared(3));
    CHECK(session.followsShared(5));
    CHECK(session.race().sharedStart == Vec2(0.5, 0.5));
    // Dragging the follower moves the shared start, not the racer with a start of its own.
    session.moveStart(5, {0.25, 0});
    auto snapshot = session.sync();
    CHECK(snapshot->find(3)->settings.start == Vec2(1, -1));
    CHECK(snapshot->find(8)->settings.start == Vec2(0.25, 0));

    const Scene saved = session.toScene();
    REQUIRE(saved.optimizers.size() == 4);
    CHECK(saved.optimizers[2].colour == 0xcc79a7u);
    CHECK(saved.optimizers[3].colour == 0xe69f00u);
    CHECK(saved.optimizers[3].label == "AdamW (decoupled)");
    CHECK_FALSE(saved.optimizers[0].followsSharedStart);
    CHECK(saved.optimizers[1].followsSharedStart);
    CHECK(saved.sharedStart == Vec2(0.25, 0));
    // Every racer has a colour once the window shows it, so reopening hands out nothing new.
    CHECK(saved.optimizers[0].colour.has_value());

    // Reopened, the session shows the same, and saves the same scene again.
    Session reopened(saved);
    for (int id : {3, 5, 8, 9}) {
        CAPTURE(id);
        CHECK(reopened.race().colours.at(id) == session.race().colours.at(id));
        CHECK(reopened.followsShared(id) == session.followsShared(id));
    }
    CHECK(reopened.toScene() == saved);
}

TEST_CASE("colours convert exactly between 0xRRGGBB and ImGui's") {
    CHECK(colourFromRgb(0xcc79a7) == IM_COL32(0xcc, 0x79, 0xa7, 255));
    for (std::uint32_t rgb : {0u, 0x123456u, 0xffffffu, 0xe69f00u})
        CHECK(rgbFromColour(colourFromRgb(rgb)) == rgb);
}

TEST_CASE("a racer without a colour of its own never takes a colour another racer already has") {
    Scene scene = defaultScene();
    scene.optimizers[0].colour = rgbFromColour(paletteColour(1));  // GD takes the second palette colour
    Session session(scene);
    CHECK(session.race().colours.at(1) == paletteColour(1));
    CHECK(session.race().colours.at(2) == paletteColour(0));
    CHECK(session.race().colours.at(3) == paletteColour(2));  // not the second again
    const int added = session.addOptimizer("adam");
    CHECK(session.race().colours.at(added) == paletteColour(3));
}

TEST_CASE("racers past limits::kMaxRacers are refused with the limit named, and the race stays") {
    Session session(defaultScene());
    const size_t before = session.sync()->paths.size();
    for (size_t i = before; i < limits::kMaxRacers; ++i)
        REQUIRE(session.addOptimizer("gd") > 0);
    REQUIRE(session.sync()->paths.size() == limits::kMaxRacers);
    const int nextId = session.race().nextId;
    session.say("");
    CHECK(session.addOptimizer("adam") == 0);
    CHECK(session.statusIsError);
    CHECK(session.status == "a race has at most 64 racers, got 65; remove one first");
    CHECK(session.race().nextId == nextId);
    CHECK(session.race().colours.size() == limits::kMaxRacers);
    CHECK(session.sync()->paths.size() == limits::kMaxRacers);
    // One removed, one may be added again.
    session.removeOptimizer(1);
    CHECK(session.addOptimizer("adam") == nextId);
    CHECK(session.sync()->paths.size() == limits::kMaxRacers);
}

TEST_CASE("a formula whose building throws anything is refused in the formula box and changes nothing") {
    Session session(defaultScene());
    const std::string landscape = session.race().landscapeName;
    const auto view = session.viewBox;
    // 22 nested exp(...): its derivative's text is past what muparser takes (issue 11, item 1); whatever
    // the formula code throws for it, the box says why and the race keeps its landscape.
    std::string nested = "x";
    for (int i = 0; i < 22; ++i) nested = "exp(" + nested + ")";
    CHECK_FALSE(session.setFormula(nested, true));
    INFO(session.race().formulaError);
    CHECK_FALSE(session.race().formulaError.empty());
    CHECK(session.race().landscapeName == landscape);
    CHECK(session.viewBox.xMin == view.xMin);
    CHECK(session.setFormula("x^2 + y^2", true));  // the box still works
    CHECK(session.race().formulaError.empty());
    CHECK(session.race().landscapeName == "formula");
}

TEST_CASE("a scene the solver refuses changes nothing") {
    Session session(defaultScene());
    const std::string landscape = session.race().landscapeName;
    Scene refused = defaultScene();
    refused.landscape = "no-such-landscape";
    CHECK_THROWS(session.replaceScene(refused));
    CHECK(session.race().landscapeName == landscape);
}

TEST_CASE("a scene with more racers than limits::kMaxRacers is refused with the limit named") {
    Session session(defaultScene());
    const size_t racers = session.sync()->paths.size();
    Scene crowded = defaultScene();
    crowded.optimizers.clear();
    for (size_t i = 0; i <= limits::kMaxRacers; ++i) {
        OptimizerSettings settings = defaultSettings("gd", {1, 1});
        settings.id = static_cast<int>(i) + 1;
        crowded.optimizers.push_back(settings);
    }
    CHECK_THROWS_WITH(session.replaceScene(crowded), "a race has at most 64 racers, got 65");
    CHECK(session.sync()->paths.size() == racers);
}

TEST_CASE(
    "play, pause, step, reset, speed and switching a racer off go through the session to the snapshot") {
    Scene scene = defaultScene();
    scene.playing = false;
    Session session(scene);
    session.step(7);
    auto snapshot = session.sync();
    CHECK(snapshot->stepCount == 7);
    CHECK_FALSE(snapshot->playing);
    session.setSpeed(250);
    session.play();
    snapshot = session.sync();
    CHECK(snapshot->playing);
    CHECK(snapshot->stepsPerSecond == 250);
    session.togglePlay();
    CHECK_FALSE(session.sync()->playing);
    session.togglePlay();
    CHECK(session.sync()->playing);
    session.pause();
    CHECK_FALSE(session.sync()->playing);
    // A step pauses a playing race and takes exactly one step from where it stands.
    session.play();
    const int before = session.sync()->stepCount;
    session.step(1);
    snapshot = session.sync();
    CHECK_FALSE(snapshot->playing);
    CHECK(snapshot->stepCount >= before + 1);
    session.reset();
    snapshot = session.sync();
    CHECK(snapshot->stepCount == 0);
    for (const auto& path : snapshot->paths)
        CHECK(path.trajectory->steps() == 0);
    session.setEnabled(2, false);
    snapshot = session.sync();
    CHECK_FALSE(snapshot->find(2)->settings.enabled);
    CHECK(snapshot->find(2)->trajectory->points.empty());
    session.moveSharedStart({0.25, -0.5});
    snapshot = session.sync();
    for (int id : {1, 3})
        CHECK(snapshot->find(id)->settings.start == Vec2(0.25, -0.5));
}

TEST_CASE("the snapshot carries the analyses the shown views need, and only those") {
    Scene scene = defaultScene();
    scene.playing = false;
    scene.steps = 20;
    scene.views.plots = false;
    Session session(scene);
    auto snapshot = session.sync();
    CHECK(snapshot->analyses == session.analyses());
    for (const auto& path : snapshot->paths) {
        CHECK(path.analysis->stabilityAtLatest.has_value());  // the optimizer panel always shows its bound
        CHECK(path.analysis->series == nullptr);              // no plots shown
        CHECK_FALSE(path.analysis->nextStep);
        CHECK_FALSE(path.analysis->latestStep);
    }
    session.viewSettings.plots = true;
    session.viewSettings.overlays.stepParts = true;
    session.viewSettings.stepByStepId = 3;
    session.layout.stepByStepShown = true;  // the step panel's section is open
    snapshot = session.sync();
    for (const auto& path : snapshot->paths) {
        CAPTURE(path.settings.id);
        REQUIRE(path.analysis->series);
        CHECK(path.analysis->series->loss.size() == 21);
        REQUIRE(path.analysis->nextStep);
        CHECK(path.analysis->nextStep->explanation.step == 20);
        CHECK(path.analysis->latestStep.has_value() == (path.settings.id == 3));
    }
    CHECK(snapshot->find(3)->analysis->latestStep->explanation.step == 19);
}

TEST_CASE("the chosen path's latest step is explained only while the step panel's section is open") {
    Scene scene = defaultScene();
    scene.playing = false;
    scene.steps = 20;
    scene.views.stepByStepId = 3;
    Session session(scene);
    // Collapsed (or the panels hidden): no replay of the chosen path.
    CHECK(session.analyses().latestStepOf == 0);
    for (const auto& path : session.sync()->paths)
        CHECK_FALSE(path.analysis->latestStep);
    session.layout.stepByStepShown = true;
    CHECK(session.analyses().latestStepOf == 3);
    auto snapshot = session.sync();
    REQUIRE(snapshot->find(3)->analysis->latestStep);
    CHECK(snapshot->find(3)->analysis->latestStep->explanation.step == 19);
    // Collapsed again: the next publish carries none.
    session.layout.stepByStepShown = false;
    session.step(1);
    CHECK_FALSE(session.sync()->find(3)->analysis->latestStep);
}

TEST_CASE("the publish listener hears every publish, of a replaced race too") {
    Session session(defaultScene());
    std::atomic<int> calls{0};
    session.setPublishListener([&] { ++calls; });
    // The listener runs just after the snapshot is published, so it may still be on its way after sync().
    session.pause();
    session.sync();
    CHECK(testing::waitUntil([&] { return calls > 0; }, std::chrono::seconds(5)));
    Scene other = defaultScene();
    other.playing = false;
    session.replaceScene(other);
    const int before = calls;
    session.step(3);
    session.sync();
    CHECK(testing::waitUntil([&] { return calls > before; }, std::chrono::seconds(5)));
    session.setPublishListener({});  // waits for a call in progress: `calls` outlives every call
}

TEST_CASE("a racer's colour and follow flag have one copy, the session's; the scene gets them from there") {
    Scene scene = defaultScene();
    scene.optimizers[0].colour = 0xcc79a7;
    Session session(scene);
    const int added = session.addOptimizer("adam");
    session.setColour(added, colourFromRgb(0x0072b2));
    session.setFollowsShared(1, false);
    for (const auto& path : session.sync()->paths) {
        CHECK_FALSE(path.settings.colour.has_value());
        CHECK_FALSE(path.settings.followsSharedStart);
    }
    const Scene saved = session.toScene();
    CHECK(saved.optimizers[0].colour == 0xcc79a7u);
    CHECK_FALSE(saved.optimizers[0].followsSharedStart);
    CHECK(saved.optimizers[1].followsSharedStart);
    CHECK(saved.optimizers.back().colour == 0x0072b2u);
}

TEST_CASE("a session races on the network it is handed instead of making the scene's (render --problem-file)") {
    ProblemSpec spec;
    spec.layers = {2, 4, 1};
    spec.data.samples = 32;
    // The handed network: another seed's weights than the spec's, so which one races shows.
    ProblemSpec other = spec;
    other.seed = 7;
    const std::shared_ptr<const NetworkProblem> handed = makeProblem(other);
    Scene scene = defaultScene();
    scene.optimizers.resize(1);
    scene.steps = 5;
    scene.problem = spec;
    Session session(scene, handed);
    const auto snapshot = session.sync();
    CHECK(snapshot->problem == handed);
    REQUIRE(snapshot->paths.front().trajectory->losses.size() == 6);
    CHECK(snapshot->paths.front().trajectory->losses.front() == handed->valueAt(handed->initialParameters()));
    CHECK(session.toScene().problem == spec);
    // Without one, the scene's spec is made: its own weights.
    Session made(scene);
    const auto madeSnapshot = made.sync();
    CHECK(madeSnapshot->problem != handed);
    CHECK(madeSnapshot->paths.front().trajectory->losses.front() != handed->valueAt(handed->initialParameters()));
    // A network read from a file has no spec: the scene says none.
    scene.problem.reset();
    CHECK_FALSE(Session(scene, handed).toScene().problem);
}

TEST_CASE("a lesson's linearized racer and sharpness stride reach the solver, and the scene saves them back") {
    Scene scene = loadScene(std::string(GRADSCAPE_ASSETS_DIR) + "/lessons/19-lazy-training.json");
    scene.steps = 20;
    scene.sharpnessEvery = 5;
    Session session(scene);
    auto snapshot = session.sync();
    REQUIRE(snapshot->paths.size() == 2);
    CHECK(snapshot->sharpnessEvery == 5);
    CHECK(snapshot->paths[1].settings.linearized);
    // The linearized racer descends f(w0) + J(w0)(w - w0): another loss than the network's after step 0.
    const double network = snapshot->paths[0].trajectory->losses[20], lazy = snapshot->paths[1].trajectory->losses[20];
    CHECK(snapshot->paths[0].trajectory->losses[0] == snapshot->paths[1].trajectory->losses[0]);
    CHECK(network != lazy);
    Scene saved = session.toScene();
    CHECK(saved.sharpnessEvery == 5);
    CHECK(saved.optimizers[1].linearized);
    // The network section's switches: racer 2 back on the network, the sharpness off.
    session.setLinearized(2, false);
    session.setSharpnessEvery(0);
    snapshot = session.sync();
    CHECK_FALSE(snapshot->paths[1].settings.linearized);
    CHECK(snapshot->paths[1].trajectory->losses[20] == network);
    CHECK(snapshot->sharpnessEvery == 0);
    saved = session.toScene();
    CHECK_FALSE(saved.optimizers[1].linearized);
    CHECK(saved.sharpnessEvery == 0);
}
