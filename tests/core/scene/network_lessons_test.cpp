// The network lessons' promises (issue 15), each performed as the window would: the lesson scene loaded, its
// racers trained on the scene's network, the plane the prompt asks for made from their paths, and what the
// text says measured.

#include "networks/linearized_problem.h"
#include "networks/problem_spec.h"
#include "networks/sharpness.h"
#include "optimizers/parameter_optimizer.h"
#include "optimizers/stability.h"
#include "optimizers/racer_labels.h"
#include "race/solver.h"
#include "scene/scene_file.h"
#include "view/loss_plane.h"

#include <doctest/doctest.h>

#include <cmath>

using namespace gradscape;

namespace {

Scene networkLesson(const std::string& stem) {
    return loadScene(std::string(GRADSCAPE_ASSETS_DIR) + "/lessons/" + stem + ".json");
}

// Every racer of the scene trained for the scene's steps, as the solver trains them.
std::vector<ParameterPath> trainRacers(const Scene& scene, const Problem& problem) {
    std::vector<ParameterPath> paths;
    for (const auto& racer : scene.optimizers) {
        auto optimizer = makeParameterOptimizer(racer.kind, racer.hyperparameters);
        paths.push_back(startParameterPath(problem, problem.initialParameters()));
        advanceParameterPath(paths.back(), *optimizer, problem, scene.steps);
    }
    return paths;
}

struct SlicedRace {
    LossPlane plane;
    std::vector<ProjectedPath> projections;
};

SlicedRace slice(const Scene& scene, const Problem& problem, const std::vector<ParameterPath>& paths, PlaneKind kind) {
    const std::vector<std::string> labels = racerLabels(scene.optimizers);
    std::vector<PlanePath> planePaths;
    for (std::size_t i = 0; i < paths.size(); ++i)
        planePaths.push_back({labels[i], &paths[i]});
    SlicedRace race{makeLossPlane(problem, {kind, scene.plane.seed}, planePaths), {}};
    for (const auto& path : paths)
        race.projections.push_back(projectPath(problem, race.plane, path));
    return race;
}

}  // namespace

TEST_CASE("lesson 18, a real network's landscape: the pca plane's honest numbers, the random plane's blind spot") {
    const Scene scene = networkLesson("18-network-slice");
    REQUIRE(scene.problem.has_value());
    CHECK(scene.plane.kind == PlaneKind::Principal);
    auto problem = makeProblem(*scene.problem);
    CHECK(problem->dimension() == 337);
    const auto paths = trainRacers(scene, *problem);
    const SlicedRace pca = slice(scene, *problem, paths, PlaneKind::Principal);
    const SlicedRace random = slice(scene, *problem, paths, PlaneKind::Random);
    const SlicedRace points = slice(scene, *problem, paths, PlaneKind::Points);
    REQUIRE(paths.size() == 3);  // GD, momentum, Adam
    // The explanation: the pca plane's shares of the variance, and the first racer's decision regions.
    CHECK(std::lround(100 * pca.plane.explainedVariance[0]) == 73);
    CHECK(std::lround(100 * pca.plane.explainedVariance[1]) == 22);
    CHECK(pca.plane.origin == paths[0].last);
    // Prompt 1: 65% of GD's motion, 91% of Adam's; the start 1.8 off the plane, 0.31 under it against 0.69.
    CHECK(std::lround(100 * pca.projections[0].explained) == 65);
    CHECK(std::lround(100 * pca.projections[2].explained) == 91);
    CHECK(std::lround(10 * pca.projections[0].distance.front()) == 18);
    CHECK(std::lround(100 * pca.projections[0].planeLoss.front()) == 31);
    CHECK(std::lround(100 * pca.projections[0].trueLoss.front()) == 69);
    // Prompt 2: under 2% of every racer's motion on the random plane, and 0.04 under the start.
    for (const ProjectedPath& p : random.projections)
        CHECK(p.explained < 0.02);
    CHECK(std::lround(100 * random.projections[0].planeLoss.front()) == 4);
    CHECK(random.plane.origin == paths[0].last);
    // Prompt 3: the three points on the plane; Adam up to 8.7 off it, 36% of its motion in it.
    CHECK(points.projections[0].distance.front() < 1e-9);
    CHECK((points.projections[0].points.back() - Vec2(1, 0)).norm() < 1e-9);
    CHECK((points.projections[1].points.back() - Vec2(0, 1)).norm() < 1e-9);
    CHECK(std::lround(10 * points.projections[2].maxDistance) == 87);
    CHECK(std::lround(100 * points.projections[2].explained) == 36);
    // The plane made from the scene is the one its solver shows (the lesson opens on pca).
    CHECK(makeLossPlane(*problem, scene.plane, std::vector<PlanePath>{{"GD", &paths[0]}, {"M", &paths[1]},
                                                                      {"A", &paths[2]}})
              .first == pca.plane.first);
}

namespace {

// The lazy-training lesson's race at one width, with eta = 1.6 / width as its prompts set it: the network and
// its linearization at w0 trained by gradient descent for the scene's steps.
struct LazyRace {
    double sharpnessAtStart = 0;
    double moved = 0;      // |w_net - w0| at the end
    double apart = 0;      // |w_lin - w_net| at the end
    double networkLoss = 0, linearizedLoss = 0;
};

LazyRace lazyRace(const Scene& scene, int width, double lr) {
    ProblemSpec spec = *scene.problem;
    spec.layers = {1, width, 1};
    auto network = makeProblem(spec);
    const LinearizedNetworkProblem linear(network);
    Hyperparameters h = scene.optimizers[0].hyperparameters;
    h.learningRate = lr;
    auto a = makeParameterOptimizer("gd", h), b = makeParameterOptimizer("gd", h);
    ParameterPath own = startParameterPath(*network, network->initialParameters());
    ParameterPath lazy = startParameterPath(linear, linear.initialParameters());
    advanceParameterPath(own, *a, *network, scene.steps);
    advanceParameterPath(lazy, *b, linear, scene.steps);
    return {sharpnessAt(*network, network->initialParameters()), (own.last - own.iterates[0]).norm(),
            (lazy.last - own.last).norm(), own.losses[static_cast<std::size_t>(scene.steps)],
            lazy.losses[static_cast<std::size_t>(scene.steps)]};
}

double rounded(double value, double unit) {
    return std::round(value / unit) * unit;
}

}  // namespace

TEST_CASE("lesson 19, lazy training: the wider the network, the closer it trains to its linearization") {
    const Scene scene = networkLesson("19-lazy-training");
    REQUIRE(scene.problem.has_value());
    REQUIRE(scene.optimizers.size() == 2);
    CHECK_FALSE(scene.optimizers[0].linearized);
    CHECK(scene.optimizers[1].linearized);
    CHECK(scene.optimizers[0].hyperparameters == scene.optimizers[1].hyperparameters);
    CHECK(scene.problem->layers == std::vector<int>{1, 16, 1});
    CHECK(scene.optimizers[0].hyperparameters.learningRate == 1.6 / 16);
    CHECK(scene.steps == 300);
    // Prompt 1, width 16: the weights move 1.4; the linearization ends 0.66 from them; losses 0.014, 0.017.
    const LazyRace narrow = lazyRace(scene, 16, 0.1);
    CHECK(rounded(narrow.moved, 0.1) == doctest::Approx(1.4));
    CHECK(rounded(narrow.apart, 0.01) == doctest::Approx(0.66));
    CHECK(narrow.apart / narrow.moved == doctest::Approx(0.5).epsilon(0.05));
    CHECK(rounded(narrow.networkLoss, 0.001) == doctest::Approx(0.014));
    CHECK(rounded(narrow.linearizedLoss, 0.001) == doctest::Approx(0.017));
    // Prompt 2, width 256 at 0.00625: sharpness 154 at the start, moved 0.40, 0.021 apart (5%), losses
    // 0.0165 and 0.0166, apart in the fourth decimal only.
    const LazyRace wide = lazyRace(scene, 256, 0.00625);
    CHECK(std::lround(wide.sharpnessAtStart) == 154);
    CHECK(rounded(wide.moved, 0.01) == doctest::Approx(0.40));
    CHECK(rounded(wide.apart, 0.001) == doctest::Approx(0.021));
    CHECK(std::lround(100 * wide.apart / wide.moved) == 5);
    CHECK(rounded(wide.networkLoss, 0.0001) == doctest::Approx(0.0165));
    CHECK(rounded(wide.linearizedLoss, 0.0001) == doctest::Approx(0.0166));
    CHECK(std::abs(wide.networkLoss - wide.linearizedLoss) < 5e-4);
    // Prompt 3, width 1024 at 0.0015625: 0.0030 apart after moving 0.20 (1.5%).
    const LazyRace wider = lazyRace(scene, 1024, 0.0015625);
    CHECK(rounded(wider.apart, 0.0001) == doctest::Approx(0.0030));
    CHECK(rounded(wider.moved, 0.01) == doctest::Approx(0.20));
    CHECK(rounded(100 * wider.apart / wider.moved, 0.1) == doctest::Approx(1.5));
    // The explanation: the sharpness at the start is about 0.6 x width, so eta = 1.6 / width stays under 2 / it.
    for (const LazyRace* race : {&narrow, &wide, &wider}) {
        const double width = race == &narrow ? 16 : race == &wide ? 256 : 1024;
        CHECK(race->sharpnessAtStart / width == doctest::Approx(0.58).epsilon(0.05));
        CHECK(1.6 / width < 2 / race->sharpnessAtStart);
    }
}

TEST_CASE("lesson 20, the edge of stability: the sharpness climbs past 2/eta, the loss spikes, the sharpness falls back") {
    const Scene scene = networkLesson("20-edge-of-stability");
    REQUIRE(scene.problem.has_value());
    CHECK(scene.sharpnessEvery == 10);
    CHECK(scene.steps == 1000);
    auto problem = makeProblem(*scene.problem);
    CHECK(problem->dimension() == 1185);
    const auto paths = trainRacers(scene, *problem);
    REQUIRE(paths.size() == 2);
    // The sharpness as the solver tracks it: every 10 steps, Lanczos warm-started point to point.
    const auto fast = sharpnessAlongIterates(*problem, paths[0].iterates, paths[0].keptStride, 10, kTrackedSharpness);
    const auto slow = sharpnessAlongIterates(*problem, paths[1].iterates, paths[1].keptStride, 10, kTrackedSharpness);
    REQUIRE(fast.size() == 101);
    const auto at = [&](long step) { return fast[static_cast<std::size_t>(step / 10)].sharpness; };
    std::vector<double> loss;
    for (std::size_t k = 0; k < paths[0].losses.size(); ++k)
        loss.push_back(paths[0].losses[k]);
    // The edges the plot draws: 2 / eta.
    CHECK(*sharpnessEdge(scene.optimizers[0]) == doctest::Approx(20));
    CHECK(*sharpnessEdge(scene.optimizers[1]) == doctest::Approx(40));
    // Prompt 1: 7.6 at the start, past 20 first at step 660, 25.2 at step 790 (the highest), the loss falling
    // to 0.024 at step 784.
    CHECK(rounded(at(0), 0.1) == doctest::Approx(7.6));
    long crossing = -1, peakStep = 0;
    for (const SharpnessSample& s : fast) {
        if (crossing < 0 && s.sharpness >= 20) crossing = s.step;
        if (s.sharpness > at(peakStep)) peakStep = s.step;
    }
    CHECK(crossing == 660);
    CHECK(peakStep == 790);
    CHECK(rounded(at(790), 0.1) == doctest::Approx(25.2));
    for (std::size_t k = 1; k <= 784; ++k)
        CHECK(loss[k] < loss[k - 1]);
    CHECK(rounded(loss[784], 0.001) == doctest::Approx(0.024));
    // Prompt 2: the loss jumps to 0.65 at step 798 (its highest after the start), the sharpness is 15.0 at
    // step 810, the loss under 0.03 again by step 805, and the sharpness 19.2 at step 1000.
    const auto highest = std::max_element(loss.begin() + 100, loss.end());
    CHECK(highest - loss.begin() == 798);
    CHECK(rounded(*highest, 0.01) == doctest::Approx(0.65));
    CHECK(798 - 784 == 14);
    CHECK(rounded(at(810), 0.1) == doctest::Approx(15.0));
    CHECK(at(810) < 20);
    CHECK(loss[805] < 0.03);
    CHECK(rounded(at(1000), 0.1) == doctest::Approx(19.2));
    // Prompt 3: eta = 0.05 rises to 13.8 by step 1000, under its edge 40 throughout, and its loss falls at
    // every step.
    REQUIRE(slow.size() == 101);
    CHECK(rounded(slow.back().sharpness, 0.1) == doctest::Approx(13.8));
    for (const SharpnessSample& s : slow)
        CHECK(s.sharpness < 40);
    for (std::size_t k = 1; k < paths[1].losses.size(); ++k)
        CHECK(paths[1].losses[k] < paths[1].losses[k - 1]);
}
